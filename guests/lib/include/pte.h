/*
 * pte.h: the guest page-table format, as the portable guest code needs it.
 *
 * Each arch implements these in guests/lib/arch/<arch>/pte.c (x86: PAE; ARM64: VMSAv8
 * stage 1, 4 KiB granule). Levels are numbered as in the hypervisor's contract: 1 is the
 * leaf (4 KiB pages), pt_levels() the top table the base register names. Entries are
 * 64 bits on every arch.
 */
#ifndef GUEST_PTE_H
#define GUEST_PTE_H

#include "types.h"

/* Flags for pte_page. */
#define PTE_WRITABLE (1U << 0)
#define PTE_USER (1U << 1)

/* Levels of the format (the top table's level). */
unsigned int pt_levels(void);

/* Entries in a table of the given level. */
unsigned int pt_entries(unsigned int level);

/* Index of va's entry in a table of the given level. */
unsigned int pt_index(unsigned long va, unsigned int level);

/* Bytes a level's entry covers (4 KiB at level 1). */
uint64_t pt_entry_span(unsigned int level);

/* True when an entry of the given level maps something (a page, or a table below). */
bool pte_present(uint64_t pte, unsigned int level);

/* The frame a present entry names. */
uint64_t pte_mfn(uint64_t pte, unsigned int level);

/* True when a present level-1 entry lets the kernel write the page. */
bool pte_writable(uint64_t pte);

/* A level-1 entry mapping machine frame mfn: present, readable, plus PTE_* flags. */
uint64_t pte_page(uint64_t mfn, unsigned int flags);

/* An entry of a table of the given level (>= 2) naming the table mfn one level down. */
uint64_t pte_table(uint64_t mfn, unsigned int level);

/*
 * A bit the format reserves in a present entry of the given level: a table entry with it
 * set must be refused by the hypervisor (negative tests).
 */
uint64_t pte_reserved_bit(unsigned int level);

/* The machine frame of the top-level table the vCPU runs on (x86 cr3, ARM64 TTBR0_EL1). */
uint64_t pt_base_mfn(void);

#endif
