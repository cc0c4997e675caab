/*
 * pt_leaf.h: the common level-1 update of mmu_update and update_va_mapping, inline.
 *
 * Nearly every entry those hypercalls write is a present level-1 entry replacing another,
 * both mapping pages of the page owner's that already hold their type (a writable page
 * mapped writable again, a page mapped read-only once more). This is that case with what a
 * caller knows once hoisted out: the page owner's identity word (frame_table.h's
 * FRAME_IDENT, so that owner, type and validation are one compare) and its id. Each
 * function here either does the whole of its step, exactly as pt_entry.h's general one
 * would, or returns false having changed nothing, and the caller then takes the general
 * step, which decides the entry from scratch, errors included. The order of
 * pt_entry_replace is kept: the new value's reference is taken before the write, the old
 * value's dropped after it.
 */
#ifndef RINGO_PT_LEAF_H
#define RINGO_PT_LEAF_H

#include "arch/pt.h"
#include "frame_table.h"
#include "pt_entry.h"
#include "mm.h"
#include "pt_update.h"

/*
 * Level-1 values in their two 32-bit words (low, high), for the fast paths: on a 32-bit
 * hypervisor a 64-bit value is a register pair, and the compiler keeps few of those in
 * registers. An arch with word versions of its primitives defines ARCH_HAS_PTE_WORDS
 * (x86: plat/pt_inline.h); for any other they are its pte_t ones on the value put back
 * together.
 */
static inline pte_t pte_of_words(uint32_t low, uint32_t high)
{
	return (pte_t){(uint64_t)high << 32 | low};
}

#ifndef ARCH_HAS_PTE_WORDS
static inline bool arch_pte_words_present(uint32_t low, uint32_t high)
{
	return arch_pte_present(pte_of_words(low, high), 1);
}

static inline bool arch_pte_words_writable(uint32_t low, uint32_t high)
{
	return arch_pte_writable(pte_of_words(low, high));
}

static inline bool arch_pte_words_leaf_frame(uint32_t low, uint32_t high, unsigned long *frame)
{
	return arch_pte_leaf_frame(pte_of_words(low, high), frame);
}

static inline bool arch_pte_words_leaf_checked_frame(uint32_t low, uint32_t high,
						     unsigned long *frame)
{
	return arch_pte_leaf_checked_frame(pte_of_words(low, high), frame);
}
#endif

/* What the fast take needs of the page owner, worked out once per hypercall. */
struct pt_leaf_owner {
	uint32_t writable_ident; /* FRAME_IDENT(id, FRAME_WRITABLE, FRAME_VALIDATED) */
	domid_t id;
};

static inline struct pt_leaf_owner pt_leaf_owner_of(const struct domain *pg_owner)
{
	return (struct pt_leaf_owner){
	    .writable_ident = FRAME_IDENT(pg_owner->id, FRAME_WRITABLE, FRAME_VALIDATED),
	    .id = pg_owner->id,
	};
}

/*
 * pt_leaf_take_fast (pt_entry.h) for a present value, in words, with the owner's at hand:
 * a level-1 entry the format allows, mapping a page of the owner's whose reference
 * frame_table.h's fast paths take (a writable one: owner, type and validation in one
 * compare). False: nothing done.
 */
PT_INLINE bool pt_leaf_take_quick(struct pt_leaf_owner owner, uint32_t low, uint32_t high)
{
	struct frame_info *info;
	unsigned long frame;

	if (!arch_pte_words_leaf_checked_frame(low, high, &frame) ||
	    !frame_info_find(frame, &info)) {
		return false;
	}
	if (arch_pte_words_writable(low, high)) {
		return frame_get_writable_fast(info, owner.writable_ident);
	}
	return info->owner == owner.id && frame_get_fast(info);
}

/*
 * The record of a present level-1 value about to be replaced, in words, when dropping its
 * references is the fast case of pt_entry_drop: not the page's last reference, nor a
 * writable mapping's last type reference. NULL when it is not (nothing done). Checked
 * before the new value's reference is taken, which can only raise these counts (the same
 * page mapped again), so the drop after the write is then a plain decrement.
 */
PT_INLINE struct frame_info *pt_leaf_drop_record(uint32_t low, uint32_t high)
{
	struct frame_info *info;
	unsigned long frame;

	if (!arch_pte_words_leaf_frame(low, high, &frame) || !frame_info_find(frame, &info) ||
	    info->count <= 1 || (arch_pte_words_writable(low, high) && info->type_count <= 1)) {
		return NULL;
	}
	return info;
}

/*
 * pt_entry_replace (pt_entry.h) of the level-1 entry *entry, in a validated level-1 table
 * the caller checked, by the value in words (low, high), when both the take and the drop
 * are the fast ones: then true, done. False, nothing changed, when either is not: the
 * caller then takes pt_entry_replace. In pt_entry_replace's order: the new value's
 * reference is taken before the write, the old one's dropped after it.
 */
PT_INLINE bool pt_leaf_replace_quick(struct pt_leaf_owner owner, pte_t *entry, uint32_t low,
				     uint32_t high)
{
	uint64_t old = entry->value;
	uint32_t old_low = (uint32_t)old;
	uint32_t old_high = (uint32_t)(old >> 32);
	bool old_typed = arch_pte_words_writable(old_low, old_high);
	struct frame_info *old_info = NULL;

	if (arch_pte_words_present(old_low, old_high) &&
	    (old_info = pt_leaf_drop_record(old_low, old_high)) == NULL) {
		return false;
	}
	if (arch_pte_words_present(low, high) && !pt_leaf_take_quick(owner, low, high)) {
		return false;
	}
	entry->value = (uint64_t)high << 32 | low;
	mm_pt_changes++;
	if (old_info) {
		old_info->count--;
		if (old_typed) {
			old_info->type_count--;
		}
	}
	return true;
}

/*
 * The table of mmu_update's batch cursor (pt_update.h) as the fast run sees it, when the
 * cursor is on a level-1 table without reserved entries: its page's address in halves and
 * its mapping, and its record, whose ident word the run compares with the table owner's
 * FRAME_IDENT(owner, FRAME_L1, 0) and whose type count it checks, as the cursor's checks
 * do, before every run. Otherwise info is pt_leaf_no_table, a record no
 * owner's ident matches. Refreshed from the cursor after every request the general path
 * runs (pt_leaf_table_refresh), reset with the cursors.
 */
struct pt_leaf_table {
	const struct frame_info *info;
	uintptr_t entries;
	uint32_t page_low;
	uint32_t page_high;
};

extern struct pt_leaf_table pt_batch_leaf;
void pt_leaf_table_refresh(void);

/*
 * True when the byte offset of an 8-byte aligned entry in a level-1 table's page is one of
 * its entries: always, where a level-1 table fills its page (a compile-time constant with
 * the arch's inline entry count: no test at all), else compared with the entry count.
 */
static inline bool pt_leaf_offset_ok(uint32_t offset)
{
	return arch_pt_entry_count(1) * sizeof(pte_t) >= PAGE_SIZE ||
	       offset / sizeof(pte_t) < arch_pt_entry_count(1);
}

/* pt_entry_drop(old, 1) out of line: the rare last reference, kept off the fast loop. */
void pt_leaf_drop(pte_t old);

/*
 * The level-1 table that served the last update_va_mapping, kept for the next one by the
 * same vCPU in the same region (the addresses one level-1 table covers,
 * pt_va_region_mask). Only a level-1 table of the vCPU's domain without reserved slots is
 * kept. It is forgotten (vcpu NULL) whenever which table serves the region could change:
 * mm_pt_generation moving (mm_pt_generation_move: an entry above level 1 written, a table
 * validated or devalidated) and any vCPU's base changing (pt_va_leaf_forget). Until then
 * the table is still the one the walk found: the entry above it still holds a type
 * reference on it, so it stays a validated level-1 table of the same owner, and a use
 * needs no check of its record. The fuzz target's audit checks exactly that after every
 * step (pt_audit.c). pt_update.c keeps it.
 */
struct pt_va_leaf {
	const struct vcpu *vcpu; /* NULL: none kept */
	uintptr_t region;	 /* the first address of the region */
	pte_t *entries;
};

extern struct pt_va_leaf pt_va_leaf;
extern uintptr_t pt_va_region_mask;

/*
 * True when the kept table is the one for va in v's tables (its entries: pt_va_leaf).
 * va may be any value: no region at or above ARCH_GUEST_VA_LIMIT is kept, and no region
 * straddles it (pt_update.c checks the limit is aligned to the region size).
 */
PT_INLINE bool pt_va_leaf_holds(const struct vcpu *v, uintptr_t va)
{
	return pt_va_leaf.region == (va & pt_va_region_mask) && pt_va_leaf.vcpu == v;
}

/* Nothing is kept any more (a vCPU's base changed). */
static inline void pt_va_leaf_forget(void)
{
	pt_va_leaf.vcpu = NULL;
}

#endif
