/*
 * pt.c (x86): the PAE page-table contract (core/include/arch/pt.h) on this CPU.
 *
 * The per-entry primitives are inline (plat/pt_inline.h, over the pure pae_* functions of
 * plat/pae.h and pt_format.c); what they need of the CPU is here: the check of an entry's
 * bits is a mask per level, computed once from the CPU's capabilities (cpu.c). What is not
 * pure lives here too: the hypervisor's entries in the L2 under L3 slot 3 (the trampoline
 * and the read-only M2P, from paging.c), and TLB maintenance, of which there is none to do: the
 * hypervisor runs on its own page tables, so every return to a guest loads the guest's cr3, and
 * with CR4.PGE off that drops every translation the guest had. An update the core made to a guest's
 * tables is therefore never hidden by a stale TLB entry once the guest runs again.
 */
#include "arch/pt.h"
#include "check.h"
#include "plat/cpu_state.h"
#include "plat/pae.h"
#include "plat/paging.h"
#include "public/errno.h"

/*
 * Per level, the bits a present entry may not have; fixed once the CPU is known
 * (pt_init). Until then every bit is forbidden, so nothing is accepted too early.
 */
uint64_t pae_forbidden_bits[4] = {~0ULL, ~0ULL, ~0ULL, ~0ULL};

/*
 * arch_pte_leaf_frame's mask, low and high word: level 1's, plus the address bits from 44
 * up, which a frame number below 2^32 does not have. Every bit until pt_init.
 */
uint32_t pae_leaf_word_forbidden[2] = {~0U, ~0U};

#define PAE_LEAF_WORD_FRAME_LIMIT (1ULL << (32 + PAGE_SHIFT))

void pt_init(void)
{
	uint64_t leaf;

	for (unsigned int level = 1; level <= 3; level++) {
		pae_forbidden_bits[level] = pae_pte_forbidden(level, cpu_pae_caps());
	}
	leaf = pae_forbidden_bits[1] | (PAE_ADDRESS_MASK & ~(PAE_LEAF_WORD_FRAME_LIMIT - 1));
	pae_leaf_word_forbidden[0] = (uint32_t)leaf;
	pae_leaf_word_forbidden[1] = (uint32_t)(leaf >> 32);
}

void arch_pt_install_hypervisor(pte_t *table, unsigned int level)
{
	/* Only the L2 under L3 slot 3 shares the hypervisor (pae_pt_child_shares_hv). */
	CHECK(level == 2);
	for (unsigned int index = PAE_HV_FIRST_L2_SLOT; index < PAE_ENTRIES; index++) {
		table[index] = (pte_t){paging_guest_view_l2e(index)};
	}
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
