/*
 * plat/offsets.h (arm64): structure offsets and sizes the assembly code uses.
 *
 * Assembly cannot see C structures, so the figures are written here once and offsets.c
 * checks every one against the C layout at compile time: a change to struct guest_regs that
 * is not mirrored here fails the build instead of corrupting guest state.
 */
#ifndef RINGO_PLAT_OFFSETS_H
#define RINGO_PLAT_OFFSETS_H

#define GUEST_REGS_X0 0
#define GUEST_REGS_X2 16
#define GUEST_REGS_X4 32
#define GUEST_REGS_X6 48
#define GUEST_REGS_X8 64
#define GUEST_REGS_X10 80
#define GUEST_REGS_X12 96
#define GUEST_REGS_X14 112
#define GUEST_REGS_X16 128
#define GUEST_REGS_X18 144
#define GUEST_REGS_X20 160
#define GUEST_REGS_X22 176
#define GUEST_REGS_X24 192
#define GUEST_REGS_X26 208
#define GUEST_REGS_X28 224
#define GUEST_REGS_X30 240
#define GUEST_REGS_ELR 256
#define GUEST_REGS_SPSR 264
#define GUEST_REGS_SIZE 272

/* The hypervisor's one stack (boot, then every trap); 16-byte aligned. */
#define HV_STACK_SIZE 16384

#endif
