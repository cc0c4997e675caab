/*
 * pte.c (arm64 guest): the VMSAv8-64 stage-1 format behind pte.h (4 KiB granule, 39 bits).
 *
 * Three levels of 512 entries: level 1 holds pages (hardware level 3), level 3 is the
 * TTBR0_EL1 table (hardware level 1). A page entry is a page descriptor of Normal
 * write-back memory (AttrIndx 0: Ringo requires every MAIR_EL1 attribute to be that),
 * Inner Shareable, with the access flag set so the hardware never faults to set it. A
 * kernel page is EL1-only and never executable at EL0 (UXN); a user page is EL0-accessible
 * and executable at EL0 and, when read-only, at EL1 too (kernel text shared with user
 * programs; an EL0-writable page is never executable at EL1, by architecture). Table
 * entries carry no attributes. The base is TTBR0_EL1, which EL1 reads without a trap.
 */
#include "pte.h"

#define DESC_VALID (1ULL << 0)
#define DESC_TABLE (3ULL << 0) /* a table above level 1, a page at level 1 */
#define DESC_PAGE (3ULL << 0)
#define DESC_AP_EL0 (1ULL << 6)
#define DESC_AP_RO (1ULL << 7)
#define DESC_SH_INNER (3ULL << 8)
#define DESC_AF (1ULL << 10)
#define DESC_UXN (1ULL << 54)
#define DESC_ADDRESS_MASK 0x0000fffffffff000ULL
#define DESC_RESERVED_BIT (1ULL << 48) /* beyond a 48-bit output address */
#define TTBR_BADDR_MASK 0x0000fffffffff000ULL

unsigned int pt_levels(void)
{
	return 3;
}

unsigned int pt_entries(unsigned int level)
{
	(void)level;
	return 512;
}

static unsigned int level_shift(unsigned int level)
{
	return 12 + 9 * (level - 1);
}

unsigned int pt_index(unsigned long va, unsigned int level)
{
	return (unsigned int)((va >> level_shift(level)) & 511);
}

uint64_t pt_entry_span(unsigned int level)
{
	return 1ULL << level_shift(level);
}

bool pte_present(uint64_t pte, unsigned int level)
{
	(void)level;
	return pte & DESC_VALID;
}

uint64_t pte_mfn(uint64_t pte, unsigned int level)
{
	(void)level;
	return (pte & DESC_ADDRESS_MASK) >> 12;
}

bool pte_writable(uint64_t pte)
{
	return (pte & DESC_VALID) && !(pte & DESC_AP_RO);
}

uint64_t pte_page(uint64_t mfn, unsigned int flags)
{
	uint64_t pte = (mfn << 12) | DESC_PAGE | DESC_SH_INNER | DESC_AF;

	if (!(flags & PTE_WRITABLE)) {
		pte |= DESC_AP_RO;
	}
	pte |= (flags & PTE_USER) ? DESC_AP_EL0 : DESC_UXN;
	return pte;
}

uint64_t pte_table(uint64_t mfn, unsigned int level)
{
	(void)level;
	return (mfn << 12) | DESC_TABLE;
}

uint64_t pte_reserved_bit(unsigned int level)
{
	(void)level;
	return DESC_RESERVED_BIT;
}

uint64_t pt_base_mfn(void)
{
	uint64_t ttbr0;

	__asm__ volatile("mrs %0, ttbr0_el1" : "=r"(ttbr0));
	return (ttbr0 & TTBR_BADDR_MASK) >> 12;
}
