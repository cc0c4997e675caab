/*
 * test_pt_validate.c: validating and devalidating page tables (core/pt_validate.c,
 * core/pt_pin.c), through pins on the fake format.
 *
 * Success with exact counts; every refusal with Xen's errno and nothing changed (RAM, every
 * frame record and every base compared with a snapshot); linear and self-referencing
 * tables; the hypervisor-sharing L2 with its reserved slots; devalidation releasing exactly
 * what validation took, checked by the from-scratch audit (support/pt_audit.c).
 */
#include <criterion/criterion.h>

#include "fake.h"

#include "frame_alloc.h"
#include "m2p.h"
#include "pt_audit.h"
#include "pt_fixture.h"
#include "public/errno.h"

static struct domain *d1;
static struct domain *d2;
static struct tree t;

static void setup(void)
{
	fixture_boot();
	d1 = fixture_domain(1, false, 64);
	d2 = fixture_domain(2, false, 16);
	tree_write(d1, &t);
}

TestSuite(pt_validate, .init = setup);

#define AUDIT_OK() cr_assert_null(pt_audit(), "%s", pt_audit())

/* Runs a refused pin and checks that it changed nothing at all. */
static void pin_refused(unsigned int level, mfn_t frame, long expected)
{
	struct pt_snapshot *before = pt_snapshot_take();
	long rc = pin(d1, level, frame);
	bool same = pt_snapshot_same(before);

	pt_snapshot_free(before);
	cr_assert_eq(rc, expected, "rc %ld, expected %ld", rc, expected);
	cr_assert(same, "a refused pin changed something");
	AUDIT_OK();
}

Test(pt_validate, pinning_the_top_validates_the_tree_with_exact_counts)
{
	cr_assert_eq(pin(d1, 3, t.l3), 0);
	cr_assert_eq(info_of(t.l3)->type, FRAME_L3);
	cr_assert_eq(info_of(t.l3)->type_count, 1);
	cr_assert(info_of(t.l3)->flags & FRAME_PINNED);
	cr_assert_eq(info_of(t.l2)->type, FRAME_L2);
	cr_assert_eq(info_of(t.l2)->type_count, 1);
	cr_assert_eq(info_of(t.l1)->type, FRAME_L1);
	cr_assert(info_of(t.l1)->flags & FRAME_VALIDATED);
	cr_assert_eq(info_of(page_of(d1, 16))->type, FRAME_WRITABLE);
	cr_assert_eq(info_of(page_of(d1, 16))->type_count, 1);
	cr_assert_eq(info_of(page_of(d1, 16))->count, 2);
	cr_assert_eq(info_of(page_of(d1, 17))->type_count, 0, "read-only: no type");
	cr_assert_eq(info_of(page_of(d1, 17))->count, 2);
	AUDIT_OK();
}

Test(pt_validate, unpinning_devalidates_everything_below)
{
	cr_assert_eq(pin(d1, 3, t.l3), 0);
	cr_assert_eq(unpin(d1, t.l3), 0);
	for (uint64_t i = 0; i < d1->nr_pages; i++) {
		cr_assert_eq(info_of(page_of(d1, i))->count, 1, "page %llu", (unsigned long long)i);
		cr_assert_eq(info_of(page_of(d1, i))->type_count, 0);
		cr_assert_eq(info_of(page_of(d1, i))->flags, 0);
	}
	AUDIT_OK();
}

Test(pt_validate, shared_children_are_counted_once_per_entry)
{
	entry_write(t.l2, 1, table_entry(t.l1, 2));
	cr_assert_eq(pin(d1, 3, t.l3), 0);
	cr_assert_eq(info_of(t.l1)->type_count, 2);
	cr_assert_eq(info_of(page_of(d1, 16))->type_count, 1, "the L1 was validated once");
	AUDIT_OK();
}

Test(pt_validate, writable_mapping_of_a_pinned_table)
{
	mfn_t other = page_of(d1, 3);

	cr_assert_eq(pin(d1, 1, t.l1), 0);
	entry_write(other, 0, leaf_entry(t.l1, true));
	pin_refused(1, other, -EBUSY);
	entry_write(other, 0, leaf_entry(t.l1, false));
	cr_assert_eq(pin(d1, 1, other), 0, "read-only is fine");
	AUDIT_OK();
}

Test(pt_validate, writable_mapping_of_a_table_in_use)
{
	mfn_t other = page_of(d1, 3);

	cr_assert_eq(pin(d1, 3, t.l3), 0);
	entry_write(other, 5, leaf_entry(t.l2, true));
	pin_refused(1, other, -EBUSY);
}

Test(pt_validate, a_table_mapped_writable_elsewhere_cannot_be_pinned)
{
	mfn_t mapper = page_of(d1, 3);
	mfn_t victim = page_of(d1, 4);

	entry_write(mapper, 0, leaf_entry(victim, true));
	cr_assert_eq(pin(d1, 1, mapper), 0);
	pin_refused(1, victim, -EINVAL);
	pin_refused(2, victim, -EINVAL);
}

Test(pt_validate, pages_the_domain_does_not_own)
{
	mfn_t table = page_of(d1, 3);

	entry_write(table, 9, leaf_entry(page_of(d2, 1), false));
	pin_refused(1, table, -EBUSY);
	entry_write(table, 9, leaf_entry(m2p_frame(0), false));
	pin_refused(1, table, -EBUSY);
	entry_write(table, 9, leaf_entry(frame_table_limit(), false));
	pin_refused(1, table, -EPERM);
	entry_write(table, 9, leaf_entry(mfn(2), false));
	pin_refused(1, table, -EPERM);
	entry_write(table, 9, leaf_entry(d2->shared_info_frame, true));
	pin_refused(1, table, -EBUSY);
}

Test(pt_validate, free_frames_cannot_be_mapped)
{
	mfn_t table = page_of(d1, 3);
	mfn_t frame = frame_alloc();

	frame_free(frame);
	entry_write(table, 0, leaf_entry(frame, false));
	pin_refused(1, table, -EBUSY);
}

Test(pt_validate, tables_must_be_the_owners)
{
	mfn_t table = page_of(d1, 3);

	entry_write(table, 0, table_entry(page_of(d2, 0), 2));
	pin_refused(2, table, -EINVAL);
	entry_write(table, 0, table_entry(mfn(2), 2));
	pin_refused(2, table, -EINVAL);
	entry_write(table, 0, table_entry(m2p_frame(1), 2));
	pin_refused(2, table, -EINVAL);
}

Test(pt_validate, bad_attribute_bits)
{
	mfn_t table = page_of(d1, 3);
	pte_t page = leaf_entry(page_of(d1, 20), false);
	pte_t l1 = table_entry(page_of(d1, 4), 2);

	entry_write(table, 1, (pte_t){page.value | FAKE_PTE_UNCACHED});
	pin_refused(1, table, -EINVAL);
	entry_write(table, 1, (pte_t){page.value | FAKE_PTE_HYPERVISOR});
	pin_refused(1, table, -EINVAL);
	entry_write(table, 1, (pte_t){page.value | FAKE_PTE_TABLE});
	pin_refused(1, table, -EINVAL);
	entry_write(table, 1, (pte_t){l1.value & ~FAKE_PTE_TABLE});
	pin_refused(2, table, -EINVAL); /* a superpage */
	entry_write(table, 1, (pte_t){l1.value | FAKE_PTE_DIRTY});
	pin_refused(2, table, -EINVAL);
}

Test(pt_validate, invalid_entry_deep_in_the_tree_changes_nothing)
{
	entry_write(t.l1, 200, (pte_t){FAKE_PTE_PRESENT | FAKE_PTE_UNCACHED});
	pin_refused(3, t.l3, -EINVAL);
	cr_assert_eq(info_of(t.l2)->type_count, 0, "the L2 validated on the way is released");
	cr_assert_eq(info_of(page_of(d1, 16))->type_count, 0);
}

Test(pt_validate, a_failing_entry_releases_the_ones_before_it)
{
	mfn_t table = page_of(d1, 3);

	for (unsigned int i = 0; i < 100; i++) {
		entry_write(table, i, leaf_entry(page_of(d1, 20 + i % 40), i % 2));
	}
	entry_write(table, 100, leaf_entry(page_of(d2, 0), false));
	pin_refused(1, table, -EBUSY);
	for (unsigned int i = 20; i < 60; i++) {
		cr_assert_eq(info_of(page_of(d1, i))->count, 1);
		cr_assert_eq(info_of(page_of(d1, i))->type_count, 0);
	}
}

Test(pt_validate, non_present_entries_and_unused_slots_are_the_guests)
{
	mfn_t table = page_of(d1, 3);
	pte_t *raw = frame_map(table);

	entry_write(table, 3, (pte_t){~FAKE_PTE_PRESENT});
	/* A fake L1 uses the first half of its frame only: the rest is never read. */
	for (unsigned int i = FAKE_L1_ENTRIES; i < PAGE_SIZE / sizeof(pte_t); i++) {
		raw[i].value = FAKE_PTE_PRESENT | FAKE_PTE_UNCACHED | (uint64_t)i << 20;
	}
	cr_assert_eq(pin(d1, 1, table), 0);
	cr_assert_eq(entry_read(table, 3).value, ~FAKE_PTE_PRESENT, "stored as written");
	AUDIT_OK();
}

Test(pt_validate, an_l2_cannot_be_typed_l1_while_it_is_an_l2)
{
	cr_assert_eq(pin(d1, 2, t.l2), 0);
	pin_refused(1, t.l2, -EINVAL);
	pin_refused(3, t.l2, -EINVAL);
}

Test(pt_validate, linear_tables_are_refused)
{
	/* An L2 naming itself as its L1. */
	entry_write(t.l2, 5, table_entry(t.l2, 2));
	pin_refused(2, t.l2, -EINVAL);
	pin_refused(3, t.l3, -EINVAL);
	entry_write(t.l2, 5, (pte_t){0});
	/* An L3 naming itself as an L2. */
	entry_write(t.l3, 1, table_entry(t.l3, 3));
	pin_refused(3, t.l3, -EINVAL);
	entry_write(t.l3, 1, (pte_t){0});
	/* An L2 naming its own L3 as an L1. */
	entry_write(t.l2, 6, table_entry(t.l3, 2));
	pin_refused(3, t.l3, -EINVAL);
	entry_write(t.l2, 6, (pte_t){0});
	cr_assert_eq(pin(d1, 3, t.l3), 0, "the tree itself is fine");
	AUDIT_OK();
}

Test(pt_validate, a_table_may_map_itself_read_only_never_writable)
{
	entry_write(t.l1, 30, leaf_entry(t.l1, true));
	pin_refused(3, t.l3, -EBUSY);
	entry_write(t.l1, 30, leaf_entry(t.l1, false));
	entry_write(t.l1, 31, leaf_entry(t.l3, false));
	cr_assert_eq(pin(d1, 3, t.l3), 0);
	cr_assert_eq(info_of(t.l1)->count, 3, "allocation, the L2 entry, its own mapping");
	AUDIT_OK();
}

/* The hypervisor-sharing L2 under L3 slot FAKE_HV_L3_SLOT. */
static mfn_t hv_l2_with_garbage(void)
{
	mfn_t hv = page_of(d1, 5);

	entry_write(t.l3, FAKE_HV_L3_SLOT, table_entry(hv, 3));
	entry_write(hv, 0, table_entry(page_of(d1, 6), 2));
	for (unsigned int i = FAKE_HV_FIRST_SLOT; i < FAKE_L2_ENTRIES; i++) {
		entry_write(hv, i, (pte_t){FAKE_PTE_PRESENT | FAKE_PTE_UNCACHED | i});
	}
	return hv;
}

Test(pt_validate, hypervisor_slots_are_neither_counted_nor_the_guests)
{
	mfn_t hv = hv_l2_with_garbage();

	cr_assert_eq(pin(d1, 3, t.l3), 0, "garbage in the reserved slots is not validated");
	cr_assert_eq(info_of(hv)->type, FRAME_L2_HV);
	for (unsigned int i = FAKE_HV_FIRST_SLOT; i < FAKE_L2_ENTRIES; i++) {
		cr_assert_eq(entry_read(hv, i).value, FAKE_HV_ENTRY(i), "slot %u installed", i);
	}
	cr_assert_eq(info_of(page_of(d1, 6))->type, FRAME_L1, "guest slots are validated");
	AUDIT_OK();
	cr_assert_eq(mmu_one(d1, maddr_value(entry_addr(hv, FAKE_HV_FIRST_SLOT)), 0), -EPERM);
	cr_assert_eq(mmu_one(d1, maddr_value(entry_addr(hv, FAKE_L2_ENTRIES - 1)), 0), -EPERM);
	cr_assert_eq(unpin(d1, t.l3), 0);
	cr_assert_eq(entry_read(hv, FAKE_HV_FIRST_SLOT).value, FAKE_HV_ENTRY(FAKE_HV_FIRST_SLOT));
	AUDIT_OK();
}

Test(pt_validate, a_hypervisor_sharing_l2_is_typed_apart)
{
	mfn_t hv = hv_l2_with_garbage();

	cr_assert_eq(pin(d1, 3, t.l3), 0);
	pin_refused(2, hv, -EINVAL);
	entry_write(page_of(d1, 7), 0, table_entry(hv, 3));
	pin_refused(3, page_of(d1, 7), -EINVAL);
	entry_write(page_of(d1, 7), 0, table_entry(t.l2, 3));
	entry_write(page_of(d1, 7), FAKE_HV_L3_SLOT, table_entry(t.l2, 3));
	pin_refused(3, page_of(d1, 7), -EINVAL);
}

Test(pt_validate, pin_errors)
{
	cr_assert_eq(pin(d1, 1, page_of(d1, 3)), 0);
	pin_refused(1, page_of(d1, 3), -EINVAL); /* already pinned */
	pin_refused(4, page_of(d1, 4), -EINVAL);
	pin_refused(1, page_of(d2, 4), -EINVAL);
	pin_refused(1, mfn(2), -EINVAL);
	pin_refused(1, m2p_frame(0), -EINVAL);
	cr_assert_eq(unpin(d1, page_of(d1, 4)), -EINVAL, "not pinned");
	cr_assert_eq(unpin(d1, page_of(d2, 4)), -EINVAL);
	cr_assert_eq(unpin(d1, mfn(2)), -EINVAL);
	AUDIT_OK();
}

Test(pt_validate, pinned_twice_over_by_level)
{
	cr_assert_eq(pin(d1, 1, t.l1), 0);
	cr_assert_eq(pin(d1, 3, t.l3), 0);
	cr_assert_eq(info_of(t.l1)->type_count, 2, "its pin and the L2 entry");
	cr_assert_eq(unpin(d1, t.l3), 0);
	cr_assert_eq(info_of(t.l1)->type_count, 1, "still pinned");
	cr_assert(info_of(t.l1)->flags & FRAME_VALIDATED);
	cr_assert_eq(info_of(page_of(d1, 16))->type_count, 1);
	AUDIT_OK();
}
