/*
 * pte.c (x86 guest): the PAE format behind pte.h.
 *
 * Three levels: L1 and L2 of 512 entries, the 4-entry L3 (PDPT), whose entries hold only
 * the present bit and the address. A page entry is present, accessed, and dirty when
 * writable (so the CPU never needs to write it back); a table entry in an L2 is present,
 * writable and user, leaving the permissions to the L1. The base is cr3, which the
 * hypervisor shows folded: (pfn << 12) | (pfn >> 20).
 */
#include "pte.h"
#include "x86/hypercalls.h"

#define PAE_PRESENT 0x001ULL
#define PAE_RW 0x002ULL
#define PAE_USER 0x004ULL
#define PAE_ACCESSED 0x020ULL
#define PAE_DIRTY 0x040ULL
#define PAE_ADDRESS_MASK 0x000ffffffffff000ULL
#define PAE_RESERVED_BIT (1ULL << 62)
#define PDPT_RESERVED_RW PAE_RW

unsigned int pt_levels(void)
{
	return 3;
}

unsigned int pt_entries(unsigned int level)
{
	return level == 3 ? 4 : 512;
}

static unsigned int level_shift(unsigned int level)
{
	return 12 + 9 * (level - 1);
}

unsigned int pt_index(unsigned long va, unsigned int level)
{
	return (unsigned int)(((uint64_t)va >> level_shift(level)) & (pt_entries(level) - 1));
}

uint64_t pt_entry_span(unsigned int level)
{
	return 1ULL << level_shift(level);
}

bool pte_present(uint64_t pte, unsigned int level)
{
	(void)level;
	return pte & PAE_PRESENT;
}

uint64_t pte_mfn(uint64_t pte, unsigned int level)
{
	(void)level;
	return (pte & PAE_ADDRESS_MASK) >> 12;
}

bool pte_writable(uint64_t pte)
{
	return (pte & (PAE_PRESENT | PAE_RW)) == (PAE_PRESENT | PAE_RW);
}

uint64_t pte_page(uint64_t mfn, unsigned int flags)
{
	uint64_t pte = (mfn << 12) | PAE_PRESENT | PAE_ACCESSED;

	if (flags & PTE_WRITABLE) {
		pte |= PAE_RW | PAE_DIRTY;
	}
	if (flags & PTE_USER) {
		pte |= PAE_USER;
	}
	return pte;
}

uint64_t pte_table(uint64_t mfn, unsigned int level)
{
	uint64_t pte = (mfn << 12) | PAE_PRESENT;

	return level == 3 ? pte : pte | PAE_RW | PAE_USER | PAE_ACCESSED;
}

uint64_t pte_reserved_bit(unsigned int level)
{
	/* In a PDPT entry RW is reserved (ABI.md section 6); everywhere bit 62 is. */
	return level == 3 ? PDPT_RESERVED_RW : PAE_RESERVED_BIT;
}

uint64_t pt_base_mfn(void)
{
	return xen_cr3_to_pfn(read_cr3());
}
