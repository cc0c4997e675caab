/*
 * arch/guest_access.h: touching the current guest's memory by guest virtual address.
 */
#ifndef RINGO_ARCH_GUEST_ACCESS_H
#define RINGO_ARCH_GUEST_ACCESS_H

#include "addr.h"

/*
 * True when [start, start + len) is entirely an address range the current guest may name
 * (below ARCH_GUEST_VA_LIMIT, no wrap-around). Pure: touches no memory.
 */
bool arch_guest_range_ok(gvaddr_t start, size_t len);

/*
 * Copies from the current guest's address space, translated as the guest's kernel would
 * (its current page tables and permissions). Precondition: arch_guest_range_ok. Returns the
 * number of bytes NOT copied (0 on success); an unmapped or inaccessible page stops the copy
 * without a hypervisor fault.
 */
size_t arch_copy_from_guest(void *dst, gvaddr_t src, size_t len);

/* As arch_copy_from_guest, towards the guest; honours the guest's read-only mappings. */
size_t arch_copy_to_guest(gvaddr_t dst, const void *src, size_t len);

/*
 * Optional, for batch hypercalls that touch many small fields of one guest array: a
 * hypervisor pointer to the whole current-guest page at page (page-aligned, in range as
 * arch_guest_range_ok says), through which its bytes may be read, and written when write,
 * directly, with the access the guest's kernel has. NULL when the page is not accessible so,
 * or when the arch offers no such view: the caller then uses the copies. The pointer holds
 * until mm_pt_changes (mm.h) moves: any change to a guest page table or to a vCPU's base.
 * An arch that does not define it gets core/guest_access.c's default, which offers none.
 */
void *arch_guest_page(gvaddr_t page, bool write);

#endif
