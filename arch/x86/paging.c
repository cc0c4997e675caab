/*
 * paging.c (x86): the hypervisor's own PAE page tables, the directmap, and the guest
 * view of the trampoline.
 *
 * boot.S fills the hypervisor tables before paging is on: the top-GiB L2 maps machine
 * memory 0 - 128 MiB at X86_DIRECTMAP_START in 2 MiB pages, and a temporary identity map
 * covers the boot code. paging_init drops the identity map, so nothing below the
 * hypervisor's range is mapped while the hypervisor runs: a stray guest pointer faults
 * instead of reaching memory. It also builds the guest view: one L1 that maps the
 * trampoline pages at their usual addresses, supervisor-only (ring 3 never reaches them)
 * and read-only except the entry stack, where the CPU pushes a trap frame. That L1 and
 * the read-only M2P's (m2p_view.c) are all a guest's tables hold of the hypervisor
 * (arch_pt_install_hypervisor); the directmap never is shared.
 */
#include "arch/mm.h"
#include "check.h"
#include "plat/cpu.h"
#include "plat/layout.h"
#include "plat/paging.h"

/* PAE wants the L3 32-byte aligned and below 4 GiB; a page keeps it simple. */
alignas(PAGE_SIZE) pae_entry_t x86_hv_l3[PAE_L3_ENTRIES];
alignas(PAGE_SIZE) pae_entry_t x86_hv_l2_low[PAE_ENTRIES];
alignas(PAGE_SIZE) pae_entry_t x86_hv_l2_high[PAE_ENTRIES];

TRAMPOLINE_DATA uint32_t x86_hypervisor_cr3;

/* The guest view of the 2 MiB that holds the trampoline. */
static alignas(PAGE_SIZE) pae_entry_t guest_view_l1[PAE_ENTRIES];

/* The trampoline's page-aligned bounds, from the linker script. */
extern char __trampoline_start[];
extern char __trampoline_stack_start[];
extern char __trampoline_end[];

maddr_t paging_virt_to_maddr(const void *va)
{
	uintptr_t address = (uintptr_t)va;

	CHECK(address >= X86_DIRECTMAP_START && address - X86_DIRECTMAP_START < X86_DIRECTMAP_SIZE);
	return maddr(address - X86_DIRECTMAP_START);
}

void *arch_mm_maddr_to_virt(maddr_t addr)
{
	CHECK(maddr_value(addr) < X86_DIRECTMAP_SIZE);
	return (void *)(uintptr_t)(X86_DIRECTMAP_START + maddr_value(addr));
}

maddr_t arch_mm_directmap_end(void)
{
	return maddr(X86_DIRECTMAP_SIZE);
}

pae_entry_t paging_guest_view_l2e(unsigned int index)
{
	CHECK(index >= PAE_HV_FIRST_L2_SLOT && index < PAE_ENTRIES);
	if (index == pae_l2_index((uintptr_t)__trampoline_start)) {
		return maddr_value(paging_virt_to_maddr(guest_view_l1)) | PAE_PRESENT | PAE_RW |
		       PAE_ACCESSED;
	}
	if (index < pae_l2_index(X86_M2P_END)) {
		return m2p_view_l2e(index - PAE_HV_FIRST_L2_SLOT);
	}
	return 0;
}

static void guest_view_map(const char *start, const char *end, uint64_t flags)
{
	for (const char *page = start; page < end; page += PAGE_SIZE) {
		guest_view_l1[pae_l1_index((uintptr_t)page)] =
		    maddr_value(paging_virt_to_maddr(page)) | flags;
	}
}

static void guest_view_build(void)
{
	/* Preset A and D: the CPU would otherwise set them, and the RO pages forbid that. */
	uint64_t flags = PAE_PRESENT | PAE_ACCESSED | PAE_DIRTY;

	guest_view_map(__trampoline_start, __trampoline_stack_start, flags);
	guest_view_map(__trampoline_stack_start, __trampoline_end, flags | PAE_RW);
}

void paging_init(void)
{
	x86_hv_l3[0] = 0;
	x86_hypervisor_cr3 = (uint32_t)maddr_value(paging_virt_to_maddr(x86_hv_l3));
	x86_write_cr3(x86_hypervisor_cr3);
	guest_view_build();
}
