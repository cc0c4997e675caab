/*
 * frame_table.c: the record of every machine frame the allocator manages, and the
 * reference counting the page-table validator builds on (frame_table.h).
 *
 * The records live in frames of their own, taken from the allocator at boot and covering
 * [frame_alloc_lowest, frame_alloc_limit): ARM64 RAM starts at 1 GiB, so the table does not
 * start at frame 0. Type changes follow the paper's rule: a frame takes a new type only
 * while its type count is zero; a page-table type is validated (pt_validate.c) when its
 * count goes from 0 to 1 and devalidated when it returns to 0. A frame that was writable
 * and becomes anything else gets the TLB flushed before the guest runs again, so no stale
 * writable translation survives the change (Xen's type-change flush). One CPU runs the
 * hypervisor, so no locks.
 */
#include "frame_table.h"
#include "arch/pt.h"
#include "check.h"
#include "domain.h"
#include "frame_alloc.h"
#include "m2p.h"
#include "pt_update.h"
#include "pt_validate.h"
#include "public/errno.h"

struct frame_table frame_table;
static uint64_t limit_frame;

void frame_table_init(void)
{
	uint64_t count;
	uint64_t frames;
	mfn_t first;
	struct frame_info *records;

	frame_table.count = 0; /* the allocations below must not report to a stale table */
	pt_cursors_reset();    /* they point into the old table */
	limit_frame = mfn_value(frame_alloc_limit());
	if (limit_frame != (unsigned long)limit_frame) {
		panic("RAM reaches frame numbers wider than a word");
	}
	frame_table.first = (unsigned long)mfn_value(frame_alloc_lowest());
	count = limit_frame > frame_table.first ? limit_frame - frame_table.first : 0;
	frames = round_up_u64(count * sizeof(struct frame_info), PAGE_SIZE) >> PAGE_SHIFT;
	first = frame_alloc_contig(frames);
	if (!mfn_is_valid(first)) {
		panic("no memory for the frame table (%lu frames)", (unsigned long)frames);
	}
	records = frame_map(first);
	for (uint64_t i = 0; i < count; i++) {
		bool free = frame_alloc_is_free(mfn(frame_table.first + i));

		records[i] = (struct frame_info){.owner = free ? DOMID_FREE : DOMID_HYPERVISOR};
	}
	frame_table.records = records;
	frame_table.count = (unsigned long)count;
}

mfn_t frame_table_limit(void)
{
	return mfn(limit_frame);
}

enum frame_type frame_type_of_level(unsigned int level, bool hv)
{
	static const enum frame_type by_level[] = {FRAME_NONE, FRAME_L1, FRAME_L2, FRAME_L3};

	CHECK(level >= 1 && level <= ARCH_PT_LEVELS && level < ARRAY_SIZE(by_level));
	CHECK(!hv || level == 2);
	return hv ? FRAME_L2_HV : by_level[level];
}

bool frame_owned_by(mfn_t frame, const struct domain *d)
{
	const struct frame_info *info = frame_info_of(frame);

	return info && info->owner == d->id;
}

/* A general reference on a record of d's: -EINVAL when it is not d's or the count is full. */
static inline int ref_get(const struct domain *d, struct frame_info *info)
{
	if (!info || info->owner != d->id || info->count == UINT32_MAX) {
		return -EINVAL;
	}
	info->count++;
	return 0;
}

/* The last reference went: the frame goes back to the allocator (which checks the rest). */
static inline void ref_put(mfn_t frame, struct frame_info *info)
{
	CHECK(info && info->count > 0);
	if (--info->count == 0) {
		frame_free(frame);
	}
}

int frame_get(struct domain *d, mfn_t frame)
{
	return ref_get(d, frame_info_of(frame));
}

void frame_put(mfn_t frame)
{
	ref_put(frame, frame_info_of(frame));
}

/* Another reference to the type the frame already holds. */
static inline int type_ref_again(struct frame_info *info, enum frame_type type)
{
	if (info->type != type || info->type_count == UINT32_MAX) {
		return -EINVAL;
	}
	/* A table is only referenced again once its validation finished (levels differ). */
	CHECK(info->flags & FRAME_VALIDATED);
	info->type_count++;
	return 0;
}

/* The first reference: the frame takes the type, and a page table is validated. */
static int type_ref_first(struct domain *d, mfn_t frame, struct frame_info *info,
			  enum frame_type type)
{
	enum frame_type previous = info->type;

	info->type = type;
	info->type_count = 1;
	info->flags &= ~FRAME_VALIDATED;
	if (frame_type_level(type)) {
		int rc = pt_table_validate(d, frame, type);

		if (rc) {
			info->type = previous;
			info->type_count = 0;
			return rc;
		}
	}
	if (previous == FRAME_WRITABLE && type != FRAME_WRITABLE) {
		arch_tlb_flush_local();
	}
	info->flags |= FRAME_VALIDATED;
	return 0;
}

int frame_get_typed(struct domain *d, mfn_t frame, enum frame_type type)
{
	struct frame_info *info = frame_info_of(frame);
	int rc = ref_get(d, info);

	CHECK(type != FRAME_NONE);
	if (rc) {
		return rc;
	}
	rc = info->type_count ? type_ref_again(info, type) : type_ref_first(d, frame, info, type);
	if (rc) {
		ref_put(frame, info);
	}
	return rc;
}

void frame_put_typed(mfn_t frame)
{
	struct frame_info *info = frame_info_of(frame);

	CHECK(info && info->type_count > 0);
	if (info->type_count == 1) {
		CHECK(!(info->flags & FRAME_PINNED));
		if (frame_type_level(info->type)) {
			pt_table_devalidate(frame, info->type);
		}
		info->flags &= ~FRAME_VALIDATED;
	}
	info->type_count--;
	ref_put(frame, info);
}

void frame_assign(struct domain *d, mfn_t frame)
{
	struct frame_info *info = frame_info_of(frame);

	CHECK(info && info->owner == DOMID_HYPERVISOR && info->count == 0);
	info->owner = d->id;
	info->count = 1;
}

void frame_unassign(mfn_t frame)
{
	struct frame_info *info = frame_info_of(frame);

	/* Only another domain's writable mapping may still hold a type here. */
	CHECK(info && !(info->flags & FRAME_PINNED));
	CHECK(info->type_count == 0 || info->type == FRAME_WRITABLE);
	if (info->count > 1) {
		info->owner = DOMID_ORPHAN;
	}
	frame_put(frame);
}

void frame_table_note_alloc(mfn_t frame)
{
	struct frame_info *info = frame_info_of(frame);

	if (!info) {
		return;
	}
	CHECK(info->owner == DOMID_FREE && info->count == 0 && info->type_count == 0);
	info->owner = DOMID_HYPERVISOR;
}

void frame_table_note_free(mfn_t frame)
{
	struct frame_info *info = frame_info_of(frame);

	if (!info) {
		return;
	}
	CHECK(info->owner != DOMID_FREE);
	CHECK(info->count == 0 && info->type_count == 0 && !(info->flags & FRAME_PINNED));
	*info = (struct frame_info){.owner = DOMID_FREE};
	m2p_set(frame, M2P_INVALID);
}
