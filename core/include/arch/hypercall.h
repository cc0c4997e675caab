/*
 * arch/hypercall.h: hypercall arguments whose register encoding is the arch's.
 *
 * The decoding is a line or two of register arithmetic on a path taken by every
 * update_va_mapping and set_timer_op, so each arch defines it inline in plat/hcall_arg.h.
 */
#ifndef RINGO_ARCH_HYPERCALL_H
#define RINGO_ARCH_HYPERCALL_H

#include "../hypercall.h" /* the core header, not this one */

/*
 * A 64-bit argument (a page-table entry, a time) starting at args->arg[index]: x86 passes it
 * in two 32-bit registers, low half first (index and index + 1); 64-bit arches in one
 * register. Stores in *next the index of the argument that follows it. Pure.
 */
static inline uint64_t arch_hcall_arg_u64(const struct hcall_args *args, unsigned int index,
					  unsigned int *next);

#include "plat/hcall_arg.h"

#endif
