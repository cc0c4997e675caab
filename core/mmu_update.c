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
#include "pt_leaf.h"
#include "pt_update.h"

/* Requests read at a time: 1 KiB of the hypervisor stack, 64 entries per guest copy. */
#define MMU_UPDATE_CHUNK 64

/* What the fast run of level-1 updates (leaf_run) needs of a batch's owners. */
struct mmu_fast {
	uint32_t table_ident;	 /* FRAME_IDENT(pt_owner, FRAME_L1, 0); ~0 when not allowed */
	struct pt_leaf_owner pg; /* pg_owner's, for the fast take */
};

struct mmu_batch {
	struct vcpu *v;
	struct domain *pt_owner;
	struct domain *pg_owner;
	struct mmu_fast fast;
	bool allowed; /* v may act on both owners' memory */
	bool flush;
};

/* No record's ident word, masked to owner and type, is this: no run is allowed. */
#define MMU_FAST_REFUSED UINT32_MAX

static inline struct mmu_fast mmu_fast_of(const struct domain *pt_owner,
					  const struct domain *pg_owner, bool allowed)
{
	return (struct mmu_fast){
	    .table_ident = allowed ? FRAME_IDENT(pt_owner->id, FRAME_L1, 0) : MMU_FAST_REFUSED,
	    .pg = pt_leaf_owner_of(pg_owner),
	};
}

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

/* Any request, the general way; afterwards the fast run's table is the cursor's. */
static int mmu_request(struct mmu_batch *b, const struct mmu_update *req)
{
	unsigned int cmd = (unsigned int)req->ptr & MMU_UPDATE_CMD_MASK;
	int rc;

	switch (cmd) {
	case MMU_NORMAL_PT_UPDATE:
	case MMU_PT_UPDATE_PRESERVE_AD:
		rc = pt_update(b, req, cmd);
		break;
	case MMU_MACHPHYS_UPDATE:
		rc = machphys_update(b, req);
		break;
	default:
		rc = -ENOSYS;
		break;
	}
	pt_leaf_table_refresh();
	return rc;
}

/*
 * foreigndom: the owner of the tables (bits 16-31, plus one) and of the pages (0-15).
 * Whether the caller may act for them is decided once here: it cannot change within the
 * batch, and each request that needs it fails with -EPERM, as Xen's per-request check.
 */
static int resolve_owners(struct mmu_batch *b, struct vcpu *v, unsigned int foreigndom)
{
	unsigned int pt_dom = foreigndom >> 16;
	int rc;

	b->v = v;
	b->flush = false;
	b->allowed = false;
	b->pt_owner = v->domain;
	if (pt_dom) {
		b->pt_owner = domain_lookup((domid_t)(pt_dom - 1));
		if (!b->pt_owner) {
			return -ESRCH;
		}
	}
	rc = mm_lookup_owner(v, (domid_t)foreigndom, &b->pg_owner);
	if (!rc) {
		b->allowed = mm_may_act_for(v, b->pt_owner) && mm_may_act_for(v, b->pg_owner);
		b->fast = mmu_fast_of(b->pt_owner, b->pg_owner, b->allowed);
	}
	return rc;
}

/*
 * The common request with what a batch cannot change hoisted out of the loop: an
 * MMU_NORMAL_PT_UPDATE of a level-1 entry in the batch cursor's table (pt_batch_leaf),
 * with a new value that unmaps or maps a page of pg_owner's whose reference pt_leaf.h's
 * fast take gets. Runs the requests from req while they are that case and returns how
 * many it completed. The first that is not, or that would fail, it leaves untouched for
 * mmu_request, which decides it from scratch, errors included; so every rule of
 * pt_cursor_update holds here too, in the same order: the slot is checked, the new value's
 * reference taken (nothing changes if that is not possible) before the write, the old
 * value's dropped after it.
 *
 * The table's record is checked once, on entry, as the cursor checks it (a validated
 * level-1 table of pt_owner's: owner and type in one compare of its ident word, and its
 * type count): within the loop only the fast paths run, which change general counts
 * (never to zero) and type counts of writable pages, never a page table's owner, type or
 * type count. When dropping an old value takes a slow path (a last reference), the run
 * ends after that request, and the next starts with the checks. The table has no
 * reserved entries (pt_batch_leaf holds no other), so every slot of it is one a guest may
 * write (pt_leaf_offset_ok: every aligned slot of its page, where tables fill their page).
 */
static inline __attribute__((always_inline)) unsigned int leaf_run(const struct mmu_fast *fast,
								   const struct mmu_update *req,
								   unsigned int count)
{
	const struct pt_leaf_table *table = &pt_batch_leaf;
	const struct frame_info *info = table->info;
	const struct mmu_update *first = req;
	const struct mmu_update *end = req + count;
	struct pt_leaf_owner owner = fast->pg;
	unsigned int done;
	pte_t old;

	if ((info->ident & FRAME_IDENT(0xffff, 0xff, 0)) != fast->table_ident ||
	    !info->type_count) {
		return 0;
	}
	for (; req != end; req++) {
		uint32_t ptr = (uint32_t)req->ptr;
		pte_t value = {req->val};
		pte_t *entry;

		/* In the table, aligned: also the command, MMU_NORMAL_PT_UPDATE (0). */
		if ((ptr & ~(uint32_t)(PAGE_SIZE - sizeof(pte_t))) != table->page_low ||
		    (uint32_t)(req->ptr >> 32) != table->page_high ||
		    !pt_leaf_offset_ok(ptr & (PAGE_SIZE - sizeof(pte_t)))) {
			break;
		}
		if (arch_pte_present(value, 1) &&
		    !pt_leaf_take_quick(owner, (uint32_t)value.value,
					(uint32_t)(value.value >> 32))) {
			break;
		}
		entry = (pte_t *)(table->entries + (ptr & (PAGE_SIZE - sizeof(pte_t))));
		old = *entry;
		*entry = value;
		if (arch_pte_present(old, 1) && !pt_leaf_drop_fast(old)) {
			goto last_reference;
		}
	}
	done = (unsigned int)(req - first);
	mm_pt_changes += done;
	return done;

last_reference:
	/* The run ends after this request: the drop may free or devalidate a frame. */
	pt_leaf_drop(old);
	done = (unsigned int)(req + 1 - first);
	mm_pt_changes += done;
	return done;
}

/* leaf_run of one request: pt_leaf.h's replace, which checks the old value first. */
static inline __attribute__((always_inline)) unsigned int leaf_one(const struct mmu_fast *fast,
								   const struct mmu_update *req)
{
	const struct pt_leaf_table *table = &pt_batch_leaf;
	const struct frame_info *info = table->info;
	uint32_t ptr = (uint32_t)req->ptr;
	uint64_t value = req->val;

	return (info->ident & FRAME_IDENT(0xffff, 0xff, 0)) == fast->table_ident &&
	       info->type_count &&
	       (ptr & ~(uint32_t)(PAGE_SIZE - sizeof(pte_t))) == table->page_low &&
	       (uint32_t)(req->ptr >> 32) == table->page_high &&
	       pt_leaf_offset_ok(ptr & (PAGE_SIZE - sizeof(pte_t))) &&
	       pt_leaf_replace_quick(
		   fast->pg, (pte_t *)(table->entries + (ptr & (PAGE_SIZE - sizeof(pte_t)))),
		   (uint32_t)value, (uint32_t)(value >> 32));
}

/*
 * Requests [0, count) of a chunk in order, up to the first that fails (*done counts those
 * completed): the fast run, and between its runs the general way, one request at a time.
 */
static __attribute__((noinline)) int run_chunk(struct mmu_batch *b, const struct mmu_update *req,
					       unsigned int count, unsigned int *done)
{
	unsigned int i = leaf_run(&b->fast, req, count);

	while (i < count) {
		int rc = mmu_request(b, &req[i]);

		if (rc) {
			*done += i;
			return rc;
		}
		i++;
		i += leaf_run(&b->fast, &req[i], count - i);
	}
	*done += count;
	return 0;
}

/*
 * The requests from `next` on, in order, up to the first that fails; *done counts those
 * completed. In place, a guest page at a time, while the arch shows the pages
 * (guest_batch.h's view: each entry is read when its turn comes, as Xen reads it); from
 * the first page it does not show, copied a bufferful at a time, and, as Xen, the batch
 * ends with -EFAULT at the first entry that cannot be read.
 */
static __attribute__((noinline)) int run_requests(struct mmu_batch *b, gvaddr_t base,
						  unsigned int next, unsigned int count,
						  unsigned int *done)
{
	struct mmu_update chunk[MMU_UPDATE_CHUNK];
	struct guest_batch batch = {
	    .base = base,
	    .count = count,
	    .entry_size = sizeof(struct mmu_update),
	    .buffer = chunk,
	    .buffer_entries = MMU_UPDATE_CHUNK,
	};
	unsigned int got;

	while (next < count) {
		const struct mmu_update *req =
		    guest_batch_page_view(base, next, count, sizeof(struct mmu_update), &got);
		int rc;

		if (!req) {
			break;
		}
		next += got;
		rc = run_chunk(b, req, got, done);
		if (rc) {
			return rc;
		}
	}
	batch.next = next;
	while ((got = guest_batch_next(&batch)) != 0) {
		int rc = run_chunk(b, chunk, got, done);

		if (rc) {
			return rc;
		}
	}
	return guest_batch_status(&batch);
}

/*
 * The batch the general way, from request `done` on (the ones before it completed in the
 * fast run of do_mmu_update): the array's range, the owners, then the requests.
 */
static __attribute__((noinline)) long mmu_update_general(struct vcpu *v,
							 const struct hcall_args *args,
							 unsigned int *done)
{
	gvaddr_t base = gvaddr(args->arg[0]);
	unsigned int count = (unsigned int)args->arg[1];
	struct mmu_batch b;
	long rc;

	if (!guest_batch_array_ok(base, count, sizeof(struct mmu_update))) {
		return -EFAULT;
	}
	rc = resolve_owners(&b, v, (unsigned int)args->arg[3]);
	if (rc) {
		return rc;
	}
	rc = run_requests(&b, base, *done, count, done);
	if (b.flush) {
		arch_tlb_flush_local();
	}
	return rc;
}

/* The end of every way: the rest of the batch, from `done` on, the general way; `done`. */
static inline __attribute__((always_inline)) long mmu_update_finish(struct vcpu *v,
								    const struct hcall_args *args,
								    unsigned int done)
{
	long rc = 0;

	if (done != (unsigned int)args->arg[1]) {
		rc = mmu_update_general(v, args, &done);
	}
	if (args->arg[2]) {
		/* As Xen, a `done` the guest cannot receive does not change the result. */
		(void)copy_to_guest(gvaddr(args->arg[2]), &done, sizeof(done));
	}
	return rc;
}

HOT_CALL long do_mmu_update(struct vcpu *v, const struct hcall_args *args)
{
	unsigned int count = (unsigned int)args->arg[1];
	unsigned int done = 0;

	/*
	 * The common case first: DOMID_SELF, the whole array in one page the arch shows (so in
	 * range: the page is below the limit), every request for the fast run. Whatever it
	 * leaves, the general way takes from there, range check first, as from the start.
	 */
	if (args->arg[3] == DOMID_SELF) {
		const struct mmu_update *req =
		    guest_batch_whole_view(gvaddr(args->arg[0]), count, sizeof(struct mmu_update));

		if (req) {
			struct mmu_fast fast = mmu_fast_of(v->domain, v->domain, true);

			/* One request, as a guest's single update: the run without its loop. */
			done = count == 1 ? leaf_one(&fast, req) : leaf_run(&fast, req, count);
		}
	}
	return mmu_update_finish(v, args, done);
}

HOT_CALL long mmu_update_peeked(struct vcpu *v, const struct hcall_args *args,
				const struct mmu_update *req)
{
	struct mmu_fast fast = mmu_fast_of(v->domain, v->domain, true);

	return mmu_update_finish(v, args, leaf_one(&fast, req));
}
