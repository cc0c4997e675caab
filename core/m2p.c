/*
 * m2p.c: the machine-to-phys table (m2p.h).
 *
 * Guests index it by machine frame number, so it covers frame 0 up to the frame table's
 * limit even where the machine has no RAM (ARM64 RAM starts at 1 GiB: the first 2 MiB of
 * the table then only say M2P_INVALID). It is one contiguous run of hypervisor frames, a
 * whole number of 2 MiB extents long, because XENMEM_machphys_mfn_list describes it as the
 * first frame of each extent; entries past the limit read M2P_INVALID.
 */
#include "m2p.h"
#include "check.h"
#include "frame_alloc.h"
#include "frame_table.h"
#include "public/memory.h"

static xen_pfn_t *table;
static uint64_t covered;
static mfn_t first;
static unsigned int frames;

void m2p_init(void)
{
	uint64_t bytes = mfn_value(frame_table_limit()) * sizeof(xen_pfn_t);
	uint64_t count = round_up_u64(bytes, XENMEM_MACHPHYS_EXTENT_SIZE) >> PAGE_SHIFT;

	table = NULL;
	first = frame_alloc_contig(count);
	if (!mfn_is_valid(first)) {
		panic("no memory for the M2P table (%lu frames)", (unsigned long)count);
	}
	frames = (unsigned int)count;
	covered = mfn_value(frame_table_limit());
	table = frame_map(first);
	for (uint64_t i = 0; i < m2p_entry_count(); i++) {
		table[i] = M2P_INVALID;
	}
}

void m2p_set(mfn_t frame, xen_pfn_t pfn)
{
	if (!table) {
		return; /* frames allocated or freed before the table exists */
	}
	CHECK(mfn_value(frame) < covered);
	table[mfn_value(frame)] = pfn;
}

xen_pfn_t m2p_lookup(mfn_t frame)
{
	if (!table || mfn_value(frame) >= covered) {
		return M2P_INVALID;
	}
	return table[mfn_value(frame)];
}

mfn_t m2p_frame(unsigned int index)
{
	CHECK(index < frames);
	return mfn(mfn_value(first) + index);
}

unsigned int m2p_frame_count(void)
{
	return frames;
}

uint64_t m2p_entry_count(void)
{
	return (uint64_t)frames * (PAGE_SIZE / sizeof(xen_pfn_t));
}
