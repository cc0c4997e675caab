/*
 * pt_update.h: writing entries of validated guest page tables one after another, inline.
 *
 * mmu_update writes thousands of entries per batch, almost always many in a row into the
 * same table. A cursor keeps what the last entry's table was (its record, level, shape and
 * mapping), so the next entry in that table costs a few compares: the record's owner, type
 * and type count are read again every time (an earlier update in the batch may have
 * devalidated the table), and any difference takes the full lookup (pt_cursor_find, the
 * rules of mm_update_entry in mm.h). The errors and their order are mm_update_entry's: the
 * cursor only skips work whose outcome is already known. pt_update.c has the slow paths;
 * mm_update_entry is this with a fresh cursor.
 */
#ifndef RINGO_PT_UPDATE_H
#define RINGO_PT_UPDATE_H

#include "arch/pt.h"
#include "domain.h"
#include "frame_table.h"
#include "pt_entry.h"

struct pt_cursor {
	uint64_t page; /* machine address of the table's frame; not page-aligned: none */
	struct frame_info *info;
	pte_t *entries;
	unsigned int level;
	unsigned int count; /* entries in the table */
	uint8_t type;	    /* enum frame_type of a page table */
	bool reserved;	    /* some entry of the table is the hypervisor's */
};

/*
 * The cursors kept from one hypercall to the next (pt_update.c): a guest's successive
 * mmu_update batches and update_va_mapping calls mostly write the same tables. Safe to keep
 * because every use reads the record again; only a new frame table (frame_table_init)
 * makes what they point to go away, and it resets them (pt_cursors_reset).
 */
extern struct pt_cursor pt_batch_cursor; /* mmu_update */
extern struct pt_cursor pt_va_cursor;	 /* update_va_mapping */

void pt_cursors_reset(void);

/* A cursor on no table. */
static inline void pt_cursor_init(struct pt_cursor *cursor)
{
	*cursor = (struct pt_cursor){.page = 1};
}

/*
 * The full lookup: a cursor on the table holding the entry at addr, which must be a
 * validated table of pt_owner's; else a cursor on no table (the error is -EINVAL). By
 * value, so that a caller's cursor stays a local the compiler may keep in registers.
 */
struct pt_cursor pt_cursor_find(struct domain *pt_owner, maddr_t addr);

/* The index of the entry at addr, in a table of pt_owner's the guest may write there. */
PT_INLINE int pt_cursor_slot(struct pt_cursor *cursor, struct domain *pt_owner, maddr_t addr,
			     unsigned int *index)
{
	uint64_t page = maddr_value(addr) & ~(uint64_t)(PAGE_SIZE - 1);
	unsigned int offset = (unsigned int)(maddr_value(addr) & (PAGE_SIZE - 1));
	const struct frame_info *info = cursor->info;

	if (page != cursor->page || info->owner != pt_owner->id || info->type != cursor->type ||
	    !info->type_count) {
		*cursor = pt_cursor_find(pt_owner, addr);
		if (cursor->page == 1) {
			return -EINVAL;
		}
	}
	if (offset % sizeof(pte_t) || offset / sizeof(pte_t) >= cursor->count) {
		return -EINVAL;
	}
	*index = offset / sizeof(pte_t);
	if (cursor->reserved &&
	    arch_pt_slot_reserved(cursor->level, cursor->type == FRAME_L2_HV, *index)) {
		return -EPERM;
	}
	return 0;
}

/* mm_update_entry (mm.h) through a cursor; *level is the table's level. */
PT_INLINE int pt_cursor_update(struct pt_cursor *cursor, struct domain *pt_owner,
			       struct domain *pg_owner, maddr_t addr, pte_t value, bool preserve_ad,
			       unsigned int *level)
{
	unsigned int index;
	int rc = pt_cursor_slot(cursor, pt_owner, addr, &index);
	pte_t *entry;

	if (rc) {
		return rc;
	}
	/* Xen: tables above level 1 name only the table owner's tables. */
	if (cursor->level > 1 && pg_owner != pt_owner) {
		return -EINVAL;
	}
	entry = &cursor->entries[index];
	if (preserve_ad) {
		value = arch_pte_preserve_ad(*entry, value);
	}
	*level = cursor->level;
	if (cursor->level == 1) {
		/* The common case, with the level a constant for the format's primitives. */
		return pt_entry_replace(pt_owner, pg_owner, entry, 1, index, value);
	}
	return pt_entry_replace(pt_owner, pg_owner, entry, cursor->level, index, value);
}

#endif
