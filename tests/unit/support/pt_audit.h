/*
 * pt_audit.h: checking the frame table against what the page tables actually hold, from
 * scratch, and snapshots for "a refused operation changed nothing".
 *
 * The audit recomputes every frame's general and type counts from the live domains
 * (allocation references, shared_info's own writable reference, the vCPUs' base tables),
 * the pins, and the counted entries of every validated table, and compares them with the
 * frame table. It also checks the validation invariants: no frame typed as a page table is
 * mapped writable anywhere; every table entry above level 1 names a validated table of the
 * level below (of the hypervisor-sharing type where the format says so) owned by the same
 * domain; a level-1 entry names its table owner's frame, or, for a privileged owner, a
 * frame of a live domain or an orphan; free frames are free in the allocator and hold no
 * count; M2P says M2P_INVALID for them. Written over arch/pt.h only, so it audits any
 * format linked in (the fuzz targets run it over PAE and VMSAv8 too).
 */
#ifndef RINGO_TEST_PT_AUDIT_H
#define RINGO_TEST_PT_AUDIT_H

#include "addr.h"

/* NULL when everything holds; otherwise a description of the first violation found. */
const char *pt_audit(void);

/*
 * The same without cross-checking free frames against the allocator and the M2P: every
 * count and invariant, cheap enough to run after every fuzz step.
 */
const char *pt_audit_counts(void);

/* The whole machine state a page-table operation may touch: RAM and the frame table. */
struct pt_snapshot;

struct pt_snapshot *pt_snapshot_take(void);
/*
 * True when RAM, every frame record and every vCPU base equal the snapshot's. The type a
 * frame keeps while its type count is zero is not compared: it is only a hint that the
 * frame may have been writable (frame_table.c flushes the TLB when such a frame becomes a
 * table), and a refused validation may leave it on frames it typed and released.
 */
bool pt_snapshot_same(const struct pt_snapshot *snapshot);
void pt_snapshot_free(struct pt_snapshot *snapshot);

#endif
