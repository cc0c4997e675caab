/*
 * mmu_update.c: the mmu_update hypercall (1), a batch of page-table writes and M2P updates.
 *
 * Arguments: reqs (a guest array of struct mmu_update), count, done (out, may be NULL:
 * requests completed), foreigndom. The low three bits of each ptr are the command (Xen
 * decodes sizeof(entry) - 1), the rest the machine address of the entry or frame, so a ptr
 * that is not 8-byte aligned apart from a known command is an unknown command, -ENOSYS.
 * foreigndom's low 16 bits name the owner of the frames new level-1 entries may map
 * (pg_owner, DOMID_SELF for the caller), bits 16-31, when not zero, one more than the owner
 * of the tables (pt_owner); acting for another domain needs privilege (-EPERM for each request that
 * needs it, as Xen's XSM hook has it), naming a missing domain is -ESRCH.
 *
 * Requests run in order; the batch stops at the first that fails and returns its error,
 * and `done` is written either way (Xen's partial-failure semantics). Ringo never preempts
 * a batch, so count's top bit (Xen's continuation marker) is simply part of a count too
 * large for any guest array: -EFAULT. Changes above level 1 flush the TLB once at the end,
 * as Xen does; level-1 changes are the guest's to flush.
 */
#include "arch/pt.h"
#include "frame_table.h"
#include "guest_access.h"
#include "guest_batch.h"
#include "hypercall.h"
#include "m2p.h"
#include "mm.h"
#include "public/errno.h"
#include "pt_entry.h"
#include "pt_update.h"

/* Requests read at a time: 1 KiB of the hypervisor stack, 64 entries per guest copy. */
#define MMU_UPDATE_CHUNK 64

struct mmu_batch {
	struct vcpu *v;
	struct domain *pt_owner;
	struct domain *pg_owner;
	bool allowed; /* v may act on both owners' memory */
	bool flush;
};

static inline int pt_update(struct mmu_batch *b, const struct mmu_update *req, unsigned int cmd)
{
	unsigned int level;
	int rc;

	if (!b->allowed) {
		return -EPERM;
	}
	rc = pt_cursor_update(&pt_batch_cursor, b->pt_owner, b->pg_owner, maddr(req->ptr - cmd),
			      (pte_t){req->val}, cmd == MMU_PT_UPDATE_PRESERVE_AD, &level);
	if (!rc && level > 1) {
		b->flush = true;
	}
	return rc;
}

/* MMU_MACHPHYS_UPDATE: the frame at ptr is now pseudo-physical frame val of pg_owner. */
static int machphys_update(struct mmu_batch *b, const struct mmu_update *req)
{
	mfn_t frame = maddr_to_mfn(maddr(req->ptr));

	if (b->pt_owner != b->v->domain || !b->allowed) {
		return -EPERM;
	}
	if (!frame_owned_by(frame, b->pg_owner)) {
		return -EINVAL;
	}
	m2p_set(frame, (xen_pfn_t)req->val);
	return 0;
}

static inline int mmu_request(struct mmu_batch *b, const struct mmu_update *req)
{
	unsigned int cmd = (unsigned int)req->ptr & MMU_UPDATE_CMD_MASK;

	switch (cmd) {
	case MMU_NORMAL_PT_UPDATE:
	case MMU_PT_UPDATE_PRESERVE_AD:
		return pt_update(b, req, cmd);
	case MMU_MACHPHYS_UPDATE:
		return machphys_update(b, req);
	default:
		return -ENOSYS;
	}
}

/*
 * foreigndom: the owner of the tables (bits 16-31, plus one) and of the pages (0-15).
 * Whether the caller may act for them is decided once here: it cannot change within the
 * batch, and each request that needs it fails with -EPERM, as Xen's per-request check.
 */
static int resolve_owners(struct mmu_batch *b, unsigned int foreigndom)
{
	unsigned int pt_dom = foreigndom >> 16;
	int rc;

	b->pt_owner = b->v->domain;
	if (foreigndom == DOMID_SELF) {
		/* The common case, as the general one below would find it. */
		b->pg_owner = b->pt_owner;
		b->allowed = true;
		return 0;
	}
	if (pt_dom) {
		b->pt_owner = domain_lookup((domid_t)(pt_dom - 1));
		if (!b->pt_owner) {
			return -ESRCH;
		}
	}
	rc = mm_lookup_owner(b->v, (domid_t)foreigndom, &b->pg_owner);
	if (!rc) {
		b->allowed = mm_may_act_for(b->v, b->pt_owner) && mm_may_act_for(b->v, b->pg_owner);
	}
	return rc;
}

/*
 * The common request with what a batch cannot change hoisted out of the loop: an
 * MMU_NORMAL_PT_UPDATE of a level-1 entry in the cursor's table, with a new value that
 * unmaps or maps a page of pg_owner's whose reference frame_table.h's fast paths take.
 * Runs the requests from req while they are that case and returns how many it completed.
 * The first that is not, or that would fail, it leaves untouched for mmu_request, which
 * decides it from scratch, errors included; so every rule of pt_cursor_update holds here
 * too, in the same order: the slot is checked, the new value's reference taken (nothing
 * changes if that is not possible) before the write, the old value's dropped after it.
 *
 * The table's record is checked once, on entry: within the loop only the fast paths run,
 * which change general counts (never to zero) and type counts of writable pages, never
 * a page table's owner, type or type count. When dropping an old value takes a slow path
 * (a last reference), the run ends after that request, and the next starts with the checks.
 */
static unsigned int leaf_run(const struct mmu_batch *b, const struct mmu_update *req,
			     unsigned int count)
{
	const struct pt_cursor *cursor = &pt_batch_cursor;
	const struct frame_info *table = cursor->info;
	pte_t *entries = cursor->entries;
	unsigned int entry_count = cursor->count;
	uint64_t page = cursor->page;
	unsigned int i;

	/* A table above level 1, or with the hypervisor's slots, goes the general way. */
	if (!b->allowed || cursor->level != 1 || cursor->reserved ||
	    table->owner != b->pt_owner->id || table->type != cursor->type || !table->type_count) {
		return 0;
	}
	for (i = 0; i < count; i++, req++) {
		uint64_t ptr = req->ptr;
		pte_t value = {req->val};
		unsigned int index = ((uint32_t)ptr & (PAGE_SIZE - 1)) / sizeof(pte_t);
		pte_t *entry;
		pte_t old;

		/* In the table, aligned: also the command, MMU_NORMAL_PT_UPDATE (0). */
		if (((ptr ^ page) & ~(uint64_t)(PAGE_SIZE - sizeof(pte_t))) != 0 ||
		    index >= entry_count) {
			break;
		}
		if (arch_pte_present(value, 1) && !pt_leaf_take_fast(b->pg_owner, value)) {
			break;
		}
		entry = &entries[index];
		old = *entry;
		*entry = value;
		if (!arch_pte_present(old, 1)) {
			continue;
		}
		if (!pt_leaf_drop_fast(old)) {
			pt_entry_drop(old, 1);
			i++;
			break;
		}
	}
	mm_pt_changes += i;
	return i;
}

/* The requests in order, up to the first that fails; *done counts those completed. */
static int run_requests(struct mmu_batch *b, struct guest_batch *batch, unsigned int *done)
{
	unsigned int count;

	/* Until every request is read (no view call to learn that) or one cannot be read. */
	while (batch->next < batch->count) {
		const struct mmu_update *req = guest_batch_view(batch, &count);
		unsigned int i;

		if (!count) {
			break;
		}
		i = leaf_run(b, req, count);

		while (i < count) {
			int rc = mmu_request(b, &req[i]);

			if (rc) {
				*done += i;
				return rc;
			}
			i++;
			i += leaf_run(b, &req[i], count - i);
		}
		*done += count;
	}
	return guest_batch_status(batch);
}

long do_mmu_update(struct vcpu *v, const struct hcall_args *args)
{
	struct mmu_update chunk[MMU_UPDATE_CHUNK];
	struct guest_batch batch = {
	    .base = gvaddr(args->arg[0]),
	    .count = (unsigned int)args->arg[1],
	    .entry_size = sizeof(struct mmu_update),
	    .buffer = chunk,
	    .buffer_entries = MMU_UPDATE_CHUNK,
	};
	struct mmu_batch b = {.v = v};
	gvaddr_t done_at = gvaddr(args->arg[2]);
	unsigned int done = 0;
	int rc;

	if (!guest_array_ok(batch.base, batch.count, batch.entry_size)) {
		return -EFAULT;
	}
	rc = resolve_owners(&b, (unsigned int)args->arg[3]);
	if (!rc) {
		rc = run_requests(&b, &batch, &done);
	}
	if (b.flush) {
		arch_tlb_flush_local();
	}
	if (gvaddr_value(done_at)) {
		/* As Xen, a `done` the guest cannot receive does not change the result. */
		(void)copy_to_guest(done_at, &done, sizeof(done));
	}
	return rc;
}
