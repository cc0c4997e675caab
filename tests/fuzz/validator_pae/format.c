/*
 * format.c (validator_pae): arch/pt.h's format primitives over x86's pure PAE functions
 * (arch/x86/pt_format.c), so the validator fuzz target checks the core against the real
 * pv32pae format, with its 4-entry PDPT and the hypervisor-sharing L2 under slot 3.
 *
 * The CPU is taken to have a 36-bit MAXPHYADDR and NX on. The hypervisor's slots get
 * read-only mappings of M2P frames, as the x86 backend gives the guest its M2P window there;
 * the validator never counts them, whatever they hold.
 *
 * The core here is built against the fake arch, which calls these primitives rather than
 * inlining them (ARCH_PT_PRIMITIVES_EXTERN, arch/pt.h): this file defines them.
 */
#define ARCH_PT_PRIMITIVES_EXTERN 1
#include "arch/pt.h"
#include "m2p.h"
#include "plat/pae.h"

static const struct pae_caps caps = {.phys_bits = 36, .nx = true};

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

int arch_pte_check(pte_t pte, unsigned int level)
{
	return pae_pte_check(pte, level, &caps);
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
	for (unsigned int i = 0; i < pae_pt_entry_count(level); i++) {
		if (pae_pt_slot_reserved(level, true, i)) {
			table[i] = pae_pte_make(m2p_frame(i % m2p_frame_count()), 1, 0);
		}
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
