/*
 * guest_batch.h: reading the guest array of a batch hypercall (mmu_update, mmuext_op,
 * multicall) entry by entry, with Xen's partial-failure semantics.
 *
 * The handler checks the whole array's range first (guest_array_ok: Xen returns -EFAULT
 * before doing anything); then it takes the entries a bufferful at a time
 * (guest_batch_next) and runs them in order, stopping at the first that fails. `done`
 * counts the entries completed, which is what the guest reads back. When a bufferful cannot
 * be read whole, the entries before the unreadable one still come, and the batch then ends
 * with -EFAULT (guest_batch_status), so `done` says exactly where it stopped.
 * guest_batch_run does all of that with one step function per entry.
 */
#ifndef RINGO_GUEST_BATCH_H
#define RINGO_GUEST_BATCH_H

#include "addr.h"
#include "public/errno.h"

/* A step's result: 0 to go on, a negative errno to fail, or GUEST_BATCH_STOP. */
#define GUEST_BATCH_STOP 1

typedef int (*guest_batch_step_t)(void *context, const void *entry, unsigned int index);

struct guest_batch {
	gvaddr_t base;
	unsigned int count;
	size_t entry_size;
	void *buffer; /* room for buffer_entries entries */
	unsigned int buffer_entries;
	unsigned int next; /* the first entry not yet read (start at 0) */
	bool unreadable;   /* the entry at `next` could not be read */
};

/*
 * Reads the next entries into the buffer, as many as fit; returns how many (entry i of
 * the buffer is entry `next` - returned + i of the array). 0 when none is left, or when
 * the next one cannot be read.
 */
unsigned int guest_batch_next(struct guest_batch *batch);

/*
 * guest_batch_next for a batch that only reads its entries: the next ones in place, up to
 * the end of their guest page, through the arch's direct view (arch_guest_page), when there
 * is one and the entries are 8-byte aligned; else guest_batch_next's copy into the buffer.
 * Returns where they are and sets *count (0 as guest_batch_next). An entry in place is read
 * when the handler comes to it, as Xen reads each entry just before it runs it; the view
 * stays a pointer into RAM (the directmap) whatever the batch changes meanwhile.
 */
const void *guest_batch_view(struct guest_batch *batch, unsigned int *count);

/* Once guest_batch_next returned 0: -EFAULT when an entry could not be read, else 0. */
static inline int guest_batch_status(const struct guest_batch *batch)
{
	return batch->unreadable ? -EFAULT : 0;
}

/*
 * Runs step on each entry. Returns 0 when all completed or a step returned
 * GUEST_BATCH_STOP (that entry counts as completed), the failing step's error, or -EFAULT
 * for an entry that cannot be read; *done = entries completed.
 */
int guest_batch_run(struct guest_batch *batch, guest_batch_step_t step, void *context,
		    unsigned int *done);

#endif
