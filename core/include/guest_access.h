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

int copy_from_guest(void *dst, gvaddr_t src, size_t len);
int copy_to_guest(gvaddr_t dst, const void *src, size_t len);

#endif
