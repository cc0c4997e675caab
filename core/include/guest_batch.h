/*
 * guest_batch.h: running the guest array of a batch hypercall (mmu_update, mmuext_op,
 * multicall) entry by entry, with Xen's partial-failure semantics.
 *
 * The handler checks the whole array's range first (guest_array_ok: Xen returns -EFAULT
 * before doing anything); the runner then copies it in chunks into the handler's buffer
 * and calls one step per entry, in order, stopping at the first step that fails. `done`
 * counts the entries completed, which is what the guest reads back.
 */
#ifndef RINGO_GUEST_BATCH_H
#define RINGO_GUEST_BATCH_H

#include "addr.h"

/* A step's result: 0 to go on, a negative errno to fail, or GUEST_BATCH_STOP. */
#define GUEST_BATCH_STOP 1

typedef int (*guest_batch_step_t)(void *context, const void *entry, unsigned int index);

struct guest_batch {
	gvaddr_t base;
	unsigned int count;
	size_t entry_size;
	void *buffer; /* room for buffer_entries entries */
	unsigned int buffer_entries;
};

/*
 * Runs step on each entry. Returns 0 when all completed or a step returned
 * GUEST_BATCH_STOP (that entry counts as completed), the failing step's error, or -EFAULT
 * for an entry that cannot be read; *done = entries completed.
 */
int guest_batch_run(const struct guest_batch *batch, guest_batch_step_t step, void *context,
		    unsigned int *done);

#endif
