/*
 * arch/pt.h: the page-table format, as the core's validator sees it.
 *
 * The core (frame_table.c, pt_validate.c, mmu_*.c) types, reference-counts and validates
 * guest page tables through these primitives only, so the same code serves the x86 PAE
 * format, the ARM64 VMSAv8 format and the fake format of the host tests.
 *
 * Levels are numbered from the leaf: level 1 tables map 4 KiB pages, level ARCH_PT_LEVELS
 * (plat/config.h) is the top table the base register names. x86 PAE: L1, L2, L3 (the
 * 4-entry PDPT). ARM64: L1 = hardware level 3, L2 = level 2, L3 = level 1 (the TTBR0 table).
 * An entry is 64 bits on every arch. All functions are pure unless stated.
 *
 * The primitives the core runs per entry (the first block below) are defined by the arch's
 * plat/pt_inline.h, static inline: mmu_update runs several of them for each of thousands
 * of entries, and a call each, with its 64-bit arguments on the stack, cost more than the
 * work. A build that links its format separately (the fake arch of the host tests, whose
 * fuzz targets link the x86 or ARM64 format in its place) defines
 * ARCH_PT_PRIMITIVES_EXTERN, in its plat/pt_inline.h or before including this file, and
 * gets them as ordinary functions, declared here.
 */
#ifndef RINGO_ARCH_PT_H
#define RINGO_ARCH_PT_H

#include "addr.h"
#include "arch/config.h"
#include "pte_type.h" /* pte_t, PTE_MAKE_* */

#include "plat/pt_inline.h"

#ifdef ARCH_PT_PRIMITIVES_EXTERN
/* ---- the per-entry primitives (plat/pt_inline.h defines them inline otherwise) ---- */

/* Number of entries in a table of the given level (PAE L3: 4; otherwise 512). */
unsigned int arch_pt_entry_count(unsigned int level);

/* Index of va's entry in a table of the given level. */
unsigned int arch_pt_index(uint64_t va, unsigned int level);

/* True when the entry maps something (a page at level 1, a table above). */
bool arch_pte_present(pte_t pte, unsigned int level);

/* The frame a present entry names. */
mfn_t arch_pte_mfn(pte_t pte, unsigned int level);

/* True when a present level-1 entry lets the guest write the page. */
bool arch_pte_writable(pte_t pte);

/*
 * Checks the attribute bits of a present guest entry at the given level: 0, or -EINVAL for
 * what a guest may not ask for (reserved bits, PDPT-reserved bits in a PAE L3 entry, a
 * superpage or block mapping, device or uncached memory types, an address beyond what the
 * format holds). Frame ownership and types are the core's business, not checked here.
 */
int arch_pte_check(pte_t pte, unsigned int level);

/*
 * True when entry index of a level-`level` table belongs to the hypervisor: the guest may
 * neither set nor change it, and the validator neither counts nor follows it. hv_table
 * says whether the table is a "hypervisor-sharing" table (arch_pt_child_shares_hv).
 */
bool arch_pt_slot_reserved(unsigned int level, bool hv_table, unsigned int index);

/*
 * True when the table an entry at (level, index) points to must be a hypervisor-sharing
 * table (PAE: the L2 under L3 slot 3, whose top part maps the hypervisor's trampoline and
 * the read-only M2P). Such a table is typed apart and may be used only in that slot.
 */
bool arch_pt_child_shares_hv(unsigned int level, unsigned int index);

/* MMU_PT_UPDATE_PRESERVE_AD: new_pte with the accessed/dirty bits of old_pte kept. */
pte_t arch_pte_preserve_ad(pte_t old_pte, pte_t new_pte);
#endif

/*
 * For the per-entry fast paths, the frame a present level-1 entry maps, in a word:
 * arch_pte_leaf_frame for an entry already checked (one a validated table holds), and
 * arch_pte_leaf_checked_frame for a new one, true only when it also passes arch_pte_check
 * at level 1. Both are false when the frame number does not fit in a word, which sends the
 * caller the general way, which decides. Built on the primitives above unless
 * plat/pt_inline.h defines ARCH_HAS_PTE_LEAF_FRAME and cheaper ones.
 */
#ifndef ARCH_HAS_PTE_LEAF_FRAME
static inline bool arch_pte_leaf_frame(pte_t pte, unsigned long *frame)
{
	uint64_t value = mfn_value(arch_pte_mfn(pte, 1));

	*frame = (unsigned long)value;
	return *frame == value;
}

static inline bool arch_pte_leaf_checked_frame(pte_t pte, unsigned long *frame)
{
	return !arch_pte_check(pte, 1) && arch_pte_leaf_frame(pte, frame);
}
#endif

/* ---- out of line on every arch ---- */

/*
 * Writes the hypervisor's own entries into the reserved slots of a hypervisor-sharing
 * table (called when such a table is validated). Not pure: writes table.
 */
void arch_pt_install_hypervisor(pte_t *table, unsigned int level);

/* An entry mapping frame at the given level (a page at level 1, a table above). */
pte_t arch_pte_make(mfn_t frame, unsigned int level, unsigned int flags);

/*
 * TLB maintenance for the current vCPU's address space. Not pure. An arch for which
 * flushing one address is free defines ARCH_HAS_INLINE_TLB_FLUSH_VA and an inline
 * arch_tlb_flush_va in its plat/pt_inline.h.
 */
void arch_tlb_flush_local(void);
#ifndef ARCH_HAS_INLINE_TLB_FLUSH_VA
void arch_tlb_flush_va(uint64_t va);
#endif

#endif
