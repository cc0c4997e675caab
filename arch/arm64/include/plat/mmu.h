/*
 * plat/mmu.h (arm64): Ringo's own EL2 translation regime.
 *
 * An identity map: RAM as normal write-back memory, the devices Ringo drives as
 * Device-nGnRnE, in 2 MiB blocks under one level-1 table (39-bit addresses).
 */
#ifndef RINGO_PLAT_MMU_H
#define RINGO_PLAT_MMU_H

#include "bootinfo.h"
#include "plat/platform.h"

/*
 * Maps the RAM ranges of info (trimming each to the whole 2 MiB blocks that were mapped)
 * and the platform's devices, then turns the MMU and caches on. Called once, with the MMU
 * off; panics if the hypervisor's own image would not be mapped.
 */
void mmu_init(struct boot_info *info, const struct platform_info *platform);

/* Where Ringo reaches machine address addr: the map is the identity (arch_mm_maddr_to_virt). */
static inline void *mmu_maddr_to_virt(maddr_t addr)
{
	return (void *)(uintptr_t)maddr_value(addr);
}

/* True when [addr, addr + len) is RAM in the identity map. */
bool mmu_is_ram(maddr_t addr, uint64_t len);

/*
 * The first RAM range of the identity map: on QEMU virt, and on most boards, all of RAM.
 * Set once by mmu_init; read by mmu_is_ram_page, which the validator runs for every entry
 * it accepts and guest copies for every page.
 */
extern struct mem_range mmu_ram_first;

/* True when the page-aligned frame at page lies in mmu_ram_first. */
static inline bool mmu_page_in_first_ram(maddr_t page)
{
	/* Ranges are whole 2 MiB blocks, so a page that starts inside one ends inside it. */
	return maddr_value(page) - maddr_value(mmu_ram_first.start) < mmu_ram_first.size;
}

/* True when the page-aligned frame at page is RAM in the identity map. */
static inline bool mmu_is_ram_page(maddr_t page)
{
	return mmu_page_in_first_ram(page) || mmu_is_ram(page, PAGE_SIZE);
}

#endif
