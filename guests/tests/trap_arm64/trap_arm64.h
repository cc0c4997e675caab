/*
 * trap_arm64.h: what the ARM64 trap tests share (trap_arm64.c, regime.c, cache.c).
 *
 * The tests install a recording EL1 vector table (arm64/trap_vectors.S) around an
 * instruction the hypervisor must refuse or emulate, then check what the guest's own vector
 * saw: which vector, ESR_EL1, ELR_EL1, SPSR_EL1 and FAR_EL1, and how many exceptions. The
 * recorder resumes after a faulting instruction, and where it was for an IRQ (an upcall).
 */
#ifndef TRAP_ARM64_H
#define TRAP_ARM64_H

#include "lib.h"
#include "test.h"

#define ESR_EC_SHIFT 26
#define ESR_UNDEFINED_IL (1ULL << 25) /* EC 0 (unknown), 32-bit instruction */
#define ESR_EC_DABT_CURRENT 0x25ULL
#define ESR_ISS_CM (1ULL << 8)
#define ESR_ISS_WNR (1ULL << 6)
#define ESR_DFSC_MASK 0x3fULL
#define DFSC_TRANSLATION_L3 0x07ULL
#define DFSC_PERMISSION_L3 0x0fULL
#define VECTOR_CURRENT_SPX 0x200
#define VECTOR_IRQ_CURRENT_SPX 0x280
#define VECTOR_IRQ_LOWER_A64 0x480

extern volatile uint64_t trap_vector;
extern volatile uint64_t trap_esr;
extern volatile uint64_t trap_elr;
extern volatile uint64_t trap_far;
extern volatile uint64_t trap_spsr;
extern volatile uint64_t trap_count;

#define read_sysreg(name)                                          \
	({                                                         \
		uint64_t value_;                                   \
		__asm__ volatile("mrs %0, " #name : "=r"(value_)); \
		value_;                                            \
	})

void vectors_install(void);
void vectors_restore(void);

/* The guest can still make a hypercall: the hypervisor is running on. */
void still_running(void);

/* The guest's own vector saw exactly one undefined instruction, at site. */
#define EXPECT_UNDEFINED_AT(site)                           \
	do {                                                \
		EXPECT_EQ(trap_count, 1);                   \
		EXPECT_EQ(trap_vector, VECTOR_CURRENT_SPX); \
		EXPECT_EQ(trap_esr, ESR_UNDEFINED_IL);      \
		EXPECT_EQ(trap_elr, (site));                \
	} while (0)

/*
 * msr <reg>, value at a recorded site, with the recorder installed; expands to the site's
 * address. The register keeps its old value when the write is refused.
 */
#define MSR_AT_SITE(reg, value)                                            \
	({                                                                 \
		uint64_t msr_site_;                                        \
		vectors_install();                                         \
		__asm__ volatile("adr %0, 1f\n1:\tmsr " #reg ", %1\n\tisb" \
				 : "=&r"(msr_site_)                        \
				 : "r"((uint64_t)(value))                  \
				 : "memory");                              \
		vectors_restore();                                         \
		msr_site_;                                                 \
	})

/* A refused write of value to reg: undefined instruction at the MSR, reg unchanged. */
#define EXPECT_MSR_REFUSED(reg, value)                    \
	do {                                              \
		uint64_t before_ = read_sysreg(reg);      \
		uint64_t site_ = MSR_AT_SITE(reg, value); \
		EXPECT_UNDEFINED_AT(site_);               \
		EXPECT_EQ(read_sysreg(reg), before_);     \
	} while (0)

/* An accepted write of value to reg: no exception, reg now reads value. */
#define EXPECT_MSR_APPLIED(reg, value)                \
	do {                                          \
		uint64_t wanted_ = (value);           \
		MSR_AT_SITE(reg, wanted_);            \
		EXPECT_EQ(trap_count, 0);             \
		EXPECT_EQ(read_sysreg(reg), wanted_); \
	} while (0)

#endif
