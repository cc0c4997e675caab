/*
 * guest_access.c: copy_from_guest / copy_to_guest, the checked way into guest memory.
 */
#include "guest_access.h"
#include "arch/guest_access.h"
#include "public/errno.h"

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
