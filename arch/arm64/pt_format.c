/*
 * pt_format.c: VMSAv8-64 stage-1 descriptors as the core's validator sees them (pure).
 *
 * Contract level 1 is hardware level 3 (4 KiB pages), 2 is level 2, 3 is level 1 (the
 * TTBR0_EL1 table of a 39-bit space); every table has 512 entries. A guest entry is present
 * when its valid bit is set. What a guest may ask for (arch_pte_check):
 *
 *  - above the leaf, only table descriptors: a block would map 2 MiB or 1 GiB of machine
 *    memory that no frame type covers. APTable/UXNTable/PXNTable only restrict what is
 *    below and are allowed; NSTable and the ignored bits other than the software field
 *    [58:55] are refused.
 *  - at the leaf, only page descriptors, Inner Shareable (the attribute Ringo's identity
 *    map uses), with AttrIndx, AP, AF, nG, PXN, UXN and the software field free. Refused:
 *    NS, the contiguous hint (a misprogrammed contiguous run lets the TLB compute output
 *    addresses from another entry, which is how a guest would reach a frame it does not
 *    own), DBM (with hardware dirty management a read-only page could become writable
 *    behind the validator's back), PBHA and bits [51:48] (beyond a 48-bit output address).
 *
 * The memory type is not checked here: MAIR_EL1 can only hold Normal Write-Back attributes
 * (regime_check.c), so every AttrIndx selects cacheable memory. No table shares the
 * hypervisor on ARM64: Ringo lives in its own EL2 regime.
 *
 * The checks themselves, and the other primitives the validator runs per entry, are
 * inline in plat/pt_format.h; this file keeps what builds and merges descriptors.
 */
#include "plat/pt_format.h"

pte_t vmsav8_pte_preserve_ad(pte_t old_pte, pte_t new_pte)
{
	/* VMSAv8 has an access flag and no separate dirty bit (dirtiness is DBM + AP[2]). */
	return (pte_t){(new_pte.value & ~PTE_AF) | (old_pte.value & PTE_AF)};
}

static uint64_t page_attributes(unsigned int flags)
{
	uint64_t attributes = PTE_PAGE | PTE_ATTR_INDEX(0) | PTE_SH_INNER | PTE_AF;

	if (!(flags & PTE_MAKE_WRITABLE)) {
		attributes |= PTE_AP_RO;
	}
	/* A user page is EL0's: EL1 never executes it. A kernel page is never EL0's. */
	attributes |= (flags & PTE_MAKE_USER) ? (PTE_AP_EL0 | PTE_PXN) : PTE_UXN;
	return attributes;
}

pte_t vmsav8_pte_make(mfn_t frame, unsigned int level, unsigned int flags)
{
	uint64_t address = maddr_value(mfn_to_maddr(frame)) & PTE_ADDR_MASK;

	return (pte_t){address | (level == 1 ? page_attributes(flags) : PTE_TABLE)};
}
