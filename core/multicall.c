/*
 * multicall.c: the multicall hypercall (13), the batching the paper relies on: a guest
 * array of struct multicall_entry, each dispatched in order through hypercall_dispatch
 * with its result written back into the entry's result field (nothing else is written).
 *
 * As Xen: the whole array's range is checked first (-EFAULT), an entry that cannot be read
 * or whose result cannot be written ends the batch with -EFAULT, and a multicall inside a
 * multicall gets -EINVAL as its result. A call that stopped the domain (shutdown, crash)
 * ends the batch at once: its memory is gone, so no result is written back, and the vCPU
 * never returns to the guest anyway. Entries are read a bufferful at a time; each result is
 * written as soon as its call returns, through a direct view of the guest page when the arch
 * offers one (arch_guest_page), kept until a call changes a page table.
 */
#include "domain.h"
#include "arch/guest_access.h"
#include "guest_access.h"
#include "guest_batch.h"
#include "hypercall.h"
#include "mm.h"
#include "public/errno.h"

/* Entries read at a time: 1 KiB of the hypervisor stack. */
#define MULTICALL_CHUNK 32

/*
 * An entry as read from the guest, and the same words as a dispatch's arguments: from the
 * result slot on, {result, args[6]} has the layout of struct hcall_args {number, arg[6]},
 * so writing the op into the result slot of the copy makes the arguments without copying
 * them (the guest's result slot gets the result afterwards anyway).
 */
union multicall_slot {
	struct multicall_entry entry;
	struct {
		xen_ulong_t op;
		struct hcall_args args;
	} call;
};

_Static_assert(
    offsetof(union multicall_slot, call.args.number) == offsetof(struct multicall_entry, result) &&
	offsetof(union multicall_slot, call.args.arg) == offsetof(struct multicall_entry, args) &&
	sizeof(((struct hcall_args *)0)->arg) == sizeof(((struct multicall_entry *)0)->args) &&
	sizeof(union multicall_slot) == sizeof(struct multicall_entry),
    "a multicall entry from its result slot on is a struct hcall_args");

/*
 * Where results go: a direct view of the page holding the last result slot written
 * (arch_guest_page), kept while no page table or base changes; else the copies. The view
 * is kept as the range of guest addresses it covers, [page, end), and the distance from
 * a guest address to its byte in the view, so the common case is one compare and a store.
 */
struct result_sink {
	bool direct;	  /* the slots are aligned: views may be used */
	uintptr_t page;	  /* the page of the view */
	uintptr_t end;	  /* page + PAGE_SIZE, or 0 when there is no view */
	uintptr_t delta;  /* view address - guest address */
	uint32_t changes; /* mm_pt_changes when the view was taken */
};

/*
 * Writes a result at `at` the slow way: takes a new view when the slots are aligned (all
 * are, when the first is: entries are a multiple of its size apart, so each lies in one
 * page), else copies. Results go in increasing order, so `at` is never below the page of
 * a kept view.
 */
static __attribute__((noinline)) int result_write_slow(struct result_sink *sink, uintptr_t at,
						       xen_ulong_t result)
{
	if (sink->direct) {
		uint8_t *view;

		sink->page = at & ~(uintptr_t)(PAGE_SIZE - 1);
		sink->changes = (uint32_t)mm_pt_changes;
		view = arch_guest_page(gvaddr(sink->page), true);
		sink->end = view ? sink->page + PAGE_SIZE : 0;
		sink->delta = (uintptr_t)view - sink->page;
		if (view) {
			*(xen_ulong_t *)(sink->delta + at) = result;
			return 0;
		}
	}
	return arch_copy_to_guest(gvaddr(at), &result, sizeof(result)) ? -EFAULT : 0;
}

/*
 * Writes a result at `at`: through the kept view while `at` is in its page and no page
 * table changed since it was taken (checked at every result: between two checks there is
 * one call, which cannot change page tables 2^32 times, so the low half of mm_pt_changes
 * tells whether it changed any); else result_write_slow.
 */
static inline int result_write(struct result_sink *sink, uintptr_t at, xen_ulong_t result)
{
	if (at < sink->end && sink->changes == (uint32_t)mm_pt_changes) {
		*(xen_ulong_t *)(sink->delta + at) = result;
		return 0;
	}
	return result_write_slow(sink, at, result);
}

/* hypercall_dispatch, inline: one call per entry instead of two. */
static inline long dispatch(struct vcpu *v, const struct hcall_args *args)
{
	if (args->number >= HYPERCALL_TABLE_SIZE) {
		return -ENOSYS;
	}
	return hypercall_table[args->number](v, args);
}

/*
 * The calls in order. A call that stopped the domain ends the batch (0, nothing written);
 * an entry that cannot be read, or a result that cannot be written, ends it with -EFAULT.
 * The array passed guest_array_ok, so results go straight to the arch.
 */
static int run_calls(struct vcpu *v, gvaddr_t base, struct guest_batch *batch)
{
	uintptr_t first_result = gvaddr_value(base) + offsetof(struct multicall_entry, result);
	struct result_sink sink = {.direct = first_result % sizeof(xen_ulong_t) == 0};
	unsigned int count;

	while ((count = guest_batch_next(batch)) != 0) {
		union multicall_slot *slot = batch->buffer;
		const union multicall_slot *last = slot + count;
		uintptr_t result_at = first_result + (batch->next - count) * sizeof(slot->entry);

		for (; slot != last; slot++, result_at += sizeof(slot->entry)) {
			xen_ulong_t result;

			slot->call.args.number = slot->entry.op;
			result = (xen_ulong_t)dispatch(v, &slot->call.args);
			if (v->domain->dying) {
				return 0;
			}
			if (result_write(&sink, result_at, result)) {
				return -EFAULT;
			}
		}
	}
	return guest_batch_status(batch);
}

HOT_CALL long do_multicall(struct vcpu *v, const struct hcall_args *args)
{
	union multicall_slot chunk[MULTICALL_CHUNK];
	gvaddr_t base = gvaddr(args->arg[0]);
	struct guest_batch batch = {
	    .base = base,
	    .count = (unsigned int)args->arg[1],
	    .entry_size = sizeof(struct multicall_entry),
	    .buffer = chunk,
	    .buffer_entries = MULTICALL_CHUNK,
	};
	int rc;

	if (v->in_multicall) {
		return -EINVAL;
	}
	if (!guest_array_ok(base, batch.count, batch.entry_size)) {
		return -EFAULT;
	}
	v->in_multicall = true;
	rc = run_calls(v, base, &batch);
	v->in_multicall = false;
	return rc;
}
