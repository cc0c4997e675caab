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

/*
 * HOT_CALL: an out-of-line function on a hot path (a send, a switch) takes its first three
 * word-sized arguments in registers. i386's ABI passes them on the stack, which costs a
 * store and a load each; the other targets pass them in registers already. Only for
 * functions C calls: assembly calling one must follow it.
 */
#if defined(__i386__)
#define HOT_CALL __attribute__((regparm(3)))
#else
#define HOT_CALL
#endif

#endif
