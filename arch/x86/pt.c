/*
 * pt.c (x86): the PAE page-table contract (core/include/arch/pt.h) on this CPU.
 *
 * The format primitives are pt_format.c's pure pae_* functions (most of them inline in
 * plat/pae.h), given the CPU's capabilities (cpu.c); the check of an entry's bits is a
 * mask per level, computed once. What is not pure lives here: the hypervisor's entries in the L2
 * under L3 slot 3 (the trampoline and the read-only M2P, from paging.c), and TLB
 * maintenance, of which there is none to do: the hypervisor runs on its own page tables,
 * so every return to a guest loads the guest's cr3, and with CR4.PGE off that drops every
 * translation the guest had. An update the core made to a guest's tables is therefore
 * never hidden by a stale TLB entry once the guest runs again.
 */
#include "arch/pt.h"
#include "check.h"
#include "plat/cpu_state.h"
#include "plat/pae.h"
#include "plat/paging.h"
#include "public/errno.h"

unsigned int arch_pt_entry_count(unsigned int level)
{
	return pae_pt_entry_count(level);
}

unsigned int arch_pt_index(uint64_t va, unsigned int level)
{
	return pae_pt_index(va, level);
}

bool arch_pte_present(pte_t pte, unsigned int level)
{
	return pae_pte_present(pte, level);
}

mfn_t arch_pte_mfn(pte_t pte, unsigned int level)
{
	return pae_pte_mfn(pte, level);
}

bool arch_pte_writable(pte_t pte)
{
	return pae_pte_writable(pte);
}

/*
 * Per level, the bits a present entry may not have; fixed once the CPU is known
 * (pt_init). Until then every bit is forbidden, so nothing is accepted too early.
 */
static uint64_t forbidden[4] = {~0ULL, ~0ULL, ~0ULL, ~0ULL};

void pt_init(void)
{
	for (unsigned int level = 1; level <= 3; level++) {
		forbidden[level] = pae_pte_forbidden(level, cpu_pae_caps());
	}
}

int arch_pte_check(pte_t pte, unsigned int level)
{
	if (level < 1 || level > 3) {
		return -EINVAL;
	}
	return pte.value & forbidden[level] ? -EINVAL : 0;
}

bool arch_pt_slot_reserved(unsigned int level, bool hv_table, unsigned int index)
{
	return pae_pt_slot_reserved(level, hv_table, index);
}

bool arch_pt_child_shares_hv(unsigned int level, unsigned int index)
{
	return pae_pt_child_shares_hv(level, index);
}

void arch_pt_install_hypervisor(pte_t *table, unsigned int level)
{
	/* Only the L2 under L3 slot 3 shares the hypervisor (pae_pt_child_shares_hv). */
	CHECK(level == 2);
	for (unsigned int index = PAE_HV_FIRST_L2_SLOT; index < PAE_ENTRIES; index++) {
		table[index] = (pte_t){paging_guest_view_l2e(index)};
	}
}

pte_t arch_pte_preserve_ad(pte_t old_pte, pte_t new_pte)
{
	return pae_pte_preserve_ad(old_pte, new_pte);
}

pte_t arch_pte_make(mfn_t frame, unsigned int level, unsigned int flags)
{
	return pae_pte_make(frame, level, flags);
}

void arch_tlb_flush_local(void)
{
	/*
	 * The next entry into the guest loads its cr3 (see the top of the file). The core
	 * flushes after changing an entry above level 1, so the top-level table may have lost
	 * its slot 3: the way back must check it (a full entry, vcpu.c).
	 */
	x86_full_exit = true;
}

void arch_tlb_flush_va(uint64_t va)
{
	(void)va; /* as arch_tlb_flush_local */
}
