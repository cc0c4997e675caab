/*
 * addr.h: typed addresses and frame numbers.
 *
 * Every address kind is a one-field struct so that the compiler refuses to mix them:
 * a machine address (maddr_t, 64-bit even on 32-bit x86 with PAE), a machine frame number
 * (mfn_t), a guest pseudo-physical frame number (pfn_t), and a guest virtual address
 * (gvaddr_t). Raw register values become typed values at the arch boundary and nowhere else.
 * Hypervisor virtual addresses are plain C pointers.
 */
#ifndef RINGO_ADDR_H
#define RINGO_ADDR_H

#include "types.h"

typedef struct {
	uint64_t value;
} maddr_t;

typedef struct {
	uint64_t value;
} mfn_t;

typedef struct {
	uint64_t value;
} pfn_t;

typedef struct {
	uintptr_t value;
} gvaddr_t;

#define INVALID_MFN_VALUE UINT64_MAX

static inline maddr_t maddr(uint64_t value)
{
	return (maddr_t){value};
}

static inline uint64_t maddr_value(maddr_t addr)
{
	return addr.value;
}

static inline maddr_t maddr_add(maddr_t addr, uint64_t offset)
{
	return (maddr_t){addr.value + offset};
}

static inline mfn_t mfn(uint64_t value)
{
	return (mfn_t){value};
}

static inline uint64_t mfn_value(mfn_t frame)
{
	return frame.value;
}

static inline bool mfn_eq(mfn_t a, mfn_t b)
{
	return a.value == b.value;
}

static inline mfn_t invalid_mfn(void)
{
	return (mfn_t){INVALID_MFN_VALUE};
}

static inline bool mfn_is_valid(mfn_t frame)
{
	return frame.value != INVALID_MFN_VALUE;
}

static inline maddr_t mfn_to_maddr(mfn_t frame)
{
	return (maddr_t){frame.value << PAGE_SHIFT};
}

static inline mfn_t maddr_to_mfn(maddr_t addr)
{
	return (mfn_t){addr.value >> PAGE_SHIFT};
}

static inline pfn_t pfn(uint64_t value)
{
	return (pfn_t){value};
}

static inline uint64_t pfn_value(pfn_t frame)
{
	return frame.value;
}

static inline gvaddr_t gvaddr(uintptr_t value)
{
	return (gvaddr_t){value};
}

static inline uintptr_t gvaddr_value(gvaddr_t addr)
{
	return addr.value;
}

static inline gvaddr_t gvaddr_add(gvaddr_t addr, uintptr_t offset)
{
	return (gvaddr_t){addr.value + offset};
}

#endif
