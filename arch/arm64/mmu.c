/*
 * mmu.c: Ringo's EL2 translation regime, an identity map built once at boot.
 *
 * The hypervisor reaches all of RAM at its machine address (arch_mm_maddr_to_virt is the
 * identity), so the frame allocator, the domain builder and guest copies need no temporary
 * mappings. The map uses 2 MiB blocks under one level-1 table (TTBR0_EL2, 39-bit
 * addresses, 4 KiB granule): RAM as normal write-back inner-shareable memory, the devices
 * Ringo drives as Device-nGnRnE and never executable. RAM that does not fill a whole block
 * is left out and not reported to the frame allocator. The tables are written with the MMU
 * and D-cache off, so stale cache lines over the image are dropped before the MMU goes on.
 */
#include "arch/mm.h"
#include "check.h"
#include "plat/boot.h"
#include "plat/cache.h"
#include "plat/mmu.h"
#include "plat/pte.h"

#define MMU_VA_BITS 39
#define MMU_L2_TABLES 8 /* each maps 1 GiB of RAM or MMIO */

#define BLOCK_RAM \
	(PTE_BLOCK | PTE_ATTR_INDEX(MAIR_IDX_NORMAL) | PTE_AP_EL2_RES1 | PTE_SH_INNER | PTE_AF)
#define BLOCK_DEVICE \
	(PTE_BLOCK | PTE_ATTR_INDEX(MAIR_IDX_DEVICE) | PTE_AP_EL2_RES1 | PTE_AF | PTE_XN)

static uint64_t l1_table[PT_ENTRIES] __attribute__((aligned(PAGE_SIZE)));
static uint64_t l2_tables[MMU_L2_TABLES][PT_ENTRIES] __attribute__((aligned(PAGE_SIZE)));
static unsigned int l2_used;

static struct mem_range ram_mapped[BOOT_MAX_RANGES];
static unsigned int ram_mapped_count;
/* Aligned so that its two words load as one pair. */
alignas(16) struct mem_range mmu_ram_first;
static uint64_t directmap_end;

void *arch_mm_maddr_to_virt(maddr_t addr)
{
	return mmu_maddr_to_virt(addr);
}

maddr_t arch_mm_directmap_end(void)
{
	return maddr(directmap_end);
}

/* The level-2 table covering addr's gigabyte, created on first use; NULL if none left. */
static uint64_t *l2_table_for(uint64_t addr)
{
	uint64_t *entry = &l1_table[(addr >> PT_L1_SHIFT) & PT_INDEX_MASK];
	uint64_t *table;

	if (addr >> MMU_VA_BITS) {
		return NULL;
	}
	if (*entry & PTE_VALID) {
		return (uint64_t *)(uintptr_t)(*entry & PTE_ADDR_MASK);
	}
	if (l2_used == MMU_L2_TABLES) {
		return NULL;
	}
	table = l2_tables[l2_used++];
	*entry = (uint64_t)(uintptr_t)table | PTE_TABLE;
	return table;
}

/* Maps the 2 MiB block at addr unless something is mapped there already (RAM wins). */
static bool map_block(uint64_t addr, uint64_t attributes)
{
	uint64_t *table = l2_table_for(addr);
	uint64_t *entry;

	if (!table) {
		return false;
	}
	entry = &table[(addr >> PT_L2_SHIFT) & PT_INDEX_MASK];
	if (!(*entry & PTE_VALID)) {
		*entry = addr | attributes;
	}
	return true;
}

/* Maps the whole blocks of range and shrinks it to what was mapped. */
static void map_ram(struct mem_range *range)
{
	uint64_t start = round_up_u64(maddr_value(range->start), PT_L2_SIZE);
	uint64_t end = round_down_u64(maddr_value(range->start) + range->size, PT_L2_SIZE);
	uint64_t addr = start;

	while (addr < end && map_block(addr, BLOCK_RAM)) {
		addr += PT_L2_SIZE;
	}
	*range = (struct mem_range){maddr(start), addr > start ? addr - start : 0};
	if (range->size) {
		if (!ram_mapped_count) {
			mmu_ram_first = *range;
		}
		ram_mapped[ram_mapped_count++] = *range;
		directmap_end = addr > directmap_end ? addr : directmap_end;
	}
}

static void map_device(const struct mmio_range *device)
{
	uint64_t start = round_down_u64(maddr_value(device->base), PT_L2_SIZE);
	uint64_t end = round_up_u64(maddr_value(device->base) + device->size, PT_L2_SIZE);

	for (uint64_t addr = start; addr < end; addr += PT_L2_SIZE) {
		if (!map_block(addr, BLOCK_DEVICE)) {
			panic("no EL2 mapping for the device at 0x%lx",
			      (unsigned long)maddr_value(device->base));
		}
	}
}

bool mmu_is_ram(maddr_t addr, uint64_t len)
{
	uint64_t start = maddr_value(addr);

	for (unsigned int i = 0; i < ram_mapped_count; i++) {
		uint64_t base = maddr_value(ram_mapped[i].start);

		if (start >= base && start - base <= ram_mapped[i].size &&
		    len <= ram_mapped[i].size - (start - base)) {
			return true;
		}
	}
	return false;
}

static uint64_t tcr_el2_value(void)
{
	uint64_t parange = read_sysreg(id_aa64mmfr0_el1) & MMFR0_PARANGE_MASK;
	uint64_t ps = parange < PARANGE_40BITS ? parange : PARANGE_40BITS;

	return TCR_EL2_RES1 | TCR_T0SZ(MMU_VA_BITS) | TCR_IRGN0_WBWA | TCR_ORGN0_WBWA |
	       TCR_SH0_INNER | TCR_TG0_4K | (ps << TCR_EL2_PS_SHIFT);
}

static void mmu_enable(void)
{
	dcache_invalidate_range(_start, _end);
	write_sysreg(mair_el2, MAIR_VALUE);
	write_sysreg(tcr_el2, tcr_el2_value());
	write_sysreg(ttbr0_el2, (uint64_t)(uintptr_t)l1_table);
	isb();
	__asm__ volatile("tlbi alle2" : : : "memory");
	dsb_ish();
	icache_invalidate_all();
	write_sysreg(sctlr_el2, SCTLR_EL2_RES1 | SCTLR_M | SCTLR_C | SCTLR_I | SCTLR_SA);
	isb();
}

void mmu_init(struct boot_info *info, const struct platform_info *platform)
{
	const struct mmio_range *devices[] = {&platform->uart, &platform->gicd, &platform->gicr,
					      &platform->rtc};

	for (unsigned int i = 0; i < info->ram_count; i++) {
		map_ram(&info->ram[i]);
	}
	if (!mmu_is_ram(maddr((uintptr_t)_start), (uint64_t)(_end - _start))) {
		panic("the hypervisor image at %p is not in mapped RAM", (void *)_start);
	}
	for (unsigned int i = 0; i < ARRAY_SIZE(devices); i++) {
		if (devices[i]->size) {
			map_device(devices[i]);
		}
	}
	mmu_enable();
}
