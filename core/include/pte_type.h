/*
 * pte_type.h: the type of a guest page-table entry, and the flags of arch_pte_make.
 *
 * Apart from arch/pt.h so that an arch's format header (x86 plat/pae.h, ARM64
 * plat/pt_format.h) can use the type while arch/pt.h includes that arch's inline
 * primitives (plat/pt_inline.h), which are written over the format header.
 */
#ifndef RINGO_PTE_TYPE_H
#define RINGO_PTE_TYPE_H

#include "types.h"

/* An entry is 64 bits on every arch. */
typedef struct {
	uint64_t value;
} pte_t;

/* Flags for arch_pte_make. */
#define PTE_MAKE_WRITABLE (1U << 0)
#define PTE_MAKE_USER (1U << 1)

#endif
