/*
 * frame_alloc.c: a bitmap allocator over machine frames.
 *
 * One bit per frame below FRAME_ALLOC_MAX_FRAMES (4 GiB of machine address space); a set
 * bit is a free frame. Only RAM the boot loader reported and the hypervisor can reach is
 * ever set; reserved ranges and frame 0 never are. Allocation is next-fit, so frames are
 * not handed out again immediately after being freed.
 */
#include "frame_alloc.h"
#include "arch/mm.h"
#include "check.h"
#include "frame_table.h"
#include "lib.h"

#define FRAME_ALLOC_MAX_FRAMES (1UL << 20)
#define BITS_PER_WORD (sizeof(unsigned long) * 8)

static unsigned long free_map[FRAME_ALLOC_MAX_FRAMES / BITS_PER_WORD];
static uint64_t frame_limit;
static uint64_t next_search;
static uint64_t free_count;
static uint64_t total_count;
static uint64_t lowest_ram;
static uint64_t ram_limit;

static bool frame_is_free(uint64_t frame)
{
	return free_map[frame / BITS_PER_WORD] & (1UL << (frame % BITS_PER_WORD));
}

static void frame_mark(uint64_t frame, bool free)
{
	unsigned long bit = 1UL << (frame % BITS_PER_WORD);

	if (free) {
		free_map[frame / BITS_PER_WORD] |= bit;
	} else {
		free_map[frame / BITS_PER_WORD] &= ~bit;
	}
}

static void mark_frame(uint64_t frame, bool free)
{
	if (frame >= frame_limit || frame_is_free(frame) == free) {
		return;
	}
	frame_mark(frame, free);
	if (free) {
		free_count++;
	} else {
		free_count--;
	}
}

/* The RAM span the frame table covers: every frame ever free at boot lies inside it. */
static void note_ram_span(void)
{
	lowest_ram = 0;
	ram_limit = 0;
	for (uint64_t frame = 0; frame < frame_limit; frame++) {
		if (frame_is_free(frame)) {
			lowest_ram = ram_limit ? lowest_ram : frame;
			ram_limit = frame + 1;
		}
	}
}

/* Frees only frames wholly inside the range; reserves every frame the range touches. */
static void mark_range(const struct mem_range *range, bool free)
{
	uint64_t start = maddr_value(range->start);
	uint64_t end = start + range->size;
	uint64_t first = (free ? round_up_u64(start, PAGE_SIZE) : start) >> PAGE_SHIFT;
	uint64_t last = (free ? end : round_up_u64(end, PAGE_SIZE)) >> PAGE_SHIFT;

	for (uint64_t frame = first; frame < last && frame < frame_limit; frame++) {
		mark_frame(frame, free);
	}
}

void frame_alloc_init(const struct boot_info *info)
{
	uint64_t directmap_frames = maddr_value(arch_mm_directmap_end()) >> PAGE_SHIFT;

	memset(free_map, 0, sizeof(free_map));
	free_count = 0;
	frame_limit =
	    directmap_frames < FRAME_ALLOC_MAX_FRAMES ? directmap_frames : FRAME_ALLOC_MAX_FRAMES;
	for (unsigned int i = 0; i < info->ram_count; i++) {
		mark_range(&info->ram[i], true);
	}
	for (unsigned int i = 0; i < info->reserved_count; i++) {
		mark_range(&info->reserved[i], false);
	}
	mark_frame(0, false);
	total_count = free_count;
	next_search = 0;
	note_ram_span();
}

mfn_t frame_alloc_lowest(void)
{
	return mfn(lowest_ram);
}

mfn_t frame_alloc_limit(void)
{
	return mfn(ram_limit);
}

bool frame_alloc_is_free(mfn_t frame)
{
	return mfn_value(frame) < frame_limit && frame_is_free(mfn_value(frame));
}

void *frame_map(mfn_t frame)
{
	CHECK(mfn_value(frame) < frame_limit);
	return arch_mm_maddr_to_virt(mfn_to_maddr(frame));
}

static uint64_t find_free_run(uint64_t count)
{
	uint64_t run = 0;

	for (uint64_t scanned = 0; scanned < frame_limit; scanned++) {
		uint64_t frame = (next_search + scanned) % frame_limit;

		if (frame == 0) {
			run = 0;
		}
		run = frame_is_free(frame) ? run + 1 : 0;
		if (run == count) {
			return frame + 1 - count;
		}
	}
	return INVALID_MFN_VALUE;
}

mfn_t frame_alloc_contig(uint64_t count)
{
	uint64_t first;

	if (count == 0 || count > free_count) {
		return invalid_mfn();
	}
	first = find_free_run(count);
	if (first == INVALID_MFN_VALUE) {
		return invalid_mfn();
	}
	for (uint64_t frame = first; frame < first + count; frame++) {
		frame_mark(frame, false);
		memset(frame_map(mfn(frame)), 0, PAGE_SIZE);
		frame_table_note_alloc(mfn(frame));
	}
	free_count -= count;
	next_search = (first + count) % frame_limit;
	return mfn(first);
}

mfn_t frame_alloc(void)
{
	return frame_alloc_contig(1);
}

void frame_free_contig(mfn_t first, uint64_t count)
{
	for (uint64_t frame = mfn_value(first); frame < mfn_value(first) + count; frame++) {
		CHECK(frame < frame_limit && !frame_is_free(frame));
		frame_table_note_free(mfn(frame));
		frame_mark(frame, true);
	}
	free_count += count;
}

void frame_free(mfn_t frame)
{
	frame_free_contig(frame, 1);
}

uint64_t frame_free_count(void)
{
	return free_count;
}

uint64_t frame_total_count(void)
{
	return total_count;
}
