/*
 * pt.c: the ARM64 backend's side of core/include/arch/pt.h.
 *
 * The format primitives are the pure vmsav8_* functions (plat/pt_format.h, inline where the
 * validator calls them per entry, so each arch_* here is one call deep); this file adds what
 * the host cannot test: arch_pte_check also refuses any output address outside the RAM of
 * Ringo's identity map (the GIC, the UART and other MMIO are not RAM, so even a frame the
 * core's table somehow covered could not become a guest mapping of a device; the errors
 * are the core's own for such frames: -EPERM for a page, -EINVAL for a table), and TLB
 * maintenance acts on the current domain's VMID only (tlb.c). No ARM64 table shares the
 * hypervisor: Ringo runs in its own EL2 regime and keeps no part of a guest's space.
 */
#include "arch/pt.h"
#include "check.h"
#include "plat/mmu.h"
#include "plat/pt_format.h"
#include "plat/tlb.h"
#include "public/errno.h"

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

/*
 * The rare half of arch_pte_check, out of line so that the common half needs no stack
 * frame: a frame beyond the first RAM range, or no RAM at all.
 */
static __attribute__((noinline)) int check_other_ram(maddr_t page, unsigned int level)
{
	if (mmu_is_ram(page, PAGE_SIZE)) {
		return 0;
	}
	return level == 1 ? -EPERM : -EINVAL; /* the core's errors for what is not RAM */
}

int arch_pte_check(pte_t pte, unsigned int level)
{
	int rc = vmsav8_pte_check(pte, level);
	maddr_t page;

	if (rc || !vmsav8_pte_present(pte, level)) {
		return rc;
	}
	page = mfn_to_maddr(vmsav8_pte_mfn(pte, level));
	return mmu_page_in_first_ram(page) ? 0 : check_other_ram(page, level);
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
	/* arch_pt_child_shares_hv is always false, so the core has no reason to call this. */
	panic("arm64 has no hypervisor-sharing tables (table %p, level %u)", (void *)table, level);
}

pte_t arch_pte_preserve_ad(pte_t old_pte, pte_t new_pte)
{
	return vmsav8_pte_preserve_ad(old_pte, new_pte);
}

pte_t arch_pte_make(mfn_t frame, unsigned int level, unsigned int flags)
{
	return vmsav8_pte_make(frame, level, flags);
}

void arch_tlb_flush_local(void)
{
	tlb_flush_current_vmid();
}

void arch_tlb_flush_va(uint64_t va)
{
	tlb_flush_current_va(va);
}
