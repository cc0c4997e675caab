/*
 * plat/paging.h (x86): the hypervisor's own page tables, and the trampoline guests see.
 *
 * The hypervisor tables are what cr3 holds whenever the hypervisor runs: their top-GiB L2
 * maps the directmap and the image. A guest's top L2 gets, for the hypervisor's range,
 * the guest-view entries instead (paging_guest_view_l2e): the trampoline, and the M2P
 * table read-only so that guests read it directly.
 */
#ifndef RINGO_PLAT_PAGING_H
#define RINGO_PLAT_PAGING_H

#include "addr.h"
#include "plat/layout.h"
#include "plat/pae.h"

/* Places a variable in the trampoline's data pages (read-only to guests). */
#define TRAMPOLINE_DATA __attribute__((section(X86_TRAMPOLINE_DATA)))

/* The hypervisor tables; boot.S fills them before paging is on. */
extern pae_entry_t x86_hv_l3[PAE_L3_ENTRIES];
extern pae_entry_t x86_hv_l2_low[PAE_ENTRIES];
extern pae_entry_t x86_hv_l2_high[PAE_ENTRIES];

/* cr3 of the hypervisor tables, read by the entry code (entry.S) on every trap. */
extern uint32_t x86_hypervisor_cr3;

/* Drops the boot identity mapping and builds the guest view of the trampoline. */
void paging_init(void);

/*
 * What a guest's top L2 (the one under L3 slot 3) holds at index, which must be at least
 * PAE_HV_FIRST_L2_SLOT: the trampoline's L1 at its index, the read-only M2P's L1s at the
 * indices of 0xF5800000-0xF6800000, nothing elsewhere.
 */
pae_entry_t paging_guest_view_l2e(unsigned int index);

/*
 * The guest view's L2 entry for the i-th 2 MiB of the M2P range (m2p_view.c): its L1
 * maps the core's M2P frames present, user-readable, never writable; 0 past the table.
 */
pae_entry_t m2p_view_l2e(unsigned int i);

/* What the CPU lets page-table entries hold (cpu.c). */
const struct pae_caps *cpu_pae_caps(void);

/* pt.c: learns what entries may hold on this CPU (after cpu_init). */
void pt_init(void);

/*
 * Maps the 2 MiB of machine memory holding device registers at base (the local APIC's)
 * uncached, in the hypervisor's tables only; returns base's virtual address. Once.
 */
volatile void *paging_map_device(uint64_t base);

/* Machine address of a hypervisor virtual address inside the directmap or the RAM map. */
maddr_t paging_virt_to_maddr(const void *va);

/*
 * Extends the RAM map (layout.h) to cover machine memory [0, end), end rounded up to
 * 2 MiB and capped at X86_RAM_MAP_SIZE; paging_init maps the first X86_DIRECTMAP_SIZE.
 */
void paging_map_ram(uint64_t end);

/* The end of the machine memory the RAM map covers. */
extern uint64_t x86_ram_map_end;

/* Whether machine bytes [address, address + len) are all in the RAM map. */
static inline bool x86_ram_mapped(uint64_t address, uint64_t len)
{
	return address <= x86_ram_map_end && len <= x86_ram_map_end - address;
}

/* The RAM-map address of machine address `address`, known to be inside it. */
static inline void *x86_ram_virt(uint64_t address)
{
	return (void *)(uintptr_t)(X86_RAM_MAP_START + (uint32_t)address);
}

#endif
