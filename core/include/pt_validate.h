/*
 * pt_validate.h: the page-table validator, between the frame table and the updates.
 *
 * frame_table.c calls pt_table_validate when a page-table type is first taken and
 * pt_table_devalidate when it is dropped for the last time; pt_update.c takes and releases
 * single entries through pt_entry_get and pt_entry_put. An entry is "counted" when it is
 * present and not one of the hypervisor's reserved slots: only counted entries hold
 * references.
 */
#ifndef RINGO_PT_VALIDATE_H
#define RINGO_PT_VALIDATE_H

#include "arch/pt.h"
#include "frame_table.h"

struct domain;

/* True when entry index of a level-`level` table holds references. */
bool pt_entry_counted(pte_t pte, unsigned int level, bool hv_table, unsigned int index);

/*
 * Checks a counted entry and takes its references. owner owns the table the entry is in
 * (tables above level 1 may only name owner's tables); pg_owner owns the page a level-1
 * entry maps. Returns 0 or a negative Xen errno with nothing taken.
 */
int pt_entry_get(struct domain *owner, struct domain *pg_owner, pte_t pte, unsigned int level,
		 unsigned int index);

/* Releases what pt_entry_get took for the same entry. */
void pt_entry_put(pte_t pte, unsigned int level);

/* Validates frame (owned by d) as a table of the given type; nothing taken on failure. */
int pt_table_validate(struct domain *d, mfn_t frame, enum frame_type type);

/* Releases every reference the table's counted entries hold. */
void pt_table_devalidate(mfn_t frame, enum frame_type type);

#endif
