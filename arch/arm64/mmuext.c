/*
 * mmuext.c: the mmuext_op commands whose effect is the arch's (core/include/arch/mmuext.h).
 *
 * ARM64 has no segments, so SET_LDT does not exist. FLUSH_CACHE (privileged callers only)
 * cleans and invalidates every data and unified cache level by set/way, at EL2: a clean
 * and invalidate writes dirty lines back before dropping them, so no domain loses data.
 */
#include "arch/mmuext.h"
#include "plat/sysreg.h"
#include "public/errno.h"

#define CLIDR_LEVELS 7
#define CLIDR_CTYPE_BITS 3
#define CTYPE_DATA 2 /* 2 data only, 3 separate I and D, 4 unified */
#define CCSIDR_LINE_MASK 7UL
#define CCSIDR_WAYS_SHIFT 3
#define CCSIDR_WAYS_MASK 0x3ffUL
#define CCSIDR_SETS_SHIFT 13
#define CCSIDR_SETS_MASK 0x7fffUL

int arch_mmuext_set_ldt(struct vcpu *v, unsigned long linear_addr, unsigned int nr_ents)
{
	(void)v;
	(void)linear_addr;
	(void)nr_ents;
	return -ENOSYS;
}

static unsigned int bits_for(uint64_t count)
{
	unsigned int bits = 0;

	while ((1UL << bits) < count) {
		bits++;
	}
	return bits;
}

static void clean_invalidate_level(unsigned int level)
{
	uint64_t ccsidr;
	uint64_t ways;
	uint64_t sets;
	unsigned int line_shift;
	unsigned int way_shift;

	write_sysreg(csselr_el1, (uint64_t)level << 1);
	isb();
	ccsidr = read_sysreg(ccsidr_el1);
	line_shift = (unsigned int)(ccsidr & CCSIDR_LINE_MASK) + 4;
	ways = ((ccsidr >> CCSIDR_WAYS_SHIFT) & CCSIDR_WAYS_MASK) + 1;
	sets = ((ccsidr >> CCSIDR_SETS_SHIFT) & CCSIDR_SETS_MASK) + 1;
	way_shift = 32 - bits_for(ways);
	for (uint64_t way = 0; way < ways; way++) {
		for (uint64_t set = 0; set < sets; set++) {
			uint64_t operand = (ways > 1 ? way << way_shift : 0) | (set << line_shift) |
					   ((uint64_t)level << 1);

			__asm__ volatile("dc cisw, %0" : : "r"(operand) : "memory");
		}
	}
}

int arch_mmuext_flush_cache(struct vcpu *v)
{
	uint64_t clidr = read_sysreg(clidr_el1);
	uint64_t csselr = read_sysreg(csselr_el1); /* the guest's: CSSELR_EL1 is EL1 state */

	(void)v;
	dsb_sy();
	for (unsigned int level = 0; level < CLIDR_LEVELS; level++) {
		if (((clidr >> (CLIDR_CTYPE_BITS * level)) & 7) >= CTYPE_DATA) {
			clean_invalidate_level(level);
		}
	}
	dsb_sy();
	write_sysreg(csselr_el1, csselr);
	isb();
	return 0;
}
