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
#include "arch/config.h"
#include "arch/guest_access.h"
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
 * guest_array_ok (guest_access.h) inline, for an array of count entries of entry_size
 * bytes: the range arch_guest_range_ok accepts (arch/guest_access.h: below
 * ARCH_GUEST_VA_LIMIT, no wrap-around), as one division by a constant and two compares.
 */
static inline bool guest_batch_array_ok(gvaddr_t base, unsigned int count, size_t entry_size)
{
	uintptr_t first = gvaddr_value(base);

	return first <= ARCH_GUEST_VA_LIMIT && count <= (ARCH_GUEST_VA_LIMIT - first) / entry_size;
}

/*
 * For a batch that only reads its entries and keeps its position itself: entries next,
 * next + 1, ... of the count entries of entry_size bytes at base (an array that passed
 * guest_array_ok), in place up to the end of their page, through the arch's direct view
 * (arch_guest_page). NULL when they cannot be taken so (not 8-byte aligned, no whole entry
 * left in the page, no view of the page): the handler then copies them (guest_batch_next).
 * *got: how many the view holds. An entry in place is read when the handler comes to it,
 * as Xen reads each entry just before it runs it; the view stays a pointer into RAM (the
 * directmap) whatever the batch changes meanwhile.
 */
static inline const void *guest_batch_page_view(gvaddr_t base, unsigned int next,
						unsigned int count, size_t entry_size,
						unsigned int *got)
{
	uintptr_t at = gvaddr_value(base) + next * entry_size;
	uintptr_t offset = at & (PAGE_SIZE - 1);
	unsigned int fit = (unsigned int)((PAGE_SIZE - offset) / entry_size);
	unsigned int left = count - next;
	const uint8_t *page;

	if (!fit || at % sizeof(uint64_t) ||
	    (page = arch_guest_page(gvaddr(at - offset), false)) == NULL) {
		return NULL;
	}
	*got = left < fit ? left : fit;
	return page + offset;
}

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

/*
 * The whole array of count entries of entry_size bytes at base in place, when it lies in
 * one page below ARCH_GUEST_VA_LIMIT that the arch shows, 8-byte aligned; else NULL. Such
 * an array is in range (the limit is page-aligned), so guest_array_ok holds for it.
 */
static inline const void *guest_batch_whole_view(gvaddr_t base, unsigned int count,
						 size_t entry_size)
{
	uintptr_t at = gvaddr_value(base);
	uintptr_t offset = at & (PAGE_SIZE - 1);
	const uint8_t *page;

	if (count > (PAGE_SIZE - offset) / entry_size || at % sizeof(uint64_t) ||
	    at - offset >= ARCH_GUEST_VA_LIMIT ||
	    (page = arch_guest_page(gvaddr(at - offset), false)) == NULL) {
		return NULL;
	}
	return page + offset;
}

_Static_assert(ARCH_GUEST_VA_LIMIT % PAGE_SIZE == 0, "a page below the limit ends below it");

#endif
