/*
 * plat/hvc_abi.h (arm64): the hypercall instruction of the guest ABI (ABI.md section 8),
 * for C and assembly alike.
 *
 * `hvc #0xEA1` is a hypercall; the exception entry recognises one by its whole syndrome
 * (EC = HVC64, IL set, ISS = the immediate), which hvc.c checks against plat/esr.h.
 */
#ifndef RINGO_PLAT_HVC_ABI_H
#define RINGO_PLAT_HVC_ABI_H

#define RINGO_HVC_IMMEDIATE 0xEA1
#define RINGO_HVC_NUMBER_REGISTER 16

/* ESR_EL2 of `hvc #0xEA1` from AArch64: EC 0x16 << 26 | IL | the immediate. */
#define ESR_RINGO_HVC_HIGH 0x5a00
#define ESR_RINGO_HVC_LOW RINGO_HVC_IMMEDIATE
#define ESR_RINGO_HVC ((ESR_RINGO_HVC_HIGH << 16) | ESR_RINGO_HVC_LOW)

#endif
