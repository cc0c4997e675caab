/*
 * pt_pin.c: the roots that keep guest page tables validated: pins and the vCPU's base.
 *
 * Every validated table is held, directly or through the tables above it, by a pin
 * (MMUEXT_PIN_Ln_TABLE: a type reference the guest asks to keep) or by the base register
 * (NEW_BASEPTR: a type reference of the top level). Type references only point down a
 * level, so dropping every pin and the base devalidates every table of the domain: that is
 * what teardown does (mm_release_tables), before the allocation references go.
 */
#include "arch/vcpu.h"
#include "check.h"
#include "frame_table.h"
#include "mm.h"
#include "public/errno.h"
#include "pt_leaf.h"

int mm_pin_table(struct domain *pg_owner, mfn_t frame, unsigned int level)
{
	struct frame_info *info = frame_info_of(frame);
	int rc;

	if (level < 1 || level > ARCH_PT_LEVELS || !info || info->owner != pg_owner->id ||
	    (info->flags & FRAME_PINNED)) {
		return -EINVAL;
	}
	rc = frame_get_typed(pg_owner, frame, frame_type_of_level(level, false));
	if (!rc) {
		info->flags |= FRAME_PINNED;
	}
	return rc;
}

int mm_unpin_table(struct domain *pg_owner, mfn_t frame)
{
	struct frame_info *info = frame_info_of(frame);

	if (!info || info->owner != pg_owner->id || !(info->flags & FRAME_PINNED)) {
		return -EINVAL;
	}
	info->flags &= ~FRAME_PINNED;
	frame_put_typed(frame);
	return 0;
}

int mm_take_base(struct vcpu *v, mfn_t top)
{
	int rc = frame_get_typed(v->domain, top, frame_type_of_level(ARCH_PT_LEVELS, false));

	if (!rc) {
		CHECK(!mfn_is_valid(v->pt_base));
		v->pt_base = top;
		pt_va_leaf_forget();
		mm_pt_changes++;
	}
	return rc;
}

int mm_new_baseptr(struct vcpu *v, mfn_t top)
{
	mfn_t old = v->pt_base;
	int rc;

	if (mfn_is_valid(old) && mfn_eq(old, top)) {
		arch_vcpu_set_pt_base(v, top); /* a reload: Xen flushes the TLB here too */
		return 0;
	}
	mm_pt_changes++;
	rc = frame_get_typed(v->domain, top, frame_type_of_level(ARCH_PT_LEVELS, false));
	if (rc) {
		return rc;
	}
	v->pt_base = top;
	pt_va_leaf_forget();
	arch_vcpu_set_pt_base(v, top);
	if (mfn_is_valid(old)) {
		frame_put_typed(old);
	}
	return 0;
}

/* Drops a pin of one of d's frames, if it has one. */
static void unpin_if_pinned(mfn_t frame)
{
	struct frame_info *info = frame_info_of(frame);

	CHECK(info);
	if (info->flags & FRAME_PINNED) {
		info->flags &= ~FRAME_PINNED;
		frame_put_typed(frame);
	}
}

void mm_release_tables(struct domain *d)
{
	struct vcpu *v = &d->vcpu[0];

	if (mfn_is_valid(v->pt_base)) {
		mfn_t base = v->pt_base;

		v->pt_base = invalid_mfn();
		pt_va_leaf_forget();
		mm_pt_changes++;
		frame_put_typed(base);
	}
	for (uint64_t i = 0; i < d->nr_pages; i++) {
		unpin_if_pinned(d->p2m[i]);
	}
}
