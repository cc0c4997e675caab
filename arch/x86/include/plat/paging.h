/*
 * plat/paging.h (x86): the hypervisor's own page tables, and the trampoline guests see.
 *
 * The hypervisor tables are what cr3 holds whenever the hypervisor runs: their top-GiB L2
 * maps the M2P range, the directmap and the image. A guest's top L2 gets, for the
 * hypervisor's range, the guest-view entries instead (paging_guest_view_l2e): the
 * trampoline only.
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

/* First index of the top-GiB L2 that belongs to the hypervisor. */
unsigned int paging_hypervisor_first_l2_index(void);

/* What a guest's top L2 holds at index (>= the first hypervisor index). */
pae_entry_t paging_guest_view_l2e(unsigned int index);

/* Machine address of a hypervisor virtual address inside the directmap. */
maddr_t paging_virt_to_maddr(const void *va);

#endif
