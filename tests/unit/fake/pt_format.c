/*
 * pt_format.c (fake arch): arch/pt.h's format primitives in the fake format (fake.h).
 *
 * Deliberately unlike x86 PAE and VMSAv8: L1s of 256 entries in half a frame, an 8-entry
 * top table, scattered flag bits, a mandatory table bit above level 1. A core that assumed
 * 512 entries per table, a frame number at bit 12, or any real flag, fails here. The L2
 * under L3 slot 7 shares the hypervisor's part of the address space, so the reserved-slot
 * and hypervisor-sharing paths of the validator run on the host too.
 */
#include "fake.h"

#include "arch/pt.h"
#include "check.h"
#include "public/errno.h"

#define L1_ALLOWED                                                                  \
	(FAKE_PTE_PRESENT | FAKE_PTE_WRITABLE | FAKE_PTE_USER | FAKE_PTE_SOFTWARE | \
	 FAKE_PTE_ACCESSED | FAKE_PTE_DIRTY | FAKE_PTE_MFN_MASK)
#define TABLE_ALLOWED                                                            \
	(FAKE_PTE_PRESENT | FAKE_PTE_TABLE | FAKE_PTE_WRITABLE | FAKE_PTE_USER | \
	 FAKE_PTE_SOFTWARE | FAKE_PTE_ACCESSED | FAKE_PTE_MFN_MASK)

unsigned int arch_pt_entry_count(unsigned int level)
{
	static const unsigned int counts[] = {0, FAKE_L1_ENTRIES, FAKE_L2_ENTRIES, FAKE_L3_ENTRIES};

	CHECK(level >= 1 && level <= ARCH_PT_LEVELS);
	return counts[level];
}

unsigned int arch_pt_index(uint64_t va, unsigned int level)
{
	static const unsigned int shifts[] = {0, 12, 20, 29};

	CHECK(level >= 1 && level <= ARCH_PT_LEVELS);
	return (unsigned int)((va >> shifts[level]) % arch_pt_entry_count(level));
}

bool arch_pte_present(pte_t pte, unsigned int level)
{
	(void)level;
	return pte.value & FAKE_PTE_PRESENT;
}

mfn_t arch_pte_mfn(pte_t pte, unsigned int level)
{
	(void)level;
	return mfn((pte.value & FAKE_PTE_MFN_MASK) >> FAKE_PTE_MFN_SHIFT);
}

bool arch_pte_writable(pte_t pte)
{
	return pte.value & FAKE_PTE_WRITABLE;
}

int arch_pte_check(pte_t pte, unsigned int level)
{
	uint64_t allowed = level == 1 ? L1_ALLOWED : TABLE_ALLOWED;

	if (pte.value & ~allowed) {
		return -EINVAL;
	}
	if (level > 1 && !(pte.value & FAKE_PTE_TABLE)) {
		return -EINVAL; /* a superpage */
	}
	return 0;
}

bool arch_pt_slot_reserved(unsigned int level, bool hv_table, unsigned int index)
{
	return hv_table && level == 2 && index >= FAKE_HV_FIRST_SLOT;
}

bool arch_pt_child_shares_hv(unsigned int level, unsigned int index)
{
	return level == 3 && index == FAKE_HV_L3_SLOT;
}

void arch_pt_install_hypervisor(pte_t *table, unsigned int level)
{
	CHECK(level == 2);
	for (unsigned int i = FAKE_HV_FIRST_SLOT; i < FAKE_L2_ENTRIES; i++) {
		table[i].value = FAKE_HV_ENTRY(i);
	}
}

pte_t arch_pte_preserve_ad(pte_t old_pte, pte_t new_pte)
{
	return (pte_t){new_pte.value | (old_pte.value & (FAKE_PTE_ACCESSED | FAKE_PTE_DIRTY))};
}

pte_t arch_pte_make(mfn_t frame, unsigned int level, unsigned int flags)
{
	uint64_t value = FAKE_PTE_PRESENT | (mfn_value(frame) << FAKE_PTE_MFN_SHIFT);

	value |= level > 1 ? FAKE_PTE_TABLE : 0;
	value |= flags & PTE_MAKE_WRITABLE ? FAKE_PTE_WRITABLE : 0;
	value |= flags & PTE_MAKE_USER ? FAKE_PTE_USER : 0;
	return (pte_t){value};
}
