/*
 * guest_batch.c: the entry-by-entry runner of the batch hypercalls (guest_batch.h).
 *
 * Entries are copied a chunk at a time so a batch of thousands costs a few copies, not
 * thousands; when a chunk cannot be read whole, the entries before the unreadable one still
 * run, so `done` says exactly where the batch stopped.
 */
#include "guest_batch.h"
#include "guest_access.h"
#include "public/errno.h"

/* Runs the steps of one chunk [first, first + count); returns as guest_batch_run. */
static int run_chunk(const struct guest_batch *batch, guest_batch_step_t step, void *context,
		     unsigned int first, unsigned int count, unsigned int *done)
{
	size_t copied =
	    copy_array_from_guest(batch->buffer, batch->base, first, count, batch->entry_size);

	for (unsigned int i = 0; i < copied; i++) {
		const uint8_t *entry = (const uint8_t *)batch->buffer + i * batch->entry_size;
		int rc = step(context, entry, first + i);

		if (rc) {
			*done += rc == GUEST_BATCH_STOP ? 1 : 0;
			return rc == GUEST_BATCH_STOP ? GUEST_BATCH_STOP : rc;
		}
		(*done)++;
	}
	return copied == count ? 0 : -EFAULT;
}

int guest_batch_run(const struct guest_batch *batch, guest_batch_step_t step, void *context,
		    unsigned int *done)
{
	*done = 0;
	/* 64-bit: a count near 2^32 must not wrap the cursor. */
	for (uint64_t first = 0; first < batch->count; first += batch->buffer_entries) {
		uint64_t left = batch->count - first;
		unsigned int count =
		    left < batch->buffer_entries ? (unsigned int)left : batch->buffer_entries;
		int rc = run_chunk(batch, step, context, (unsigned int)first, count, done);

		if (rc) {
			return rc == GUEST_BATCH_STOP ? 0 : rc;
		}
	}
	return 0;
}
