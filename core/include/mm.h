/*
 * mm.h: the guest page-table operations behind mmu_update, mmuext_op and
 * update_va_mapping, for the hypercall handlers and the arch (e.g. a trapped TTBR0_EL1
 * write is NEW_BASEPTR).
 *
 * Every function returns 0 or a negative Xen errno, and a refused operation changes
 * nothing: no table entry, no count, no pin, no base.
 */
#ifndef RINGO_MM_H
#define RINGO_MM_H

#include "arch/pt.h"
#include "domain.h"

/*
 * Moves on with every change to guest page tables that can change which tables a guest
 * address is translated through: an entry above level 1 written, a table validated or
 * devalidated (pt_validate.c). Level-1 entries change without moving it, so a batch of
 * level-1 updates leaves it alone: whoever keeps a translation of a guest address (x86's
 * guest_access.c) compares it with the value it saw, and keeps the address and value of
 * the level-1 entry it went through, to read again.
 */
extern uint64_t mm_pt_generation;

/*
 * Moves mm_pt_generation on, and forgets what is kept only while it stands still: the
 * level-1 table update_va_mapping kept (pt_leaf.h). Every move goes through here.
 */
void mm_pt_generation_move(void);

/*
 * Moves on with every change to any guest page table (an entry at any level written, a
 * table validated or devalidated) and to a vCPU's page-table base: while it stands still,
 * every guest address translates as it did (arch_guest_page's pointers hold).
 */
extern uint64_t mm_pt_changes;

/* ---- pins and the base table (pt_pin.c) ---- */

/*
 * Pins frame, one of pg_owner's, as a page table of the given level (validating it if it
 * was not yet a table of that level): -EINVAL when the level is not one of the format's,
 * the frame not pg_owner's, already pinned or holding another type; a validation error
 * otherwise.
 */
int mm_pin_table(struct domain *pg_owner, mfn_t frame, unsigned int level);

/* Unpins a pinned table of pg_owner's (-EINVAL when it is not one). */
int mm_unpin_table(struct domain *pg_owner, mfn_t frame);

/*
 * NEW_BASEPTR: makes top (one of v's domain's frames, validated as a top-level table)
 * v's page-table base and loads it (arch_vcpu_set_pt_base). The old base keeps its
 * reference until the switch is done.
 */
int mm_new_baseptr(struct vcpu *v, mfn_t top);

/* As mm_new_baseptr without loading: for the domain builder, before the vCPU first runs. */
int mm_take_base(struct vcpu *v, mfn_t top);

/* Teardown: drops the base reference and every pin of d's frames (devalidating tables). */
void mm_release_tables(struct domain *d);

/* ---- entries (pt_update.c) ---- */

/*
 * MMU_NORMAL_PT_UPDATE / MMU_PT_UPDATE_PRESERVE_AD: writes value into the entry at machine
 * address entry (8-byte aligned), in a frame of pt_owner's that is a validated page table;
 * level-1 entries may map pg_owner's frames, entries above only pt_owner's tables. The new
 * entry's references are taken before it is written and the old entry's released after.
 * Stores the table's level in *level. Errors: -EINVAL (not a validated table of pt_owner's,
 * entry beyond the format's entry count, pg_owner foreign above level 1, validation),
 * -EPERM (a hypervisor slot), and the validator's errors (pt_validate.c).
 */
int mm_update_entry(struct domain *pt_owner, struct domain *pg_owner, maddr_t entry, pte_t value,
		    bool preserve_ad, unsigned int *level);

/*
 * update_va_mapping: walks v's base table to the level-1 entry of va (every level present
 * and not the hypervisor's, else -EINVAL) and updates it as mm_update_entry does.
 */
int mm_update_va(struct vcpu *v, struct domain *pg_owner, uintptr_t va, pte_t value);

/*
 * The frame v's current tables map at va (for a write when write: the level-1 entry lets
 * the guest's kernel write it), found by walking its validated tables from its base, so
 * whichever vCPU is loaded: 0, or -EFAULT when va is not mapped so or has no record.
 */
int mm_va_frame(const struct vcpu *v, uintptr_t va, bool write, mfn_t *frame);

/* ---- whose memory (mm_owner.c) ---- */

/*
 * The domain a memory hypercall names (Xen's get_pg_owner): DOMID_SELF is the caller;
 * -ESRCH for no such domain, or for the caller naming itself by number, as Xen refuses.
 */
int mm_lookup_owner(const struct vcpu *v, domid_t id, struct domain **owner);

/* True when v may act on target's memory: its own, or any when privileged. */
bool mm_may_act_for(const struct vcpu *v, const struct domain *target);

#endif
