/*
 * paging.c (x86): the hypervisor's own PAE page tables, the directmap, and the guest
 * view of the trampoline.
 *
 * boot.S fills the hypervisor tables before paging is on: the top-GiB L2 maps machine
 * memory 0 - 128 MiB at X86_DIRECTMAP_START in 2 MiB pages, and a temporary identity map
 * covers the boot code. paging_init drops the identity map, so nothing below 1 GiB is
 * mapped while the hypervisor runs (a stray pointer there faults), and starts the RAM map
 * (layout.h) with the same 128 MiB; paging_map_ram extends it to the end of RAM once the
 * boot loader has said where that is. It also builds the guest view: one L1 that maps the
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

/* The RAM map's L2s, under L3 slots 1 and 2. */
#define RAM_MAP_L3_SLOT (X86_RAM_MAP_START >> PAE_L3_SHIFT)
#define RAM_MAP_L2S (X86_RAM_MAP_SIZE >> PAE_L3_SHIFT)
static alignas(PAGE_SIZE) pae_entry_t ram_map_l2[RAM_MAP_L2S][PAE_ENTRIES];
uint64_t x86_ram_map_end;

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

	if (address >= X86_RAM_MAP_START && address - X86_RAM_MAP_START < x86_ram_map_end) {
		return maddr(address - X86_RAM_MAP_START);
	}
	CHECK(address >= X86_DIRECTMAP_START && address - X86_DIRECTMAP_START < X86_DIRECTMAP_SIZE);
	return maddr(address - X86_DIRECTMAP_START);
}

void *arch_mm_maddr_to_virt(maddr_t addr)
{
	CHECK(maddr_value(addr) < x86_ram_map_end);
	return x86_ram_virt(maddr_value(addr));
}

maddr_t arch_mm_directmap_end(void)
{
	return maddr(x86_ram_map_end);
}

void paging_map_ram(uint64_t end)
{
	uint64_t limit = end < X86_RAM_MAP_SIZE ? end : X86_RAM_MAP_SIZE;
	uint64_t page;

	for (page = x86_ram_map_end; page < limit; page += PAE_SUPERPAGE_SIZE) {
		ram_map_l2[page >> PAE_L3_SHIFT][pae_l2_index((uintptr_t)page)] =
		    page | PAE_PRESENT | PAE_RW | PAE_PSE | PAE_ACCESSED | PAE_DIRTY;
	}
	if (page > x86_ram_map_end) {
		x86_ram_map_end = page;
	}
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

/*
 * Device registers (the local APIC's, apic.c) go in the hypervisor's free top range, in
 * one uncached 2 MiB page at the same offset as in machine memory; guests never map it.
 */
#define DEVICE_WINDOW_VIRT 0xFEE00000U

volatile void *paging_map_device(uint64_t base)
{
	uint64_t page = base & ~(uint64_t)(PAE_SUPERPAGE_SIZE - 1);
	uintptr_t va = DEVICE_WINDOW_VIRT + (uintptr_t)(base - page);

	CHECK(!x86_hv_l2_high[pae_l2_index(DEVICE_WINDOW_VIRT)]);
	x86_hv_l2_high[pae_l2_index(DEVICE_WINDOW_VIRT)] =
	    page | PAE_PRESENT | PAE_RW | PAE_PWT | PAE_PCD | PAE_PSE | PAE_ACCESSED | PAE_DIRTY;
	return (volatile void *)va;
}

/* Hooks the RAM map's L2s into the hypervisor's L3 and maps its first X86_DIRECTMAP_SIZE. */
static void ram_map_init(void)
{
	for (unsigned int i = 0; i < RAM_MAP_L2S; i++) {
		x86_hv_l3[RAM_MAP_L3_SLOT + i] =
		    maddr_value(paging_virt_to_maddr(ram_map_l2[i])) | PAE_PRESENT;
	}
	paging_map_ram(X86_DIRECTMAP_SIZE);
}

void paging_init(void)
{
	x86_hv_l3[0] = 0;
	ram_map_init();
	x86_hypervisor_cr3 = (uint32_t)maddr_value(paging_virt_to_maddr(x86_hv_l3));
	x86_write_cr3(x86_hypervisor_cr3);
	guest_view_build();
}
