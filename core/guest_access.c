/*
 * guest_access.c: copy_from_guest / copy_to_guest, the checked way into guest memory, and
 * the array helpers of the batch hypercalls (mmu_update, mmuext_op, multicall); also the
 * default of the optional arch_guest_page (a weak symbol: an arch that has direct views of
 * guest pages defines its own).
 */
#include "guest_access.h"
#include "arch/guest_access.h"
#include "public/errno.h"

/* The default of the optional arch_guest_page: no direct view, the copies are used. */
__attribute__((weak)) void *arch_guest_page(gvaddr_t page, bool write)
{
	(void)page;
	(void)write;
	return NULL;
}

int copy_from_guest(void *dst, gvaddr_t src, size_t len)
{
	if (!arch_guest_range_ok(src, len)) {
		return -EFAULT;
	}
	return arch_copy_from_guest(dst, src, len) ? -EFAULT : 0;
}

int copy_to_guest(gvaddr_t dst, const void *src, size_t len)
{
	if (!arch_guest_range_ok(dst, len)) {
		return -EFAULT;
	}
	return arch_copy_to_guest(dst, src, len) ? -EFAULT : 0;
}

/*
 * Tries the whole run in one copy; when that fails, entry by entry, so the caller learns
 * exactly which entry could not be read (a batch's `done` count depends on it). The array
 * passed guest_array_ok, so the run is in range and goes straight to the arch.
 */
size_t copy_array_from_guest(void *dst, gvaddr_t base, size_t first, size_t count, size_t size)
{
	uint8_t *to = dst;
	size_t copied = 0;

	if (!arch_copy_from_guest(dst, gvaddr_add(base, first * size), count * size)) {
		return count;
	}
	while (
	    copied < count &&
	    !copy_from_guest(to + copied * size, gvaddr_add(base, (first + copied) * size), size)) {
		copied++;
	}
	return copied;
}
