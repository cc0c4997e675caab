/*
 * plat/sysreg.h (arm64): system register access.
 *
 * The register fields themselves are in plat/sysreg_bits.h (pure, shared with the host
 * tests).
 */
#ifndef RINGO_PLAT_SYSREG_H
#define RINGO_PLAT_SYSREG_H

#ifndef __ASSEMBLY__
#include "types.h"

#define read_sysreg(name)                                               \
	({                                                              \
		uint64_t read_value_;                                   \
		__asm__ volatile("mrs %0, " #name : "=r"(read_value_)); \
		read_value_;                                            \
	})

#define write_sysreg(name, value)                                                 \
	do {                                                                      \
		uint64_t value_ = (value);                                        \
		__asm__ volatile("msr " #name ", %0" : : "r"(value_) : "memory"); \
	} while (0)

static inline void isb(void)
{
	__asm__ volatile("isb" : : : "memory");
}

static inline void dsb_ish(void)
{
	__asm__ volatile("dsb ish" : : : "memory");
}

static inline void dsb_sy(void)
{
	__asm__ volatile("dsb sy" : : : "memory");
}
#endif

#include "plat/sysreg_bits.h"

#endif
