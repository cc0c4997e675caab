/*
 * frame_alloc.h: the machine frame allocator.
 *
 * Hands out single 4 KiB machine frames from the RAM that the boot loader reported, minus
 * the reserved ranges, restricted to what the hypervisor can address (arch_mm_directmap_end).
 * Frames come back zeroed, so no data of one domain reaches another.
 */
#ifndef RINGO_FRAME_ALLOC_H
#define RINGO_FRAME_ALLOC_H

#include "addr.h"
#include "bootinfo.h"

void frame_alloc_init(const struct boot_info *info);

/* Returns a zeroed frame, or an invalid mfn when memory is exhausted. */
mfn_t frame_alloc(void);
void frame_free(mfn_t frame);

/* count physically contiguous zeroed frames (hypervisor arrays); invalid mfn if none. */
mfn_t frame_alloc_contig(uint64_t count);
void frame_free_contig(mfn_t first, uint64_t count);

uint64_t frame_free_count(void);
uint64_t frame_total_count(void);

/* Hypervisor pointer to a machine frame's contents (through arch_mm_maddr_to_virt). */
void *frame_map(mfn_t frame);

#endif
