/*
 * plat/esr.h (arm64): decoding the exception syndrome (ESR_ELx).
 *
 * The exception class selects the trap handler (traps.c); the ISS encodings below are those
 * of the classes Ringo handles: HVC/SMC immediates, WFx, and MSR/MRS/SYS accesses.
 */
#ifndef RINGO_PLAT_ESR_H
#define RINGO_PLAT_ESR_H

#include "types.h"

#define ESR_EC_SHIFT 26
#define ESR_EC_MASK 0x3fUL
#define ESR_IL (1UL << 25)
#define ESR_ISS_MASK 0x1ffffffUL

#define EC_UNKNOWN 0x00
#define EC_WFX 0x01
#define EC_FP_ASIMD 0x07
#define EC_HVC64 0x16
#define EC_SMC64 0x17
#define EC_SYSREG 0x18
#define EC_DABT_LOWER 0x24
#define EC_DABT_CURRENT 0x25
#define EC_COUNT 64

/* ISS of a data abort: cache maintenance, write (always set for cache maintenance) */
#define DABT_ISS_CM (1UL << 8)
#define DABT_ISS_WNR (1UL << 6)
#define DABT_ISS_DFSC_MASK 0x3fUL

/* ISS of an MSR/MRS/SYS trap (EC_SYSREG) */
#define SYSREG_ISS_READ 1UL
#define SYSREG_ISS_RT_SHIFT 5
#define SYSREG_ISS_RT_MASK 0x1fUL
/* The encoding fields op0, op1, CRn, CRm, op2 with the direction and Rt masked out. */
#define SYSREG_ISS_ENCODING_MASK 0x3ffc1eUL

/* The ISS encoding of an access to (op0, op1, CRn, CRm, op2), as in the trap syndrome. */
#define SYSREG_ISS(op0, op1, crn, crm, op2)                            \
	(((unsigned long)(op0) << 20) | ((unsigned long)(op2) << 17) | \
	 ((unsigned long)(op1) << 14) | ((unsigned long)(crn) << 10) | \
	 ((unsigned long)(crm) << 1))

static inline unsigned int esr_class(uint64_t esr)
{
	return (unsigned int)((esr >> ESR_EC_SHIFT) & ESR_EC_MASK);
}

static inline uint64_t esr_iss(uint64_t esr)
{
	return esr & ESR_ISS_MASK;
}

#endif
