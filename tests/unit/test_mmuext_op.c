/*
 * test_mmuext_op.c: the mmuext_op hypercall (core/mmuext_op.c, core/pt_pin.c): pins at
 * every level, NEW_BASEPTR, TLB and cache maintenance, SET_LDT, CLEAR_PAGE, COPY_PAGE, the
 * batch's `done` and its bad arrays, and foreigndom.
 */
#include <criterion/criterion.h>

#include "fake.h"

#include "arch/config.h"
#include "frame_alloc.h"
#include "m2p.h"
#include "pt_audit.h"
#include "pt_fixture.h"
#include "public/errno.h"

static struct domain *d0;
static struct domain *d1;
static struct domain *d2;
static struct tree t;

static void setup(void)
{
	fixture_boot();
	d0 = fixture_domain(0, true, 32);
	d1 = fixture_domain(1, false, 64);
	d2 = fixture_domain(2, false, 16);
	tree_write(d1, &t);
}

TestSuite(mmuext_op, .init = setup);

#define AUDIT_OK() cr_assert_null(pt_audit(), "%s", pt_audit())

static struct mmuext_op *op(unsigned int i)
{
	return (struct mmuext_op *)guest_buf(0) + i;
}

static void op_set(unsigned int i, unsigned int cmd, unsigned long arg1, unsigned long arg2)
{
	*op(i) = (struct mmuext_op){.cmd = cmd};
	op(i)->arg1.linear_addr = arg1;
	op(i)->arg2.src_mfn = arg2;
}

static unsigned long frame_arg(mfn_t frame)
{
	return (unsigned long)mfn_value(frame);
}

Test(mmuext_op, pins_at_every_level)
{
	cr_assert_eq(pin(d1, 1, page_of(d1, 3)), 0);
	cr_assert_eq(pin(d1, 2, page_of(d1, 4)), 0);
	cr_assert_eq(pin(d1, 3, page_of(d1, 5)), 0);
	cr_assert_eq(info_of(page_of(d1, 3))->type, FRAME_L1);
	cr_assert_eq(info_of(page_of(d1, 4))->type, FRAME_L2);
	cr_assert_eq(info_of(page_of(d1, 5))->type, FRAME_L3);
	cr_assert_eq(guest_done(), 1);
	cr_assert_eq(pin(d1, 4, page_of(d1, 6)), -EINVAL, "no L4 in a 3-level format");
	cr_assert_eq(guest_done(), 0);
	cr_assert_eq(unpin(d1, page_of(d1, 4)), 0);
	cr_assert_eq(info_of(page_of(d1, 4))->type_count, 0);
	AUDIT_OK();
}

Test(mmuext_op, new_baseptr)
{
	unsigned int loads = fake_vcpu_set_pt_base_count();

	cr_assert_eq(new_base(d1, t.l3), 0);
	cr_assert_eq(mfn_value(d1->vcpu[0].pt_base), mfn_value(t.l3));
	cr_assert_eq(maddr_value(d1->vcpu[0].arch.pt_base), maddr_value(mfn_to_maddr(t.l3)));
	cr_assert_eq(fake_vcpu_set_pt_base_count(), loads + 1);
	cr_assert_eq(info_of(t.l3)->type_count, 1, "the base reference validates the tree");
	cr_assert_eq(info_of(t.l1)->type, FRAME_L1);
	AUDIT_OK();
	cr_assert_eq(new_base(d1, t.l3), 0, "the same base: a reload");
	cr_assert_eq(info_of(t.l3)->type_count, 1);
	cr_assert_eq(fake_vcpu_set_pt_base_count(), loads + 2);
	cr_assert_eq(new_base(d1, page_of(d1, 8)), 0, "an empty top table");
	cr_assert_eq(info_of(t.l3)->type_count, 0, "the old base is released after the switch");
	cr_assert_eq(info_of(t.l1)->type_count, 0);
	AUDIT_OK();
}

Test(mmuext_op, new_baseptr_refusals_keep_the_old_base)
{
	struct pt_snapshot *before;
	bool same;

	cr_assert_eq(new_base(d1, t.l3), 0);
	entry_write(page_of(d1, 9), 0, table_entry(page_of(d2, 0), 3));
	before = pt_snapshot_take();
	cr_assert_eq(new_base(d1, page_of(d1, 9)), -EINVAL, "invalid entries");
	cr_assert_eq(new_base(d1, page_of(d2, 1)), -EINVAL, "another domain's");
	cr_assert_eq(new_base(d1, t.l2), -EINVAL, "an L2");
	cr_assert_eq(new_base(d1, d1->shared_info_frame), -EINVAL, "writable");
	cr_assert_eq(new_base(d1, mfn(2)), -EINVAL, "not RAM");
	same = pt_snapshot_same(before);
	pt_snapshot_free(before);
	cr_assert(same);
	cr_assert_eq(mfn_value(d1->vcpu[0].pt_base), mfn_value(t.l3));
}

Test(mmuext_op, tlb_flushes_and_invlpg)
{
	unsigned int flushes = fake_tlb_flush_count();
	unsigned int invlpgs = fake_tlb_invlpg_count();

	cr_assert_eq(mmuext_one(d1, MMUEXT_TLB_FLUSH_LOCAL, 0, 0), 0);
	cr_assert_eq(mmuext_one(d1, MMUEXT_TLB_FLUSH_ALL, 0, 0), 0);
	cr_assert_eq(fake_tlb_flush_count(), flushes + 2);
	cr_assert_eq(mmuext_one(d1, MMUEXT_INVLPG_LOCAL, 0x12345000, 0), 0);
	cr_assert_eq(fake_tlb_last_invlpg(), 0x12345000);
	cr_assert_eq(mmuext_one(d1, MMUEXT_INVLPG_ALL, 0x23456000, 0), 0);
	cr_assert_eq(fake_tlb_last_invlpg(), 0x23456000);
	cr_assert_eq(fake_tlb_invlpg_count(), invlpgs + 2);
	cr_assert_eq(mmuext_one(d1, MMUEXT_INVLPG_LOCAL, ARCH_GUEST_VA_LIMIT, 0), 0);
	cr_assert_eq(fake_tlb_invlpg_count(), invlpgs + 2, "the hypervisor's VAs are left alone");
}

Test(mmuext_op, multi_flushes_read_the_vcpu_mask)
{
	unsigned long *mask = guest_buf(PAGE_SIZE);
	unsigned int flushes = fake_tlb_flush_count();
	unsigned int invlpgs = fake_tlb_invlpg_count();

	*mask = 1;
	cr_assert_eq(mmuext_one(d1, MMUEXT_TLB_FLUSH_MULTI, 0, GUEST_BUF_VA + PAGE_SIZE), 0);
	cr_assert_eq(mmuext_one(d1, MMUEXT_INVLPG_MULTI, 0x5000, GUEST_BUF_VA + PAGE_SIZE), 0);
	*mask = 2;
	cr_assert_eq(mmuext_one(d1, MMUEXT_TLB_FLUSH_MULTI, 0, GUEST_BUF_VA + PAGE_SIZE), 0);
	cr_assert_eq(fake_tlb_flush_count(), flushes + 1, "vCPU 1 does not exist");
	cr_assert_eq(fake_tlb_invlpg_count(), invlpgs + 1);
	cr_assert_eq(mmuext_one(d1, MMUEXT_TLB_FLUSH_MULTI, 0, GUEST_UNMAPPED_VA), -EINVAL);
	cr_assert_eq(mmuext_one(d1, MMUEXT_INVLPG_MULTI, 0, ARCH_GUEST_VA_LIMIT), -EINVAL);
}

Test(mmuext_op, flush_cache_needs_privilege)
{
	cr_assert_eq(mmuext_one(d1, MMUEXT_FLUSH_CACHE, 0, 0), -EACCES);
	cr_assert_eq(fake_cache_flush_count(), 0);
	cr_assert_eq(mmuext_one(d0, MMUEXT_FLUSH_CACHE, 0, 0), 0);
	cr_assert_eq(fake_cache_flush_count(), 1);
}

Test(mmuext_op, set_ldt_is_the_archs)
{
	cr_assert_eq(mmuext_one(d1, MMUEXT_SET_LDT, 0x10000, 16), -ENOSYS);
}

Test(mmuext_op, unknown_commands)
{
	cr_assert_eq(mmuext_one(d1, 14, 0, 0), -ENOSYS);
	cr_assert_eq(mmuext_one(d1, MMUEXT_NEW_USER_BASEPTR, frame_arg(t.l3), 0), -ENOSYS);
	cr_assert_eq(mmuext_one(d1, 18, 0, 0), -ENOSYS);
	cr_assert_eq(mmuext_one(d1, ~0U, 0, 0), -ENOSYS);
}

Test(mmuext_op, clear_page)
{
	mfn_t page = page_of(d1, 10);

	memset(frame_map(page), 0x5a, PAGE_SIZE);
	cr_assert_eq(mmuext_one(d1, MMUEXT_CLEAR_PAGE, frame_arg(page), 0), 0);
	cr_assert_eq(((uint8_t *)frame_map(page))[PAGE_SIZE - 1], 0);
	cr_assert_eq(info_of(page)->type_count, 0);
	cr_assert_eq(pin(d1, 1, page_of(d1, 11)), 0);
	cr_assert_eq(mmuext_one(d1, MMUEXT_CLEAR_PAGE, frame_arg(page_of(d1, 11)), 0), -EINVAL);
	cr_assert_eq(mmuext_one(d1, MMUEXT_CLEAR_PAGE, frame_arg(page_of(d2, 1)), 0), -EINVAL);
	cr_assert_eq(mmuext_one(d1, MMUEXT_CLEAR_PAGE, frame_arg(m2p_frame(0)), 0), -EINVAL);
	cr_assert_eq(m2p_lookup(mfn(0)), M2P_INVALID, "the M2P is intact");
	AUDIT_OK();
}

Test(mmuext_op, copy_page)
{
	mfn_t source = page_of(d1, 12);
	mfn_t target = page_of(d1, 13);

	memset(frame_map(source), 0x77, PAGE_SIZE);
	cr_assert_eq(mmuext_one(d1, MMUEXT_COPY_PAGE, frame_arg(target), frame_arg(source)), 0);
	cr_assert_eq(((uint8_t *)frame_map(target))[123], 0x77);
	cr_assert_eq(pin(d1, 1, page_of(d1, 14)), 0);
	cr_assert_eq(
	    mmuext_one(d1, MMUEXT_COPY_PAGE, frame_arg(target), frame_arg(page_of(d1, 14))), 0,
	    "a table may be read");
	cr_assert_eq(
	    mmuext_one(d1, MMUEXT_COPY_PAGE, frame_arg(page_of(d1, 14)), frame_arg(source)),
	    -EINVAL, "but not written");
	cr_assert_eq(mmuext_one(d1, MMUEXT_COPY_PAGE, frame_arg(target), frame_arg(page_of(d2, 1))),
		     -EINVAL);
	cr_assert_eq(mmuext_one(d1, MMUEXT_COPY_PAGE, frame_arg(page_of(d2, 1)), frame_arg(source)),
		     -EINVAL);
	AUDIT_OK();
}

Test(mmuext_op, a_batch_stops_at_its_first_failure)
{
	op_set(0, MMUEXT_PIN_L1_TABLE, frame_arg(page_of(d1, 3)), 0);
	op_set(1, MMUEXT_PIN_L1_TABLE, frame_arg(page_of(d1, 4)), 0);
	op_set(2, MMUEXT_PIN_L1_TABLE, frame_arg(page_of(d1, 3)), 0);
	op_set(3, MMUEXT_PIN_L1_TABLE, frame_arg(page_of(d1, 5)), 0);
	cr_assert_eq(mmuext_buf(d1, 4, DOMID_SELF), -EINVAL);
	cr_assert_eq(guest_done(), 2);
	cr_assert_eq(info_of(page_of(d1, 5))->type_count, 0);
	AUDIT_OK();
}

Test(mmuext_op, counts_and_bad_arrays)
{
	cr_assert_eq(mmuext_buf(d1, 0, DOMID_SELF), 0);
	cr_assert_eq(guest_done(), 0);
	cr_assert_eq(hcall(d1, __HYPERVISOR_mmuext_op, GUEST_UNMAPPED_VA, 1, 0, DOMID_SELF),
		     -EFAULT);
	cr_assert_eq(hcall(d1, __HYPERVISOR_mmuext_op, ARCH_GUEST_VA_LIMIT, 1, 0, DOMID_SELF),
		     -EFAULT);
	cr_assert_eq(hcall(d1, __HYPERVISOR_mmuext_op, GUEST_BUF_VA, 1U << 31, 0, DOMID_SELF),
		     -EFAULT);
	cr_assert_eq(hcall(d1, __HYPERVISOR_mmuext_op, GUEST_UNMAPPED_VA, 1U << 31, 0, DOMID_SELF),
		     -EFAULT);
	op_set(0, MMUEXT_TLB_FLUSH_LOCAL, 0, 0);
	cr_assert_eq(hcall(d1, __HYPERVISOR_mmuext_op, GUEST_BUF_VA, 1, 0, DOMID_SELF), 0,
		     "no done pointer");
}

Test(mmuext_op, foreign_batches)
{
	op_set(0, MMUEXT_PIN_L1_TABLE, frame_arg(page_of(d2, 3)), 0);
	cr_assert_eq(mmuext_buf(d1, 1, 2), -EPERM);
	cr_assert_eq(guest_done(), 0xdeadbeef, "refused before the batch: done untouched");
	cr_assert_eq(mmuext_buf(d1, 1, 9), -ESRCH);
	cr_assert_eq(mmuext_buf(d1, 1, 1), -ESRCH);
	cr_assert_eq(mmuext_buf(d0, 1, 2), 0, "dom0 pins a table of d2's");
	cr_assert(info_of(page_of(d2, 3))->flags & FRAME_PINNED);
	op_set(0, MMUEXT_TLB_FLUSH_LOCAL, 0, 0);
	cr_assert_eq(mmuext_buf(d0, 1, 2), -EPERM, "a foreign batch acts on frames only");
	op_set(0, MMUEXT_NEW_BASEPTR, frame_arg(page_of(d2, 3)), 0);
	cr_assert_eq(mmuext_buf(d0, 1, 2), -EPERM);
	AUDIT_OK();
}

Test(mmuext_op, teardown_drops_foreign_pins_and_the_base)
{
	uint64_t before;

	cr_assert_eq(new_base(d1, t.l3), 0);
	cr_assert_eq(pin(d1, 1, page_of(d1, 20)), 0);
	op_set(0, MMUEXT_PIN_L2_TABLE, frame_arg(page_of(d1, 21)), 0);
	cr_assert_eq(mmuext_buf(d0, 1, 1), 0);
	before = frame_free_count();
	domain_shutdown(d1, 0);
	cr_assert_eq(frame_free_count(), before + 64 + 1 + 1);
	AUDIT_OK();
}
