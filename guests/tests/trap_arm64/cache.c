/*
 * cache.c: cache maintenance a guest cannot do on the hardware (HCR_EL2.TSW, HCR_EL2.TPC).
 *
 * Set/way operations would clean or discard whatever line sits at a set and way, other
 * domains' included; data-cache invalidation by VA would, with stage 2 off, really discard
 * dirty lines. Ringo emulates both without ever losing data: a full set/way walk, as a
 * kernel does before turning its caches off, completes and leaves memory intact; DC IVAC
 * keeps what was written; and the emulation faults exactly where the instruction would
 * (a read-only page for an invalidate, an unmapped address for any of them), as a data
 * abort taken by the guest's own vector.
 */
#include "trap_arm64.h"

#define CLIDR_CTYPE(clidr, level) (((clidr) >> (3 * (level))) & 7)
#define CTYPE_DATA_OR_UNIFIED 2
#define CCSIDR_LINE(ccsidr) (((ccsidr)&7) + 4)
#define CCSIDR_WAYS(ccsidr) ((((ccsidr) >> 3) & 0x3ff) + 1)
#define CCSIDR_SETS(ccsidr) ((((ccsidr) >> 13) & 0x7fff) + 1)

static volatile uint64_t cache_buffer[64] __attribute__((aligned(64)));

static unsigned int log2_up(uint64_t value)
{
	unsigned int bits = 0;

	while ((1ULL << bits) < value) {
		bits++;
	}
	return bits;
}

/* DC CISW over every set and way of one cache level; returns the operations issued. */
static uint64_t clean_invalidate_level(unsigned int level)
{
	uint64_t ccsidr;
	unsigned int way_shift;
	uint64_t count = 0;

	__asm__ volatile("msr csselr_el1, %0\n\tisb" : : "r"((uint64_t)level << 1) : "memory");
	ccsidr = read_sysreg(ccsidr_el1);
	way_shift = 32 - log2_up(CCSIDR_WAYS(ccsidr));
	for (uint64_t way = 0; way < CCSIDR_WAYS(ccsidr); way++) {
		for (uint64_t set = 0; set < CCSIDR_SETS(ccsidr); set++) {
			uint64_t operand = (way << way_shift) | (set << CCSIDR_LINE(ccsidr)) |
					   ((uint64_t)level << 1);

			__asm__ volatile("dc cisw, %0" : : "r"(operand) : "memory");
			count++;
		}
	}
	return count;
}

TEST(trap_set_way_full_walk)
{
	uint64_t clidr = read_sysreg(clidr_el1);
	uint64_t operations = 0;

	for (unsigned int i = 0; i < 64; i++) {
		cache_buffer[i] = 0x5e7a0000ULL + i;
	}
	vectors_install();
	for (unsigned int level = 0; level < 7; level++) {
		if (CLIDR_CTYPE(clidr, level) >= CTYPE_DATA_OR_UNIFIED) {
			operations += clean_invalidate_level(level);
		}
	}
	__asm__ volatile("dc isw, xzr\n\tdc csw, xzr\n\tdsb sy" : : : "memory");
	vectors_restore();
	EXPECT_EQ(trap_count, 0);
	EXPECT_TRUE(operations > 0);
	for (unsigned int i = 0; i < 64; i++) {
		EXPECT_EQ(cache_buffer[i], 0x5e7a0000ULL + i);
	}
	still_running();
}

TEST(trap_dc_ivac_keeps_data)
{
	cache_buffer[0] = 0x1dac;
	vectors_install();
	__asm__ volatile("dc ivac, %0\n\tdsb sy" : : "r"(&cache_buffer[0]) : "memory");
	__asm__ volatile("dc cvac, %0\n\tdc civac, %0\n\tdsb sy"
			 :
			 : "r"(&cache_buffer[8])
			 : "memory");
	vectors_restore();
	EXPECT_EQ(trap_count, 0);
	EXPECT_EQ(cache_buffer[0], 0x1dac);
}

/* One DC instruction at a recorded site; returns the site. */
#define DC_AT_SITE(op, va)                                       \
	({                                                       \
		uint64_t site_;                                  \
		vectors_install();                               \
		__asm__ volatile("adr %0, 1f\n1:\tdc " op ", %1" \
				 : "=&r"(site_)                  \
				 : "r"(va)                       \
				 : "memory");                    \
		vectors_restore();                               \
		site_;                                           \
	})

static void expect_cache_abort(uint64_t site, uint64_t va)
{
	EXPECT_EQ(trap_count, 1);
	EXPECT_EQ(trap_vector, VECTOR_CURRENT_SPX);
	EXPECT_EQ(trap_esr >> ESR_EC_SHIFT, ESR_EC_DABT_CURRENT);
	EXPECT_TRUE(trap_esr & ESR_ISS_CM);
	EXPECT_TRUE(trap_esr & ESR_ISS_WNR);
	EXPECT_EQ(trap_elr, site);
	EXPECT_EQ(trap_far, va);
}

TEST(trap_dc_ivac_readonly_abort)
{
	/* The bootstrap page tables are mapped read-only: no invalidating them. */
	uint64_t va = start_info->pt_base + 0x40;
	uint64_t site = DC_AT_SITE("ivac", va);

	expect_cache_abort(site, va);
	EXPECT_EQ(trap_esr & ESR_DFSC_MASK, DFSC_PERMISSION_L3);
	/* Cleaning needs only read access. */
	DC_AT_SITE("cvac", va);
	EXPECT_EQ(trap_count, 0);
	still_running();
}

TEST(trap_dc_civac_unmapped_abort)
{
	uint64_t va = guest_arch_unmapped_va + 0x80;
	uint64_t site = DC_AT_SITE("civac", va);

	expect_cache_abort(site, va);
	EXPECT_EQ(trap_esr & 0x3c, 0x04); /* a translation fault, at whichever level */
	still_running();
}
