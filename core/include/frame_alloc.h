/*
 * frame_alloc.h: the machine frame allocator.
 *
 * Hands out single 4 KiB machine frames from the RAM that the boot loader reported, minus
 * the reserved ranges, restricted to what the hypervisor can address (arch_mm_directmap_end).
 * Frames come back zeroed, so no data of one domain reaches another. Once the frame table
 * exists, every frame handed out or taken back is reported to it (frame_table_note_alloc,
 * frame_table_note_free), which checks that nobody still holds a freed frame.
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

/* The lowest frame the allocator manages, and one past the highest (from the RAM map). */
mfn_t frame_alloc_lowest(void);
mfn_t frame_alloc_limit(void);

/* True when frame is in the allocator, free. */
bool frame_alloc_is_free(mfn_t frame);

/* Hypervisor pointer to a machine frame's contents (through arch_mm_maddr_to_virt). */
void *frame_map(mfn_t frame);

#endif
