/*
 * multicall.c: the multicall hypercall (13), the batching the paper relies on: a guest
 * array of struct multicall_entry, each dispatched in order through hypercall_dispatch
 * with its result written back into the entry's result field (nothing else is written).
 *
 * As Xen: the whole array's range is checked first (-EFAULT), an entry that cannot be read
 * or whose result cannot be written ends the batch with -EFAULT, and a multicall inside a
 * multicall gets -EINVAL as its result. A call that stopped the domain (shutdown, crash)
 * ends the batch at once: its memory is gone, so no result is written back, and the vCPU
 * never returns to the guest anyway.
 */
#include "domain.h"
#include "guest_access.h"
#include "guest_batch.h"
#include "hypercall.h"
#include "public/errno.h"

#define MULTICALL_CHUNK 8

struct multicall_batch {
	struct vcpu *v;
	gvaddr_t base;
};

static int multicall_one(void *context, const void *entry, unsigned int index)
{
	struct multicall_batch *b = context;
	const struct multicall_entry *call = entry;
	struct hcall_args args = {.number = call->op};
	xen_ulong_t result;
	gvaddr_t result_at =
	    gvaddr_add(b->base, index * sizeof(*call) + offsetof(struct multicall_entry, result));

	for (unsigned int i = 0; i < HCALL_MAX_ARGS; i++) {
		args.arg[i] = call->args[i];
	}
	result = (xen_ulong_t)hypercall_dispatch(b->v, &args);
	if (b->v->domain->dying) {
		return GUEST_BATCH_STOP;
	}
	return copy_to_guest(result_at, &result, sizeof(result)) ? -EFAULT : 0;
}

long do_multicall(struct vcpu *v, const struct hcall_args *args)
{
	struct multicall_entry chunk[MULTICALL_CHUNK];
	struct multicall_batch b = {.v = v, .base = gvaddr(args->arg[0])};
	struct guest_batch batch = {
	    .base = b.base,
	    .count = (unsigned int)args->arg[1],
	    .entry_size = sizeof(struct multicall_entry),
	    .buffer = chunk,
	    .buffer_entries = MULTICALL_CHUNK,
	};
	unsigned int done;
	int rc;

	if (v->in_multicall) {
		return -EINVAL;
	}
	if (!guest_array_ok(batch.base, batch.count, batch.entry_size)) {
		return -EFAULT;
	}
	v->in_multicall = true;
	rc = guest_batch_run(&batch, multicall_one, &b, &done);
	v->in_multicall = false;
	return rc;
}
