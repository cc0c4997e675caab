/*
 * format.c (validator_vmsav8): arch/pt.h's format primitives over ARM64's pure VMSAv8
 * functions (arch/arm64/pt_format.c), so the validator fuzz target checks the core against
 * the real stage-1 descriptor format. No table shares the hypervisor on ARM64 (Ringo runs
 * in its own EL2 regime), so there are no reserved slots to install.
 *
 * The core here is built against the fake arch, which calls these primitives rather than
 * inlining them (ARCH_PT_PRIMITIVES_EXTERN, arch/pt.h): this file defines them.
 */
#define ARCH_PT_PRIMITIVES_EXTERN 1
#include "arch/pt.h"
#include "check.h"
#include "plat/pt_format.h"

unsigned int arch_pt_entry_count(unsigned int level)
{
	return vmsav8_pt_entry_count(level);
}

unsigned int arch_pt_index(uint64_t va, unsigned int level)
{
	return vmsav8_pt_index(va, level);
}

bool arch_pte_present(pte_t pte, unsigned int level)
{
	return vmsav8_pte_present(pte, level);
}

mfn_t arch_pte_mfn(pte_t pte, unsigned int level)
{
	return vmsav8_pte_mfn(pte, level);
}

bool arch_pte_writable(pte_t pte)
{
	return vmsav8_pte_writable(pte);
}

int arch_pte_check(pte_t pte, unsigned int level)
{
	return vmsav8_pte_check(pte, level);
}

bool arch_pt_slot_reserved(unsigned int level, bool hv_table, unsigned int index)
{
	(void)level;
	(void)hv_table;
	(void)index;
	return false;
}

bool arch_pt_child_shares_hv(unsigned int level, unsigned int index)
{
	(void)level;
	(void)index;
	return false;
}

void arch_pt_install_hypervisor(pte_t *table, unsigned int level)
{
	(void)table;
	(void)level;
	CHECK(false); /* never called: no table shares the hypervisor */
}

pte_t arch_pte_preserve_ad(pte_t old_pte, pte_t new_pte)
{
	return vmsav8_pte_preserve_ad(old_pte, new_pte);
}

pte_t arch_pte_make(mfn_t frame, unsigned int level, unsigned int flags)
{
	return vmsav8_pte_make(frame, level, flags);
}
