/*
 * test_runstate_area.c: VCPUOP_register_runstate_memory_area (core/vcpu_op.c) and the
 * scheduler's write of the area (sched_runstate_area_write, core/sched.c), which reaches
 * the area through the vCPU's own validated tables (mm_va_frame, core/pt_update.c).
 *
 * Registered: the area is written at once and at each later write, across a page boundary
 * too; 0 unregisters. Refused with -EFAULT, nothing registered: an unreadable request, an
 * area not mapped, mapped read-only (wholly or in part), or reaching the hypervisor's
 * range. An area whose mapping went away later is skipped, the page it was on untouched.
 */
#include <criterion/criterion.h>

#include "fake.h"

#include "arch/config.h"
#include "frame_alloc.h"
#include "pt_audit.h"
#include "pt_fixture.h"
#include "public/errno.h"
#include "public/vcpu.h"
#include "sched.h"

static struct domain *d1;
static struct tree t;

/* Pages 18 and 19 mapped writable at indexes 18 and 19 as well, beside the tree's. */
static void setup(void)
{
	fixture_boot();
	d1 = fixture_domain(1, false, 64);
	tree_write(d1, &t);
	entry_write(t.l1, 18, leaf_entry(page_of(d1, 18), true));
	entry_write(t.l1, 19, leaf_entry(page_of(d1, 19), true));
	cr_assert_eq(new_base(d1, t.l3), 0);
}

TestSuite(runstate_area, .init = setup);

static long register_area(uint64_t va)
{
	struct vcpu_register_runstate_memory_area *request = guest_buf(0);

	request->addr = va;
	return hcall(d1, __HYPERVISOR_vcpu_op, VCPUOP_register_runstate_memory_area, 0,
		     GUEST_BUF_VA, 0);
}

/* The bytes at offset in d1's page i. */
static uint8_t *page_bytes(uint64_t i, size_t offset)
{
	return (uint8_t *)frame_map(page_of(d1, i)) + offset;
}

static void expect_runstate_at(const void *where)
{
	struct vcpu_runstate_info now;
	struct vcpu_runstate_info seen;

	memcpy(&seen, where, sizeof(seen));
	sched_vcpu_runstate(&d1->vcpu[0], &now);
	cr_assert_eq(seen.state, now.state);
	cr_assert_eq(seen.state_entry_time, now.state_entry_time);
	cr_assert_eq(seen.time[RUNSTATE_blocked], now.time[RUNSTATE_blocked]);
	cr_assert_eq(seen.time[RUNSTATE_offline], now.time[RUNSTATE_offline]);
}

static bool page_is_zero(uint64_t i)
{
	const uint8_t *bytes = page_bytes(i, 0);

	for (size_t b = 0; b < PAGE_SIZE; b++) {
		if (bytes[b]) {
			return false;
		}
	}
	return true;
}

Test(runstate_area, written_at_once_and_at_each_write)
{
	uint64_t va = tree_va(0, 0, 16) + 8;

	cr_assert_eq(register_area(va), 0);
	cr_assert_eq(d1->vcpu[0].runstate_area, (uintptr_t)va);
	expect_runstate_at(page_bytes(16, 8));
	memset(page_bytes(16, 8), 0xee, sizeof(struct vcpu_runstate_info));
	cr_assert(sched_runstate_area_write(&d1->vcpu[0]));
	expect_runstate_at(page_bytes(16, 8));
	cr_assert_null(pt_audit(), "%s", pt_audit());
}

Test(runstate_area, across_a_page_boundary)
{
	uint64_t va = tree_va(0, 0, 19) - 12;
	uint8_t whole[sizeof(struct vcpu_runstate_info)];

	cr_assert_eq(register_area(va), 0);
	memcpy(whole, page_bytes(18, PAGE_SIZE - 12), 12);
	memcpy(whole + 12, page_bytes(19, 0), sizeof(whole) - 12);
	expect_runstate_at(whole);
}

Test(runstate_area, zero_unregisters)
{
	cr_assert_eq(register_area(tree_va(0, 0, 16)), 0);
	cr_assert_eq(register_area(0), 0);
	cr_assert_eq(d1->vcpu[0].runstate_area, 0);
}

Test(runstate_area, refused_areas_are_efault)
{
	static const struct {
		unsigned int index;
		int offset;
	} bad[] = {
	    {17, 0},		 /* read-only */
	    {16, PAGE_SIZE - 8}, /* its second part read-only */
	    {20, 0},		 /* not mapped */
	    {19, PAGE_SIZE - 8}, /* its second part not mapped */
	};

	for (unsigned int i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		cr_assert_eq(register_area(tree_va(0, 0, bad[i].index) + bad[i].offset), -EFAULT,
			     "case %u", i);
		cr_assert_eq(d1->vcpu[0].runstate_area, 0, "case %u: nothing registered", i);
	}
	cr_assert(page_is_zero(17));
	cr_assert_eq(register_area(ARCH_GUEST_VA_LIMIT - 8), -EFAULT);
	cr_assert_eq(register_area(ARCH_GUEST_VA_LIMIT), -EFAULT);
	cr_assert_eq(hcall(d1, __HYPERVISOR_vcpu_op, VCPUOP_register_runstate_memory_area, 0,
			   GUEST_UNMAPPED_VA, 0),
		     -EFAULT);
	cr_assert_eq(d1->vcpu[0].runstate_area, 0);
}

Test(runstate_area, an_area_unmapped_later_is_skipped)
{
	uint64_t va = tree_va(0, 0, 16);

	cr_assert_eq(register_area(va), 0);
	memset(page_bytes(16, 0), 0, PAGE_SIZE);
	cr_assert_eq(hcall(d1, __HYPERVISOR_update_va_mapping, va, 0, 0, 0), 0);
	cr_assert(!sched_runstate_area_write(&d1->vcpu[0]));
	cr_assert(page_is_zero(16), "the page it was on is left alone");
	cr_assert_null(pt_audit(), "%s", pt_audit());
}
