/*
 * arch/hypercall.h: hypercall arguments whose register encoding is the arch's.
 *
 * The decoding is a line or two of register arithmetic on a path taken by every
 * update_va_mapping and set_timer_op, so it is inline: here for an arch whose registers
 * are 64 bits, in plat/hcall_arg.h for one that says ARCH_HAS_HCALL_ARG_U64 (plat/config.h:
 * x86, where a 64-bit argument takes two registers).
 */
#ifndef RINGO_ARCH_HYPERCALL_H
#define RINGO_ARCH_HYPERCALL_H

#include "../hypercall.h" /* the core header, not this one */
#include "arch/config.h"

/*
 * A 64-bit argument (a page-table entry, a time) starting at args->arg[index]: x86 passes it
 * in two 32-bit registers, low half first (index and index + 1); 64-bit arches in one
 * register. Stores in *next the index of the argument that follows it. Pure.
 */
static inline uint64_t arch_hcall_arg_u64(const struct hcall_args *args, unsigned int index,
					  unsigned int *next);

#ifdef ARCH_HAS_HCALL_ARG_U64
#include "plat/hcall_arg.h"
#else
static inline uint64_t arch_hcall_arg_u64(const struct hcall_args *args, unsigned int index,
					  unsigned int *next)
{
	*next = index + 1;
	return args->arg[index];
}
#endif

#endif
