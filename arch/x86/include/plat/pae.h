/*
 * plat/pae.h (x86): the PAE page-table format.
 *
 * Three levels of 64-bit entries: a 4-entry L3 (the PDPT, which holds only the present
 * bit and the address: RW, US, A and D are reserved there), 512-entry L2s (each entry
 * 2 MiB, either a 2 MiB page with PS or an L1) and 512-entry L1s (4 KiB pages).
 */
#ifndef RINGO_PLAT_PAE_H
#define RINGO_PLAT_PAE_H

#define PAE_PRESENT 0x001
#define PAE_RW 0x002
#define PAE_USER 0x004
#define PAE_ACCESSED 0x020
#define PAE_DIRTY 0x040
#define PAE_PSE 0x080

#define PAE_ENTRIES 512
#define PAE_L3_ENTRIES 4
#define PAE_L1_SHIFT 12
#define PAE_L2_SHIFT 21
#define PAE_L3_SHIFT 30
#define PAE_SUPERPAGE_SIZE (1 << PAE_L2_SHIFT)

#ifndef __ASSEMBLY__
#include "types.h"

typedef uint64_t pae_entry_t;

static inline unsigned int pae_l3_index(uint64_t va)
{
	return (unsigned int)(va >> PAE_L3_SHIFT) & (PAE_L3_ENTRIES - 1);
}

static inline unsigned int pae_l2_index(uint64_t va)
{
	return (unsigned int)(va >> PAE_L2_SHIFT) & (PAE_ENTRIES - 1);
}

static inline unsigned int pae_l1_index(uint64_t va)
{
	return (unsigned int)(va >> PAE_L1_SHIFT) & (PAE_ENTRIES - 1);
}
#endif

#endif
