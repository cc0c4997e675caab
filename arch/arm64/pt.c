/*
 * pt.c: the ARM64 backend's side of core/include/arch/pt.h, beyond the inline primitives.
 *
 * The per-entry primitives are plat/pt_inline.h, over the pure vmsav8_* functions of
 * plat/pt_format.h. This file has what they call out of line and what is not pure: the rare
 * half of the output-address check (a frame beyond the first RAM range: the GIC, the UART
 * and other MMIO are not RAM, so even a frame the core's table somehow covered could not
 * become a guest mapping of a device; the errors are the core's own for such frames: -EPERM
 * for a page, -EINVAL for a table), building entries, and TLB maintenance, which acts on
 * the current domain's VMID only (tlb.c). No ARM64 table shares the hypervisor.
 */
#include "arch/pt.h"
#include "check.h"
#include "plat/mmu.h"
#include "plat/pt_format.h"
#include "plat/tlb.h"
#include "public/errno.h"

int arm64_pte_check_other_ram(maddr_t page, unsigned int level)
{
	if (mmu_is_ram(page, PAGE_SIZE)) {
		return 0;
	}
	return level == 1 ? -EPERM : -EINVAL; /* the core's errors for what is not RAM */
}

void arch_pt_install_hypervisor(pte_t *table, unsigned int level)
{
	/* arch_pt_child_shares_hv is always false, so the core has no reason to call this. */
	panic("arm64 has no hypervisor-sharing tables (table %p, level %u)", (void *)table, level);
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
