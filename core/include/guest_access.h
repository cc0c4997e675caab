/*
 * guest_access.h: the only way the core touches guest memory by guest virtual address.
 *
 * Each call checks the whole range against what the guest may name (never the
 * hypervisor's part of the address space) and survives an unmapped page: the result is
 * 0 or -EFAULT, never a hypervisor fault.
 */
#ifndef RINGO_GUEST_ACCESS_H
#define RINGO_GUEST_ACCESS_H

#include "addr.h"
#include "arch/guest_access.h"

int copy_from_guest(void *dst, gvaddr_t src, size_t len);
int copy_to_guest(gvaddr_t dst, const void *src, size_t len);

/*
 * True when an array of count entries of size bytes at base is a range the guest may name
 * (no overflow, nothing of the hypervisor's). Touches no memory: a batch hypercall checks
 * its whole array first and copies it piece by piece.
 */
static inline bool guest_array_ok(gvaddr_t base, size_t count, size_t size)
{
	if (size && count > SIZE_MAX / size) {
		return false;
	}
	return arch_guest_range_ok(base, count * size);
}

/*
 * Copies entries [first, first + count) of the guest array at base into dst. Returns how
 * many whole entries were copied, in order: count, or fewer when one cannot be read. The
 * whole array must have passed guest_array_ok.
 */
size_t copy_array_from_guest(void *dst, gvaddr_t base, size_t first, size_t count, size_t size);

#endif
