/*
 * pt_entry.h: taking and dropping the references of one guest page-table entry, inline.
 *
 * The validator (pt_validate.c) runs these over whole tables and the update paths
 * (pt_update.c) over single entries, thousands per batch, so they are inline in both rather
 * than a call away: an update is one function with the arch's format primitives and the
 * frame table's slow paths as its only calls. The rules and errors are pt_validate.c's
 * (see its header); pt_validate.h has the same operations as functions.
 */
#ifndef RINGO_PT_ENTRY_H
#define RINGO_PT_ENTRY_H

#include "arch/pt.h"
#include "domain.h"
#include "frame_table.h"
#include "mm.h"
#include "public/errno.h"

/*
 * Inlined even where the compiler would rather not: these are the body of the per-entry
 * loops (validation, mmu_update), where a call costs more than the work it does.
 */
#define PT_INLINE static inline __attribute__((always_inline))

/* A level-1 entry: the page must be pg_owner's RAM; writable needs a writable type. */
PT_INLINE int pt_leaf_take(struct domain *pg_owner, pte_t pte)
{
	mfn_t page = arch_pte_mfn(pte, 1);
	struct frame_info *info = frame_info_of(page);
	int rc;

	if (!info) {
		return -EPERM;
	}
	if (info->owner != pg_owner->id) {
		return -EBUSY;
	}
	if (arch_pte_writable(pte)) {
		rc = frame_get_typed_fast(info, FRAME_WRITABLE)
			 ? 0
			 : frame_get_typed(pg_owner, page, FRAME_WRITABLE);
	} else {
		rc = frame_get_fast(info) ? 0 : frame_get(pg_owner, page);
	}
	return rc ? -EBUSY : 0;
}

/*
 * The common level-1 case of pt_entry_take, on word-sized frame numbers: a valid entry
 * mapping a page of pg_owner's whose reference frame_table.h's fast path takes. False,
 * changing nothing, for anything else, which pt_entry_take then decides in full.
 */
PT_INLINE bool pt_leaf_take_fast(const struct domain *pg_owner, pte_t pte)
{
	struct frame_info *info;
	unsigned long frame;

	return arch_pte_leaf_checked_frame(pte, &frame) && frame_info_find(frame, &info) &&
	       info->owner == pg_owner->id &&
	       (arch_pte_writable(pte) ? frame_get_typed_fast(info, FRAME_WRITABLE)
				       : frame_get_fast(info));
}

/* The common level-1 case of pt_entry_drop: not a last reference. False: nothing done. */
PT_INLINE bool pt_leaf_drop_fast(pte_t pte)
{
	struct frame_info *info;
	unsigned long frame;

	return arch_pte_leaf_frame(pte, &frame) && frame_info_find(frame, &info) &&
	       (arch_pte_writable(pte) ? frame_put_typed_fast(info) : frame_put_fast(info));
}

PT_INLINE int pt_entry_take(struct domain *owner, struct domain *pg_owner, pte_t pte,
			    unsigned int level, unsigned int index)
{
	int rc;
	enum frame_type child;

	if (level == 1 && pt_leaf_take_fast(pg_owner, pte)) {
		return 0;
	}
	rc = arch_pte_check(pte, level);
	if (rc) {
		return rc;
	}
	if (level == 1) {
		return pt_leaf_take(pg_owner, pte);
	}
	child = frame_type_of_level(level - 1, arch_pt_child_shares_hv(level, index));
	return frame_get_typed(owner, arch_pte_mfn(pte, level), child);
}

PT_INLINE void pt_entry_drop(pte_t pte, unsigned int level)
{
	mfn_t frame;
	struct frame_info *info;

	if (level == 1 && pt_leaf_drop_fast(pte)) {
		return;
	}
	frame = arch_pte_mfn(pte, level);
	info = frame_info_of(frame);
	/* A counted entry holds references, so the frame has a record (checked below). */
	if (level > 1 || arch_pte_writable(pte)) {
		if (!info || !frame_put_typed_fast(info)) {
			frame_put_typed(frame);
		}
	} else if (!info || !frame_put_fast(info)) {
		frame_put(frame);
	}
}

/*
 * Replaces *entry, entry index of a validated level-`level` table of owner's, with value:
 * value's references first, then the write, then the old entry's references dropped (so an
 * entry rewritten to the same table never lets that table's type count touch zero). 0, or
 * the error of value's references with nothing changed. The caller checks that the slot is
 * one a guest may write. A change above level 1 moves mm_pt_generation: which tables a
 * guest address goes through may have changed.
 */
PT_INLINE int pt_entry_replace(struct domain *owner, struct domain *pg_owner, pte_t *entry,
			       unsigned int level, unsigned int index, pte_t value)
{
	pte_t old = *entry;

	if (arch_pte_present(value, level)) {
		int rc = pt_entry_take(owner, pg_owner, value, level, index);

		if (rc) {
			return rc;
		}
	}
	*entry = value;
	mm_pt_changes++;
	if (level > 1) {
		mm_pt_generation_move();
	}
	if (arch_pte_present(old, level)) {
		pt_entry_drop(old, level);
	}
	return 0;
}

#endif
