/*
 * plat/offsets.h (arm64): structure offsets and sizes the assembly code uses.
 *
 * Assembly cannot see C structures, so the figures are written here once and offsets.c
 * checks every one against the C layout at compile time: a change to struct guest_regs that
 * is not mirrored here fails the build instead of corrupting guest state.
 */
#ifndef RINGO_PLAT_OFFSETS_H
#define RINGO_PLAT_OFFSETS_H

#define GUEST_REGS_HCALL_NUMBER 0
#define GUEST_REGS_X0 8
#define GUEST_REGS_X2 24
#define GUEST_REGS_X4 40
#define GUEST_REGS_X6 56
#define GUEST_REGS_X8 72
#define GUEST_REGS_X10 88
#define GUEST_REGS_X12 104
#define GUEST_REGS_X14 120
#define GUEST_REGS_X16 136
#define GUEST_REGS_X18 152
#define GUEST_REGS_X20 168
#define GUEST_REGS_X22 184
#define GUEST_REGS_X24 200
#define GUEST_REGS_X26 216
#define GUEST_REGS_X28 232
#define GUEST_REGS_X30 248
#define GUEST_REGS_ELR 256
#define GUEST_REGS_SPSR 264
#define GUEST_REGS_SIZE 272
/* struct arch_vcpu's vcpu_info pointer, from its guest_regs frame. */
#define FRAME_VCPU_INFO 272
/* evtchn_upcall_pending and evtchn_upcall_mask, the first two bytes of a vcpu_info. */
#define VCPU_INFO_UPCALL_PENDING 0

/*
 * struct vcpu (core/include/domain.h), for the hypercall entry: where its entry counter is,
 * and where its struct guest_regs sits (the frame TPIDR_EL2 names is v->arch.regs, so
 * frame - VCPU_ARCH_REGS is v).
 */
#define VCPU_HYPERVISOR_ENTRIES 16
#define VCPU_ARCH_REGS 40

/* HYPERCALL_TABLE_SIZE of core/include/hypercall.h, which is C only. */
#define HCALL_TABLE_SIZE 64

/* The hypervisor's one stack (boot, then every trap); 16-byte aligned. */
#define HV_STACK_SIZE 16384

#endif
