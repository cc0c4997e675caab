/*
 * mmuext_op.c: the mmuext_op hypercall (26): pins, the base table, TLB and cache
 * maintenance, the LDT, and clearing or copying a page.
 *
 * Arguments: ops (a guest array of struct mmuext_op), count, done (out, may be NULL),
 * foreigndom (the domain whose frames the pins and page operations name: DOMID_SELF, or one
 * a privileged caller may act for; -ESRCH / -EPERM before anything runs, as Xen). Ops run in
 * order and the batch stops at the first that fails, with `done` = ops completed. The other
 * commands act on the caller alone and refuse a foreign batch with -EPERM, as Xen does.
 * Ringo gives a domain one vCPU, so the _MULTI and _ALL flushes are local flushes (a _MULTI
 * mask that cannot be read is -EINVAL, Xen's choice). Pinning at a level the format lacks
 * (PIN_L4 on these 3-level formats) is -EINVAL (Xen silently ignores it for 32-bit guests).
 * FLUSH_CACHE needs privilege: -EACCES, Xen's errno, otherwise.
 */
#include "arch/config.h"
#include "arch/mmuext.h"
#include "arch/pt.h"
#include "frame_alloc.h"
#include "frame_table.h"
#include "guest_access.h"
#include "guest_batch.h"
#include "hypercall.h"
#include "lib.h"
#include "mm.h"
#include "public/errno.h"

#define MMUEXT_CHUNK 16

struct mmuext_batch {
	struct vcpu *v;
	struct domain *pg_owner;
};

static bool batch_is_local(const struct mmuext_batch *b)
{
	return b->pg_owner == b->v->domain;
}

static int pin(struct mmuext_batch *b, const struct mmuext_op *op)
{
	unsigned int level = op->cmd - MMUEXT_PIN_L1_TABLE + 1;

	return mm_pin_table(b->pg_owner, mfn(op->arg1.mfn), level);
}

/* A guest VA is flushed only when it is the guest's (Xen's __addr_ok); others are ignored. */
static void flush_va(unsigned long va)
{
	if (va < ARCH_GUEST_VA_LIMIT) {
		arch_tlb_flush_va(va);
	}
}

/* _MULTI: flush when the mask names vCPU 0, the only one. */
static int flush_multi(const struct mmuext_op *op)
{
	unsigned long mask;

	if (copy_from_guest(&mask, gvaddr((uintptr_t)op->arg2.vcpumask), sizeof(mask))) {
		return -EINVAL;
	}
	if (!(mask & 1)) {
		return 0;
	}
	if (op->cmd == MMUEXT_TLB_FLUSH_MULTI) {
		arch_tlb_flush_local();
	} else {
		flush_va(op->arg1.linear_addr);
	}
	return 0;
}

static int clear_page(struct mmuext_batch *b, const struct mmuext_op *op)
{
	mfn_t frame = mfn(op->arg1.mfn);

	if (frame_get_typed(b->pg_owner, frame, FRAME_WRITABLE)) {
		return -EINVAL;
	}
	memset(frame_map(frame), 0, PAGE_SIZE);
	frame_put_typed(frame);
	return 0;
}

static int copy_page(struct mmuext_batch *b, const struct mmuext_op *op)
{
	mfn_t target = mfn(op->arg1.mfn);
	mfn_t source = mfn(op->arg2.src_mfn);

	if (frame_get(b->pg_owner, source)) {
		return -EINVAL;
	}
	if (frame_get_typed(b->pg_owner, target, FRAME_WRITABLE)) {
		frame_put(source);
		return -EINVAL;
	}
	memmove(frame_map(target), frame_map(source), PAGE_SIZE);
	frame_put_typed(target);
	frame_put(source);
	return 0;
}

/* The commands that act on the caller itself. */
static int local_op(struct mmuext_batch *b, const struct mmuext_op *op)
{
	switch (op->cmd) {
	case MMUEXT_NEW_BASEPTR:
		return mm_new_baseptr(b->v, mfn(op->arg1.mfn));
	case MMUEXT_TLB_FLUSH_LOCAL:
	case MMUEXT_TLB_FLUSH_ALL:
		arch_tlb_flush_local();
		return 0;
	case MMUEXT_INVLPG_LOCAL:
	case MMUEXT_INVLPG_ALL:
		flush_va(op->arg1.linear_addr);
		return 0;
	case MMUEXT_TLB_FLUSH_MULTI:
	case MMUEXT_INVLPG_MULTI:
		return flush_multi(op);
	case MMUEXT_FLUSH_CACHE:
		return b->v->domain->privileged ? arch_mmuext_flush_cache(b->v) : -EACCES;
	case MMUEXT_SET_LDT:
		return arch_mmuext_set_ldt(b->v, op->arg1.linear_addr, op->arg2.nr_ents);
	default:
		return -ENOSYS;
	}
}

static int mmuext_one(void *context, const void *entry, unsigned int index)
{
	struct mmuext_batch *b = context;
	const struct mmuext_op *op = entry;

	(void)index;
	switch (op->cmd) {
	case MMUEXT_PIN_L1_TABLE:
	case MMUEXT_PIN_L2_TABLE:
	case MMUEXT_PIN_L3_TABLE:
	case MMUEXT_PIN_L4_TABLE:
		return pin(b, op);
	case MMUEXT_UNPIN_TABLE:
		return mm_unpin_table(b->pg_owner, mfn(op->arg1.mfn));
	case MMUEXT_CLEAR_PAGE:
		return clear_page(b, op);
	case MMUEXT_COPY_PAGE:
		return copy_page(b, op);
	case MMUEXT_NEW_BASEPTR:
	case MMUEXT_TLB_FLUSH_LOCAL:
	case MMUEXT_INVLPG_LOCAL:
	case MMUEXT_TLB_FLUSH_MULTI:
	case MMUEXT_INVLPG_MULTI:
	case MMUEXT_TLB_FLUSH_ALL:
	case MMUEXT_INVLPG_ALL:
	case MMUEXT_FLUSH_CACHE:
	case MMUEXT_SET_LDT:
		return batch_is_local(b) ? local_op(b, op) : -EPERM;
	default:
		return -ENOSYS;
	}
}

HOT_CALL long do_mmuext_op(struct vcpu *v, const struct hcall_args *args)
{
	struct mmuext_op chunk[MMUEXT_CHUNK];
	struct guest_batch batch = {
	    .base = gvaddr(args->arg[0]),
	    .count = (unsigned int)args->arg[1],
	    .entry_size = sizeof(struct mmuext_op),
	    .buffer = chunk,
	    .buffer_entries = MMUEXT_CHUNK,
	};
	struct mmuext_batch b = {.v = v};
	gvaddr_t done_at = gvaddr(args->arg[2]);
	unsigned int done = 0;
	int rc;

	if (!guest_array_ok(batch.base, batch.count, batch.entry_size)) {
		return -EFAULT;
	}
	rc = mm_lookup_owner(v, (domid_t)args->arg[3], &b.pg_owner);
	if (rc) {
		return rc;
	}
	if (!mm_may_act_for(v, b.pg_owner)) {
		return -EPERM;
	}
	rc = guest_batch_run(&batch, mmuext_one, &b, &done);
	if (gvaddr_value(done_at)) {
		(void)copy_to_guest(done_at, &done, sizeof(done));
	}
	return rc;
}
