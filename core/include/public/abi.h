/*
 * public/abi.h: helpers for stating the guest ABI's layouts once for both arches.
 *
 * The x86 ABI is Xen's 32-bit PAE PV ABI; the ARM64 ABI is the same structures in AArch64
 * natural layout (ABI.md section 8). Structures use `unsigned long` where Xen does, so each
 * compiler lays them out naturally; ABI_LAYOUT(x86, arm64) picks the expected figure for a
 * static assertion by the width of long, so every offset is checked without an #ifdef. The
 * host unit tests are LP64 and check the ARM64 figures.
 */
#ifndef RINGO_PUBLIC_ABI_H
#define RINGO_PUBLIC_ABI_H

#include <stddef.h>
#include <stdint.h>

#define ABI_LAYOUT(ilp32, lp64) (sizeof(unsigned long) == 4 ? (ilp32) : (lp64))

#define ABI_CHECK_OFFSET(type, member, ilp32, lp64) \
	_Static_assert(offsetof(type, member) == ABI_LAYOUT(ilp32, lp64), #type "." #member)

#define ABI_CHECK_SIZE(type, ilp32, lp64) \
	_Static_assert(sizeof(type) == ABI_LAYOUT(ilp32, lp64), "sizeof " #type)

typedef unsigned long xen_ulong_t;
typedef unsigned long xen_pfn_t;
typedef uint16_t domid_t;

#endif
