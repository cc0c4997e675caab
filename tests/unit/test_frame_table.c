/*
 * test_frame_table.c: the frame table's records and reference rules (core/frame_table.c).
 *
 * What the table covers and who owns what after boot; general references need the owner;
 * a type is exclusive while its count is not zero and may change when it is; a page-table
 * type is validated on its first reference and devalidated on its last; the TLB is flushed
 * when a writable frame becomes anything else; the allocation reference and orphans; the
 * allocator refusing (panicking on) a frame that still has references.
 */
#include <criterion/criterion.h>

#include "fake.h"

#include "frame_alloc.h"
#include "m2p.h"
#include "pt_audit.h"
#include "pt_fixture.h"
#include "public/errno.h"
#include "public/sched.h"

static struct domain *d1;
static struct domain *d2;

static void setup(void)
{
	fixture_boot();
	d1 = fixture_domain(1, false, 64);
	d2 = fixture_domain(2, false, 16);
}

TestSuite(frame_table, .init = setup);

#define AUDIT_OK() cr_assert_null(pt_audit(), "%s", pt_audit())

Test(frame_table, covers_the_allocators_ram_only)
{
	mfn_t lowest = frame_alloc_lowest();

	cr_assert_eq(mfn_value(lowest), FAKE_BOOT_RESERVED / PAGE_SIZE);
	cr_assert_eq(mfn_value(frame_table_limit()), FAKE_RAM_SIZE / PAGE_SIZE);
	cr_assert_not_null(frame_info_of(lowest));
	cr_assert_null(frame_info_of(mfn(mfn_value(lowest) - 1)), "the reserved image: not RAM");
	cr_assert_null(frame_info_of(mfn(0)));
	cr_assert_null(frame_info_of(frame_table_limit()));
	cr_assert_null(frame_info_of(invalid_mfn()));
	AUDIT_OK();
}

Test(frame_table, owners_after_boot_and_allocation)
{
	mfn_t frame = frame_alloc();

	cr_assert_eq(info_of(frame)->owner, DOMID_HYPERVISOR, "the allocator hands out to us");
	cr_assert_eq(info_of(m2p_frame(0))->owner, DOMID_HYPERVISOR);
	cr_assert_eq(info_of(page_of(d1, 3))->owner, 1);
	cr_assert_eq(info_of(page_of(d1, 3))->count, 1, "the allocation reference");
	cr_assert_eq(info_of(d1->shared_info_frame)->owner, 1);
	frame_free(frame);
	cr_assert_eq(info_of(frame)->owner, DOMID_FREE);
	AUDIT_OK();
}

Test(frame_table, general_reference_needs_the_owner)
{
	mfn_t mine = page_of(d1, 5);

	cr_assert_eq(frame_get(d1, mine), 0);
	cr_assert_eq(info_of(mine)->count, 2);
	cr_assert_eq(frame_get(d2, mine), -EINVAL, "another domain's");
	cr_assert_eq(frame_get(d1, m2p_frame(0)), -EINVAL, "the hypervisor's");
	cr_assert_eq(frame_get(d1, mfn(3)), -EINVAL, "not RAM");
	cr_assert_eq(frame_get(d1, mfn(1UL << 40)), -EINVAL, "far beyond RAM");
	frame_put(mine);
	cr_assert_eq(info_of(mine)->count, 1);
	AUDIT_OK();
}

Test(frame_table, general_count_cannot_overflow)
{
	struct frame_info *info = frame_info_of(page_of(d1, 5));

	info->count = UINT32_MAX;
	cr_assert_eq(frame_get(d1, page_of(d1, 5)), -EINVAL);
	cr_assert_eq(info->count, UINT32_MAX);
}

Test(frame_table, type_is_exclusive_while_counted)
{
	mfn_t frame = page_of(d1, 6);

	cr_assert_eq(frame_get_typed(d1, frame, FRAME_WRITABLE), 0);
	cr_assert_eq(frame_get_typed(d1, frame, FRAME_WRITABLE), 0);
	cr_assert_eq(info_of(frame)->type_count, 2);
	cr_assert_eq(frame_get_typed(d1, frame, FRAME_L1), -EINVAL, "writable: not a table");
	cr_assert_eq(info_of(frame)->count, 3, "the refused reference took nothing");
	frame_put_typed(frame);
	frame_put_typed(frame);
	cr_assert_eq(frame_get_typed(d1, frame, FRAME_L1), 0, "count zero: the type may change");
	cr_assert_eq(frame_get_typed(d1, frame, FRAME_WRITABLE), -EINVAL, "a table: no writes");
	cr_assert_eq(frame_get_typed(d1, frame, FRAME_L2), -EINVAL);
	frame_put_typed(frame);
	cr_assert_eq(info_of(frame)->type, FRAME_L1, "the type is kept at count zero");
	cr_assert_eq(info_of(frame)->count, 1);
}

Test(frame_table, table_validated_on_first_reference_only)
{
	mfn_t frame = page_of(d1, 7);

	cr_assert_eq(frame_get_typed(d1, frame, FRAME_L1), 0);
	cr_assert(info_of(frame)->flags & FRAME_VALIDATED);
	cr_assert_eq(frame_get_typed(d1, frame, FRAME_L1), 0);
	frame_put_typed(frame);
	cr_assert(info_of(frame)->flags & FRAME_VALIDATED, "one reference left");
	frame_put_typed(frame);
	cr_assert_not(info_of(frame)->flags & FRAME_VALIDATED);
}

Test(frame_table, failed_validation_restores_the_old_type)
{
	mfn_t frame = page_of(d1, 8);

	cr_assert_eq(frame_get_typed(d1, frame, FRAME_WRITABLE), 0);
	frame_put_typed(frame);
	entry_write(frame, 0, (pte_t){FAKE_PTE_PRESENT | FAKE_PTE_UNCACHED});
	cr_assert_eq(frame_get_typed(d1, frame, FRAME_L1), -EINVAL);
	cr_assert_eq(info_of(frame)->type, FRAME_WRITABLE);
	cr_assert_eq(info_of(frame)->type_count, 0);
	cr_assert_eq(info_of(frame)->count, 1);
	AUDIT_OK();
}

Test(frame_table, writable_frame_becoming_a_table_flushes_the_tlb)
{
	mfn_t frame = page_of(d1, 9);
	unsigned int flushes;

	cr_assert_eq(frame_get_typed(d1, frame, FRAME_L1), 0);
	frame_put_typed(frame);
	flushes = fake_tlb_flush_count();
	cr_assert_eq(frame_get_typed(d1, frame, FRAME_L1), 0);
	cr_assert_eq(fake_tlb_flush_count(), flushes, "never writable: nothing stale");
	frame_put_typed(frame);
	cr_assert_eq(frame_get_typed(d1, frame, FRAME_WRITABLE), 0);
	frame_put_typed(frame);
	cr_assert_eq(frame_get_typed(d1, frame, FRAME_L1), 0);
	cr_assert_eq(fake_tlb_flush_count(), flushes + 1, "stale writable translations");
	frame_put_typed(frame);
}

Test(frame_table, type_levels)
{
	cr_assert_eq(frame_type_of_level(1, false), FRAME_L1);
	cr_assert_eq(frame_type_of_level(2, false), FRAME_L2);
	cr_assert_eq(frame_type_of_level(2, true), FRAME_L2_HV);
	cr_assert_eq(frame_type_of_level(3, false), FRAME_L3);
	cr_assert_eq(frame_type_level(FRAME_L1), 1);
	cr_assert_eq(frame_type_level(FRAME_L2_HV), 2);
	cr_assert_eq(frame_type_level(FRAME_L3), 3);
	cr_assert_eq(frame_type_level(FRAME_WRITABLE), 0);
	cr_assert_eq(frame_type_level(FRAME_SEG_DESC), 0);
	cr_assert_eq(frame_type_level(FRAME_NONE), 0);
}

Test(frame_table, shared_info_is_never_a_table)
{
	cr_assert_eq(info_of(d1->shared_info_frame)->type, FRAME_WRITABLE);
	cr_assert_eq(info_of(d1->shared_info_frame)->type_count, 1);
	cr_assert_eq(frame_get_typed(d1, d1->shared_info_frame, FRAME_L1), -EINVAL);
	cr_assert_eq(pin(d1, 1, d1->shared_info_frame), -EINVAL);
	AUDIT_OK();
}

Test(frame_table, teardown_returns_every_frame_with_counts_zero)
{
	uint64_t before = frame_free_count();
	mfn_t frame = page_of(d2, 4);

	domain_shutdown(d2, SHUTDOWN_poweroff);
	cr_assert_eq(frame_free_count(), before + 16 + 1 + 1, "pages, shared_info, p2m array");
	cr_assert_eq(info_of(frame)->owner, DOMID_FREE);
	cr_assert_eq(info_of(frame)->count, 0);
	cr_assert_eq(m2p_lookup(frame), M2P_INVALID);
	AUDIT_OK();
}

Test(frame_table, a_frame_still_mapped_elsewhere_becomes_an_orphan)
{
	mfn_t frame = page_of(d2, 4);
	uint64_t before = frame_free_count();

	cr_assert_eq(frame_get_typed(d2, frame, FRAME_WRITABLE), 0, "as a foreign mapping would");
	domain_shutdown(d2, SHUTDOWN_poweroff);
	cr_assert_eq(info_of(frame)->owner, DOMID_ORPHAN);
	cr_assert_eq(frame_free_count(), before + 15 + 1 + 1);
	cr_assert_eq(frame_get(d1, frame), -EINVAL, "nobody can take an orphan");
	frame_put_typed(frame);
	cr_assert_eq(info_of(frame)->owner, DOMID_FREE, "freed with its last reference");
	cr_assert_eq(frame_free_count(), before + 16 + 1 + 1);
}

Test(frame_table, freeing_a_referenced_frame_is_a_hypervisor_bug)
{
	mfn_t frame = frame_alloc();

	frame_assign(d1, frame);
	FAKE_CATCH_ESCAPE(frame_free(frame));
	cr_assert_eq(fake_escape_taken(), FAKE_ESCAPE_STOP);
	cr_assert_eq(fake_machine_status(), MACHINE_PANIC);
	cr_assert(fake_console_contains("check failed"), "%s", fake_console_text());
}

Test(frame_table, populate_records_the_m2p)
{
	for (uint64_t i = 0; i < d1->nr_pages; i++) {
		cr_assert_eq(m2p_lookup(page_of(d1, i)), i);
	}
	cr_assert_eq(m2p_lookup(d1->shared_info_frame), M2P_INVALID);
	cr_assert_eq(m2p_lookup(m2p_frame(0)), M2P_INVALID);
}
