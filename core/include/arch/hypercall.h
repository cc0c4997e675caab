/*
 * arch/hypercall.h: hypercall arguments whose register encoding is the arch's.
 */
#ifndef RINGO_ARCH_HYPERCALL_H
#define RINGO_ARCH_HYPERCALL_H

#include "../hypercall.h" /* the core header, not this one */

/*
 * A 64-bit argument (a page-table entry, a time) starting at args->arg[index]: x86 passes it
 * in two 32-bit registers, low half first (index and index + 1); 64-bit arches in one
 * register. Stores in *next the index of the argument that follows it. Pure.
 */
uint64_t arch_hcall_arg_u64(const struct hcall_args *args, unsigned int index, unsigned int *next);

#endif
