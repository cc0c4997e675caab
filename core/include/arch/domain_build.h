/*
 * arch/domain_build.h: the arch's part of building a domain at start of day.
 */
#ifndef RINGO_ARCH_DOMAIN_BUILD_H
#define RINGO_ARCH_DOMAIN_BUILD_H

#include "../domain_build.h" /* the core header, not this one */

/*
 * Number of page-table frames needed to map [start, end) of guest VA with 4 KiB pages
 * (including any tables the arch always populates, e.g. all four PAE L2s). Pure.
 */
uint64_t arch_boot_pt_frames(uint64_t start, uint64_t end);

/*
 * Writes the bootstrap page tables into the domain's frames at layout->pt_start onward
 * (already zeroed), mapping [virt_base, map_end) to pfn 0.. writable, except the page-table
 * frames themselves, which are mapped read-only. The top-level table is the first frame
 * at pt_start (start_info.pt_base names it). Returns the machine address of the top
 * table, which arch_vcpu_init loads. Cannot fail: the layout was sized by
 * arch_boot_pt_frames.
 */
maddr_t arch_boot_pt_build(struct domain *d, const struct boot_layout *layout);

/* Fills the hypercall transfer page (one slot per hypercall number). */
void arch_fill_hypercall_page(void *page);

#endif
