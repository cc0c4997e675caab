/*
 * plat/cache.h (arm64): cache maintenance by virtual address.
 *
 * Ringo's addresses are machine addresses (identity map), so a range of hypervisor
 * pointers is also a range of guest frames.
 */
#ifndef RINGO_PLAT_CACHE_H
#define RINGO_PLAT_CACHE_H

#include "plat/sysreg.h"

static inline uint64_t dcache_line_size(void)
{
	uint64_t ctr = read_sysreg(ctr_el0);

	return 4UL << ((ctr >> CTR_DMINLINE_SHIFT) & CTR_DMINLINE_MASK);
}

/* Discards cached copies of [start, end) (memory written with the D-cache off). */
static inline void dcache_invalidate_range(const void *start, const void *end)
{
	uint64_t line = dcache_line_size();

	for (uintptr_t addr = (uintptr_t)start & ~(line - 1); addr < (uintptr_t)end; addr += line) {
		__asm__ volatile("dc ivac, %0" : : "r"(addr) : "memory");
	}
	dsb_sy();
}

/* Makes [start, end) visible to instruction fetches: clean to the point of unification. */
static inline void dcache_clean_pou_range(const void *start, const void *end)
{
	uint64_t line = dcache_line_size();

	for (uintptr_t addr = (uintptr_t)start & ~(line - 1); addr < (uintptr_t)end; addr += line) {
		__asm__ volatile("dc cvau, %0" : : "r"(addr) : "memory");
	}
	dsb_ish();
}

static inline void icache_invalidate_all(void)
{
	__asm__ volatile("ic ialluis" : : : "memory");
	dsb_ish();
	isb();
}

/* Writes back and drops [start, end) to the point of coherency: nothing is lost. */
static inline void dcache_clean_invalidate_range(const void *start, const void *end)
{
	uint64_t line = dcache_line_size();

	for (uintptr_t addr = (uintptr_t)start & ~(line - 1); addr < (uintptr_t)end; addr += line) {
		__asm__ volatile("dc civac, %0" : : "r"(addr) : "memory");
	}
	dsb_sy();
}

#endif
