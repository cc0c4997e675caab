/*
 * m2p.h: the machine-to-phys table (M2P): for each machine frame, the pseudo-physical
 * frame number its owner gives it.
 *
 * One xen_pfn_t per machine frame from frame 0 up to frame_table_limit(), in contiguous
 * hypervisor frames rounded up to whole XENMEM_MACHPHYS_EXTENT_SIZE extents. Guests read
 * it (x86 maps it read-only at MACH2PHYS_VIRT_START through the hypervisor's part of the
 * hypervisor-sharing L2); domain_populate and MMU_MACHPHYS_UPDATE write it; a frame back
 * in the allocator reads M2P_INVALID.
 */
#ifndef RINGO_M2P_H
#define RINGO_M2P_H

#include "addr.h"
#include "public/abi.h"

#define M2P_INVALID (~(xen_pfn_t)0)

/* Allocates the table (after frame_table_init); every entry starts M2P_INVALID. */
void m2p_init(void);

/* Records that frame is pfn of its owner (M2P_INVALID: of nobody). */
void m2p_set(mfn_t frame, xen_pfn_t pfn);

/* The entry of frame; M2P_INVALID for a frame beyond the table. */
xen_pfn_t m2p_lookup(mfn_t frame);

/* The frames holding the table, for the arch to map them (index < m2p_frame_count()). */
mfn_t m2p_frame(unsigned int index);
unsigned int m2p_frame_count(void);

/* Entries the table's frames hold (at least frame_table_limit(), all readable). */
uint64_t m2p_entry_count(void);

#endif
