/*
 * public/memory.h: memory_op (12) commands and their structures (ABI.md section 6).
 *
 * The command word carries the sub-operation in its low MEMOP_EXTENT_SHIFT bits; the bits
 * above are a continuation's starting extent, which the reservation queries refuse. Guest
 * handles are plain guest pointers, so they are 4 bytes on x86 and 8 on ARM64.
 */
#ifndef RINGO_PUBLIC_MEMORY_H
#define RINGO_PUBLIC_MEMORY_H

#include "abi.h"

#define XENMEM_increase_reservation 0
#define XENMEM_decrease_reservation 1
#define XENMEM_maximum_ram_page 2
#define XENMEM_current_reservation 3
#define XENMEM_maximum_reservation 4
#define XENMEM_machphys_mfn_list 5
#define XENMEM_populate_physmap 6
#define XENMEM_add_to_physmap 7
#define XENMEM_memory_map 9
#define XENMEM_machine_memory_map 10
#define XENMEM_machphys_mapping 12

#define MEMOP_EXTENT_SHIFT 6
#define MEMOP_CMD_MASK ((1UL << MEMOP_EXTENT_SHIFT) - 1)

/* The M2P is named in extents of this size, by the machine frame each starts at. */
#define XENMEM_MACHPHYS_EXTENT_SIZE (2UL << 20)

struct xen_machphys_mfn_list {
	unsigned int max_extents; /* in: room in extent_start */
	xen_pfn_t *extent_start;  /* guest pointer: first frame of each 2 MiB extent */
	unsigned int nr_extents;  /* out: extents written */
};

ABI_CHECK_OFFSET(struct xen_machphys_mfn_list, extent_start, 4, 8);
ABI_CHECK_OFFSET(struct xen_machphys_mfn_list, nr_extents, 8, 16);
ABI_CHECK_SIZE(struct xen_machphys_mfn_list, 12, 24);

struct xen_machphys_mapping {
	xen_ulong_t v_start, v_end; /* where the guest sees the M2P, read-only */
	xen_ulong_t max_mfn;	    /* highest frame the mapping can be indexed by */
};

ABI_CHECK_OFFSET(struct xen_machphys_mapping, v_end, 4, 8);
ABI_CHECK_OFFSET(struct xen_machphys_mapping, max_mfn, 8, 16);
ABI_CHECK_SIZE(struct xen_machphys_mapping, 12, 24);

struct xen_memory_map {
	unsigned int nr_entries; /* in: room in buffer; out: entries written */
	void *buffer;		 /* guest pointer to struct e820entry[] */
};

ABI_CHECK_OFFSET(struct xen_memory_map, buffer, 4, 8);
ABI_CHECK_SIZE(struct xen_memory_map, 8, 16);

/* One entry of a BIOS INT 15h E820 map, as memory_map fills it. */
struct e820entry {
	uint64_t addr;
	uint64_t size;
	uint32_t type;
} __attribute__((packed));

#define E820_RAM 1

ABI_CHECK_OFFSET(struct e820entry, size, 8, 8);
ABI_CHECK_OFFSET(struct e820entry, type, 16, 16);
ABI_CHECK_SIZE(struct e820entry, 20, 20);

#endif
