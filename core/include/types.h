/*
 * types.h: the basic integer types of the hypervisor core.
 *
 * The core is freestanding C11: it uses only the compiler's own headers (stdint, stddef,
 * stdbool, stdarg, stdalign, stdnoreturn), which are available in freestanding builds,
 * in the host unit tests and in the fuzz targets alike.
 */
#ifndef RINGO_TYPES_H
#define RINGO_TYPES_H

#include <stdalign.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdnoreturn.h>

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

#define PAGE_SHIFT 12
#define PAGE_SIZE (1UL << PAGE_SHIFT)

static inline uint64_t round_up_u64(uint64_t value, uint64_t align)
{
	return (value + align - 1) & ~(align - 1);
}

static inline uint64_t round_down_u64(uint64_t value, uint64_t align)
{
	return value & ~(align - 1);
}

#define container_of(ptr, type, member) ((type *)((char *)(ptr)-offsetof(type, member)))

#define PRINTF_LIKE(fmt, args) __attribute__((format(printf, fmt, args)))

#endif
