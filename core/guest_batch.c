/*
 * guest_batch.c: the entry-by-entry reader of the batch hypercalls (guest_batch.h).
 *
 * Entries are copied a bufferful at a time so a batch of thousands costs a few copies, not
 * thousands; when a bufferful cannot be read whole, the entries before the unreadable one
 * still come, so `done` says exactly where the batch stopped. A batch that only reads its
 * entries may instead take them in place, a guest page at a time (guest_batch.h's inline
 * guest_batch_page_view), where the arch offers direct views of guest pages.
 */
#include "guest_batch.h"
#include "arch/config.h"
#include "arch/guest_access.h"
#include "guest_access.h"

unsigned int guest_batch_next(struct guest_batch *batch)
{
	unsigned int left = batch->count - batch->next;
	unsigned int wanted = left < batch->buffer_entries ? left : batch->buffer_entries;
	unsigned int copied;

	if (!wanted || batch->unreadable) {
		return 0;
	}
	/* The array passed guest_array_ok: the common case is one copy, straight to the arch. */
	if (!arch_copy_from_guest(batch->buffer,
				  gvaddr_add(batch->base, batch->next * batch->entry_size),
				  wanted * batch->entry_size)) {
		batch->next += wanted;
		return wanted;
	}
	copied = (unsigned int)copy_array_from_guest(batch->buffer, batch->base, batch->next,
						     wanted, batch->entry_size);
	batch->next += copied;
	batch->unreadable = copied < wanted;
	return copied;
}

int guest_batch_run(struct guest_batch *batch, guest_batch_step_t step, void *context,
		    unsigned int *done)
{
	unsigned int count;

	*done = 0;
	while ((count = guest_batch_next(batch)) != 0) {
		const uint8_t *entry = batch->buffer;
		unsigned int first = batch->next - count;

		for (unsigned int i = 0; i < count; i++, entry += batch->entry_size) {
			int rc = step(context, entry, first + i);

			if (rc) {
				*done += rc == GUEST_BATCH_STOP ? 1 : 0;
				return rc == GUEST_BATCH_STOP ? 0 : rc;
			}
			(*done)++;
		}
	}
	return guest_batch_status(batch);
}
