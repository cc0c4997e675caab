/*
 * test_mmu_update.c: the mmu_update hypercall (core/mmu_update.c, core/pt_update.c), called
 * as the arch calls it, with its request array in guest memory.
 *
 * Entry updates at every level with the references moving from the old value to the new,
 * PRESERVE_AD, MACHPHYS_UPDATE; counts 0, 1, 2048 and 2^31; bad, unmapped and hypervisor
 * pointers; a batch stopping at its first failure with `done` saying where, also after
 * leaving and rejoining the fast run of level-1 updates; foreigndom for
 * privileged and unprivileged callers; every refused request changing nothing.
 */
#include <criterion/criterion.h>

#include "fake.h"

#include "arch/config.h"
#include "frame_alloc.h"
#include "m2p.h"
#include "pt_audit.h"
#include "pt_fixture.h"
#include "public/errno.h"
#include "public/sched.h"

static struct domain *d0;
static struct domain *d1;
static struct domain *d2;
static struct tree t;

static void setup(void)
{
	fixture_boot();
	d0 = fixture_domain(0, true, 64);
	d1 = fixture_domain(1, false, 2200);
	d2 = fixture_domain(2, false, 16);
	tree_write(d1, &t);
	cr_assert_eq(pin(d1, 3, t.l3), 0);
	/* The request array in place, as on both arches (copied: the suite below). */
	fake_guest_views(true);
}

TestSuite(mmu_update, .init = setup);

#define AUDIT_OK() cr_assert_null(pt_audit(), "%s", pt_audit())

static uint64_t ptr_of(mfn_t table, unsigned int index, unsigned int cmd)
{
	return maddr_value(entry_addr(table, index)) | cmd;
}

static struct mmu_update *req(unsigned int i)
{
	return (struct mmu_update *)guest_buf(0) + i;
}

/* A one-request update that must be refused with `expected` and change nothing. */
static void refused(struct domain *d, uint64_t ptr, uint64_t val, long expected)
{
	struct pt_snapshot *before = pt_snapshot_take();
	long rc = mmu_one(d, ptr, val);
	bool same = pt_snapshot_same(before);

	pt_snapshot_free(before);
	cr_assert_eq(rc, expected, "rc %ld, expected %ld", rc, expected);
	cr_assert(same, "a refused update changed something");
	cr_assert_eq(guest_done(), 0);
	AUDIT_OK();
}

static void maps_a_page_and_moves_references(void)
{
	mfn_t page = page_of(d1, 20);

	cr_assert_eq(mmu_one(d1, ptr_of(t.l1, 20, 0), leaf_entry(page, true).value), 0);
	cr_assert_eq(guest_done(), 1);
	cr_assert_eq(entry_read(t.l1, 20).value, leaf_entry(page, true).value);
	cr_assert_eq(info_of(page)->type, FRAME_WRITABLE);
	cr_assert_eq(info_of(page)->count, 2);
	AUDIT_OK();
	cr_assert_eq(mmu_one(d1, ptr_of(t.l1, 20, 0), leaf_entry(page_of(d1, 21), false).value), 0);
	cr_assert_eq(info_of(page)->count, 1, "the old entry's references are released");
	cr_assert_eq(info_of(page)->type_count, 0);
	cr_assert_eq(mmu_one(d1, ptr_of(t.l1, 20, 0), 0), 0);
	cr_assert_eq(info_of(page_of(d1, 21))->count, 1);
	AUDIT_OK();
}

Test(mmu_update, non_present_values_are_stored_as_given)
{
	cr_assert_eq(mmu_one(d1, ptr_of(t.l1, 16, 0), 0x1234000ULL | FAKE_PTE_UNCACHED), 0);
	cr_assert_eq(entry_read(t.l1, 16).value, 0x1234000ULL | FAKE_PTE_UNCACHED);
	cr_assert_eq(info_of(page_of(d1, 16))->type_count, 0);
	AUDIT_OK();
}

Test(mmu_update, higher_levels_validate_the_new_table_and_flush_once)
{
	mfn_t l1 = page_of(d1, 4);
	unsigned int flushes = fake_tlb_flush_count();

	entry_write(l1, 0, leaf_entry(page_of(d1, 30), true));
	*req(0) = (struct mmu_update){ptr_of(t.l2, 1, 0), table_entry(l1, 2).value};
	*req(1) = (struct mmu_update){ptr_of(t.l2, 2, 0), table_entry(l1, 2).value};
	cr_assert_eq(mmu_update_buf(d1, 2, DOMID_SELF), 0);
	cr_assert_eq(guest_done(), 2);
	cr_assert_eq(info_of(l1)->type, FRAME_L1);
	cr_assert_eq(info_of(l1)->type_count, 2);
	cr_assert_eq(fake_tlb_flush_count(), flushes + 1, "one flush for the batch");
	AUDIT_OK();
}

Test(mmu_update, level_one_changes_do_not_flush)
{
	unsigned int flushes = fake_tlb_flush_count();

	cr_assert_eq(mmu_one(d1, ptr_of(t.l1, 40, 0), leaf_entry(page_of(d1, 40), false).value), 0);
	cr_assert_eq(fake_tlb_flush_count(), flushes);
}

Test(mmu_update, rewriting_an_entry_to_the_same_table_keeps_it_validated)
{
	pte_t same = table_entry(t.l1, 2);

	cr_assert_eq(mmu_one(d1, ptr_of(t.l2, 0, 0), same.value | FAKE_PTE_SOFTWARE), 0);
	cr_assert_eq(info_of(t.l1)->type_count, 1);
	cr_assert(info_of(t.l1)->flags & FRAME_VALIDATED);
	cr_assert_eq(info_of(page_of(d1, 16))->type_count, 1);
	AUDIT_OK();
}

/*
 * mmu_update keeps the last table it wrote from one call to the next (pt_update.h): a table
 * unpinned in between is no longer one, and the next write into it is refused.
 */
Test(mmu_update, a_table_devalidated_between_batches_is_refused)
{
	mfn_t l1 = page_of(d1, 4);

	cr_assert_eq(pin(d1, 1, l1), 0);
	cr_assert_eq(mmu_one(d1, ptr_of(l1, 5, 0), leaf_entry(page_of(d1, 30), false).value), 0);
	cr_assert_eq(info_of(page_of(d1, 30))->count, 2);
	cr_assert_eq(unpin(d1, l1), 0);
	cr_assert_eq(info_of(l1)->type_count, 0);
	cr_assert_eq(info_of(page_of(d1, 30))->count, 1, "devalidation released the entry");
	refused(d1, ptr_of(l1, 6, 0), leaf_entry(page_of(d1, 31), false).value, -EINVAL);
	cr_assert_eq(pin(d1, 1, l1), 0, "validated again, the same table takes writes again");
	cr_assert_eq(mmu_one(d1, ptr_of(l1, 6, 0), leaf_entry(page_of(d1, 31), false).value), 0);
	AUDIT_OK();
}

Test(mmu_update, preserve_ad_keeps_the_accessed_and_dirty_bits)
{
	pte_t old = leaf_entry(page_of(d1, 16), true);
	pte_t next = leaf_entry(page_of(d1, 18), true);

	entry_write(t.l1, 16, (pte_t){old.value | FAKE_PTE_ACCESSED | FAKE_PTE_DIRTY});
	cr_assert_eq(mmu_one(d1, ptr_of(t.l1, 16, MMU_PT_UPDATE_PRESERVE_AD), next.value), 0);
	cr_assert_eq(entry_read(t.l1, 16).value, next.value | FAKE_PTE_ACCESSED | FAKE_PTE_DIRTY);
	AUDIT_OK();
}

static void refused_entries(void)
{
	refused(d1, ptr_of(t.l1, 20, 0), leaf_entry(page_of(d2, 1), false).value, -EBUSY);
	refused(d1, ptr_of(t.l1, 20, 0), leaf_entry(t.l2, true).value, -EBUSY);
	refused(d1, ptr_of(t.l1, 20, 0), leaf_entry(m2p_frame(0), false).value, -EBUSY);
	refused(d1, ptr_of(t.l1, 20, 0), leaf_entry(mfn(1), false).value, -EPERM);
	refused(d1, ptr_of(t.l1, 20, 0),
		leaf_entry(page_of(d1, 20), false).value | FAKE_PTE_UNCACHED, -EINVAL);
	refused(d1, ptr_of(t.l2, 3, 0), table_entry(t.l2, 2).value, -EINVAL);
	refused(d1, ptr_of(t.l2, 3, 0), table_entry(page_of(d2, 3), 2).value, -EINVAL);
	refused(d1, ptr_of(t.l3, 1, 0), table_entry(t.l1, 3).value, -EINVAL);
}

Test(mmu_update, writable_mapping_of_a_page_then_typing_it_fails)
{
	mfn_t page = page_of(d1, 25);

	cr_assert_eq(mmu_one(d1, ptr_of(t.l1, 25, 0), leaf_entry(page, true).value), 0);
	refused(d1, ptr_of(t.l2, 4, 0), table_entry(page, 2).value, -EINVAL);
}

Test(mmu_update, only_validated_tables_of_the_caller)
{
	refused(d1, ptr_of(page_of(d1, 5), 0, 0), 0, -EINVAL);	      /* a plain page */
	refused(d1, ptr_of(page_of(d2, 0), 0, 0), 0, -EINVAL);	      /* another domain's */
	refused(d1, ptr_of(mfn(2), 0, 0), 0, -EINVAL);		      /* not RAM */
	refused(d1, ptr_of(d1->shared_info_frame, 0, 0), 0, -EINVAL); /* writable-typed */
	refused(d1, ptr_of(t.l1, FAKE_L1_ENTRIES, 0), 0, -EINVAL);    /* past the entries */
	refused(d1, ptr_of(t.l3, FAKE_L3_ENTRIES, 0), 0, -EINVAL);
	cr_assert_eq(unpin(d1, t.l3), 0);
	refused(d1, ptr_of(t.l1, 0, 0), 0, -EINVAL); /* a table no more */
}

static void misaligned_pointers_are_unknown_commands(void)
{
	refused(d1, ptr_of(t.l1, 20, 0) + 3, 0, -ENOSYS);
	refused(d1, ptr_of(t.l1, 20, 0) + 4, 0, -ENOSYS);
	refused(d1, ptr_of(t.l1, 20, 0) + 7, 0, -ENOSYS);
}

Test(mmu_update, count_zero_and_null_done)
{
	cr_assert_eq(mmu_update_buf(d1, 0, DOMID_SELF), 0);
	cr_assert_eq(guest_done(), 0);
	*req(0) = (struct mmu_update){ptr_of(t.l1, 20, 0), leaf_entry(page_of(d1, 20), 0).value};
	cr_assert_eq(hcall(d1, __HYPERVISOR_mmu_update, GUEST_BUF_VA, 1, 0, DOMID_SELF), 0);
	cr_assert_eq(hcall(d1, __HYPERVISOR_mmu_update, 0, 0, 0, DOMID_SELF), 0);
	AUDIT_OK();
}

Test(mmu_update, bad_arrays_are_efault)
{
	unsigned long limit = ARCH_GUEST_VA_LIMIT;

	cr_assert_eq(hcall(d1, __HYPERVISOR_mmu_update, GUEST_UNMAPPED_VA, 1, 0, DOMID_SELF),
		     -EFAULT);
	cr_assert_eq(hcall(d1, __HYPERVISOR_mmu_update, limit, 1, 0, DOMID_SELF), -EFAULT);
	cr_assert_eq(hcall(d1, __HYPERVISOR_mmu_update, limit - 8, 1, 0, DOMID_SELF), -EFAULT);
	cr_assert_eq(hcall(d1, __HYPERVISOR_mmu_update, GUEST_UNMAPPED_VA, 1U << 31, 0, DOMID_SELF),
		     -EFAULT);
	cr_assert_eq(hcall(d1, __HYPERVISOR_mmu_update, GUEST_BUF_VA, 1U << 31, 0, DOMID_SELF),
		     -EFAULT);
	cr_assert_eq(hcall(d1, __HYPERVISOR_mmu_update, GUEST_BUF_VA, ~0U, 0, DOMID_SELF), -EFAULT);
	AUDIT_OK();
}

static void batch_stopping_at_its_first_failure(void)
{
	for (unsigned int i = 0; i < 5; i++) {
		*req(i) = (struct mmu_update){ptr_of(t.l1, 50 + i, 0),
					      leaf_entry(page_of(d1, 50 + i), true).value};
	}
	req(2)->val = leaf_entry(page_of(d2, 0), true).value;
	cr_assert_eq(mmu_update_buf(d1, 5, DOMID_SELF), -EBUSY);
	cr_assert_eq(guest_done(), 2);
	cr_assert(arch_pte_present(entry_read(t.l1, 51), 1));
	cr_assert_not(arch_pte_present(entry_read(t.l1, 52), 1));
	cr_assert_not(arch_pte_present(entry_read(t.l1, 53), 1), "nothing after the failure");
	AUDIT_OK();
}

/*
 * One batch through the fast run and out of it and back: a last type reference dropped
 * (the slow path ends the run after its request), and a failure with `done` exact.
 */
static void batch_leaving_and_rejoining_the_fast_run(void)
{
	mfn_t a = page_of(d1, 200);
	mfn_t b = page_of(d1, 201);
	uint32_t a_count = info_of(a)->count;
	uint32_t b_count = info_of(b)->count;

	*req(0) = (struct mmu_update){ptr_of(t.l1, 70, 0), leaf_entry(a, true).value};
	*req(1) = (struct mmu_update){ptr_of(t.l1, 71, 0), leaf_entry(a, true).value};
	*req(2) = (struct mmu_update){ptr_of(t.l1, 70, 0), leaf_entry(b, false).value};
	*req(3) = (struct mmu_update){ptr_of(t.l1, 71, 0), 0};
	*req(4) = (struct mmu_update){ptr_of(t.l1, 72, 0), leaf_entry(b, false).value};
	*req(5) = (struct mmu_update){ptr_of(t.l1, 73, 0), leaf_entry(page_of(d2, 0), false).value};
	cr_assert_eq(mmu_update_buf(d1, 6, DOMID_SELF), -EBUSY);
	cr_assert_eq(guest_done(), 5);
	cr_assert_eq(info_of(a)->count, a_count);
	cr_assert_eq(info_of(a)->type_count, 0, "the last writable mapping went");
	cr_assert_eq(info_of(b)->count, b_count + 2);
	cr_assert_eq(entry_read(t.l1, 70).value, leaf_entry(b, false).value);
	cr_assert_not(arch_pte_present(entry_read(t.l1, 71), 1));
	cr_assert_eq(entry_read(t.l1, 72).value, leaf_entry(b, false).value);
	cr_assert_not(arch_pte_present(entry_read(t.l1, 73), 1));
	AUDIT_OK();
}

Test(mmu_update, a_batch_running_into_unmapped_memory)
{
	/* 40 requests ending where the guest buffer ends: the rest is unmapped. */
	size_t first = GUEST_BUF_PAGES * PAGE_SIZE - 40 * sizeof(struct mmu_update);
	struct mmu_update *reqs = guest_buf(first);

	for (unsigned int i = 0; i < 40; i++) {
		reqs[i] = (struct mmu_update){ptr_of(t.l1, 60 + i, 0),
					      leaf_entry(page_of(d1, 60 + i), false).value};
	}
	*(unsigned int *)guest_buf(0) = 0xdeadbeef;
	cr_assert_eq(
	    hcall(d1, __HYPERVISOR_mmu_update, GUEST_BUF_VA + first, 50, GUEST_BUF_VA, DOMID_SELF),
	    -EFAULT);
	cr_assert_eq(*(unsigned int *)guest_buf(0), 40, "every readable request ran");
	cr_assert(arch_pte_present(entry_read(t.l1, 99), 1));
	AUDIT_OK();
}

static void two_thousand_and_forty_eight_updates(void)
{
	/* Eight more L1s under the L2 cover 2048 pages. */
	for (unsigned int l = 0; l < 8; l++) {
		*req(l) = (struct mmu_update){ptr_of(t.l2, 8 + l, 0),
					      table_entry(page_of(d1, 3 + l), 2).value};
	}
	cr_assert_eq(mmu_update_buf(d1, 8, DOMID_SELF), 0);
	for (unsigned int i = 0; i < 2048; i++) {
		mfn_t table = page_of(d1, 3 + i / FAKE_L1_ENTRIES);

		*req(i) = (struct mmu_update){ptr_of(table, i % FAKE_L1_ENTRIES, 0),
					      leaf_entry(page_of(d1, 100 + i), i % 2).value};
	}
	cr_assert_eq(mmu_update_buf(d1, 2048, DOMID_SELF), 0);
	cr_assert_eq(guest_done(), 2048);
	cr_assert_eq(info_of(page_of(d1, 100 + 2047))->type_count, 1);
	cr_assert_eq(info_of(page_of(d1, 100 + 2046))->count, 2);
	AUDIT_OK();
}

Test(mmu_update, a_batch_stops_at_its_first_failure)
{
	batch_stopping_at_its_first_failure();
}

Test(mmu_update, a_batch_leaving_and_rejoining_the_fast_run)
{
	batch_leaving_and_rejoining_the_fast_run();
}

Test(mmu_update, two_thousand_and_forty_eight_updates_in_one_call)
{
	two_thousand_and_forty_eight_updates();
}

/* The same batches with the request array copied: the arch offers no view of it. */
static void setup_copied(void)
{
	setup();
	fake_guest_views(false);
}

TestSuite(mmu_update_copied, .init = setup_copied);

Test(mmu_update_copied, a_batch_stops_at_its_first_failure)
{
	batch_stopping_at_its_first_failure();
}

Test(mmu_update_copied, a_batch_leaving_and_rejoining_the_fast_run)
{
	batch_leaving_and_rejoining_the_fast_run();
}

Test(mmu_update_copied, two_thousand_and_forty_eight_updates_in_one_call)
{
	two_thousand_and_forty_eight_updates();
}

/*
 * Single updates into the table the last one wrote (do_mmu_update's one-request fast
 * path, pt_leaf.h): whatever it does not take, the general path decides as it would have,
 * a last type reference dropped, a slot past the table's entries, a refused value.
 */
static void single_updates_leaving_the_fast_path(void)
{
	mfn_t a = page_of(d1, 210);
	mfn_t b = page_of(d1, 211);
	uint32_t a_count = info_of(a)->count;
	uint32_t b_count = info_of(b)->count;

	cr_assert_eq(mmu_one(d1, ptr_of(t.l1, 80, 0), leaf_entry(a, true).value), 0);
	cr_assert_eq(info_of(a)->type_count, 1);
	cr_assert_eq(mmu_one(d1, ptr_of(t.l1, 80, 0), leaf_entry(b, true).value), 0);
	cr_assert_eq(info_of(a)->type_count, 0, "the last writable mapping went");
	cr_assert_eq(info_of(a)->count, a_count);
	cr_assert_eq(mmu_one(d1, ptr_of(t.l1, 81, 0), leaf_entry(b, false).value), 0);
	cr_assert_eq(info_of(b)->type_count, 1, "a read-only mapping takes no type");
	cr_assert_eq(mmu_one(d1, ptr_of(t.l1, 80, 0), leaf_entry(b, false).value), 0);
	cr_assert_eq(info_of(b)->type_count, 0);
	refused(d1, ptr_of(t.l1, FAKE_L1_ENTRIES, 0), leaf_entry(a, false).value, -EINVAL);
	refused(d1, ptr_of(t.l1, 82, 0), leaf_entry(page_of(d2, 1), true).value, -EBUSY);
	refused(d1, ptr_of(t.l1, 82, 0), leaf_entry(t.l1, true).value, -EBUSY);
	cr_assert_eq(mmu_one(d1, ptr_of(t.l1, 80, 0), 0), 0);
	cr_assert_eq(mmu_one(d1, ptr_of(t.l1, 81, 0), 0), 0);
	cr_assert_eq(info_of(b)->count, b_count, "every reference back");
	AUDIT_OK();
}

Test(mmu_update, machphys_update)
{
	mfn_t page = page_of(d1, 7);

	*req(0) = (struct mmu_update){maddr_value(mfn_to_maddr(page)) | MMU_MACHPHYS_UPDATE, 77};
	cr_assert_eq(mmu_update_buf(d1, 1, DOMID_SELF), 0);
	cr_assert_eq(m2p_lookup(page), 77);
	refused(d1, maddr_value(mfn_to_maddr(page_of(d2, 1))) | MMU_MACHPHYS_UPDATE, 5, -EINVAL);
	refused(d1, maddr_value(mfn_to_maddr(mfn(2))) | MMU_MACHPHYS_UPDATE, 5, -EINVAL);
	refused(d1, maddr_value(mfn_to_maddr(m2p_frame(0))) | MMU_MACHPHYS_UPDATE, 5, -EINVAL);
	AUDIT_OK();
}

Test(mmu_update, foreign_domains_need_privilege)
{
	*req(0) = (struct mmu_update){ptr_of(t.l1, 20, 0), leaf_entry(page_of(d2, 0), 0).value};
	cr_assert_eq(mmu_update_buf(d1, 1, 2), -EPERM);
	cr_assert_eq(mmu_update_buf(d1, 1, 9), -ESRCH, "no such domain");
	cr_assert_eq(mmu_update_buf(d1, 1, 1), -ESRCH, "naming itself by number");
	cr_assert_eq(mmu_update_buf(d1, 1, (2 + 1) << 16 | DOMID_SELF), -EPERM);
	cr_assert_eq(mmu_update_buf(d1, 1, (9 + 1) << 16 | DOMID_SELF), -ESRCH);
	cr_assert_eq(mmu_update_buf(d1, 0, 2), 0, "nothing asked, nothing refused");
	AUDIT_OK();
}

Test(mmu_update, a_privileged_domain_maps_another_domains_page)
{
	struct tree t0;
	mfn_t foreign = page_of(d1, 40);

	tree_write(d0, &t0);
	cr_assert_eq(pin(d0, 3, t0.l3), 0);
	*req(0) = (struct mmu_update){ptr_of(t0.l1, 20, 0), leaf_entry(foreign, true).value};
	cr_assert_eq(mmu_update_buf(d0, 1, 1), 0);
	cr_assert_eq(info_of(foreign)->type_count, 1);
	AUDIT_OK();
	*req(0) = (struct mmu_update){ptr_of(t0.l2, 5, 0), table_entry(page_of(d1, 41), 2).value};
	cr_assert_eq(mmu_update_buf(d0, 1, 1), -EINVAL, "tables stay the table owner's");
	*req(0) = (struct mmu_update){maddr_value(mfn_to_maddr(foreign)) | MMU_MACHPHYS_UPDATE, 3};
	cr_assert_eq(mmu_update_buf(d0, 1, 1), 0, "pg_owner's frame");
	cr_assert_eq(m2p_lookup(foreign), 3);
	cr_assert_eq(mmu_update_buf(d0, 1, (1 + 1) << 16 | 1), -EPERM,
		     "MACHPHYS_UPDATE with a foreign table owner");
}

Test(mmu_update, a_privileged_domain_edits_another_domains_tables)
{
	*req(0) = (struct mmu_update){ptr_of(t.l1, 33, 0), leaf_entry(page_of(d1, 33), 1).value};
	cr_assert_eq(mmu_update_buf(d0, 1, (1 + 1) << 16 | 1), 0);
	cr_assert(arch_pte_present(entry_read(t.l1, 33), 1));
	cr_assert_eq(mmu_update_buf(d0, 1, DOMID_SELF), -EINVAL, "not dom0's table");
	AUDIT_OK();
}

Test(mmu_update, teardown_with_a_foreign_mapping_leaves_an_orphan_until_unmapped)
{
	struct tree t0;
	mfn_t foreign = page_of(d2, 3);
	uint64_t free_before;

	tree_write(d0, &t0);
	cr_assert_eq(pin(d0, 3, t0.l3), 0);
	*req(0) = (struct mmu_update){ptr_of(t0.l1, 20, 0), leaf_entry(foreign, true).value};
	cr_assert_eq(mmu_update_buf(d0, 1, 2), 0);
	free_before = frame_free_count();
	domain_shutdown(d2, SHUTDOWN_poweroff);
	cr_assert_eq(info_of(foreign)->owner, DOMID_ORPHAN);
	AUDIT_OK();
	cr_assert_eq(mmu_one(d0, ptr_of(t0.l1, 20, 0), 0), 0);
	cr_assert_eq(info_of(foreign)->owner, DOMID_FREE);
	cr_assert_eq(frame_free_count(), free_before + 16 + 1 + 1);
	AUDIT_OK();
}

/*
 * The single-update tests again, run as x86's entry runs a single request it read itself
 * (mmu_update_peeked): the same results, `done` included.
 */
static void setup_peeked(void)
{
	setup();
	fixture_mmu_peeked = true;
}

static void teardown_peeked(void)
{
	fixture_mmu_peeked = false;
}

TestSuite(mmu_update_peeked, .init = setup_peeked, .fini = teardown_peeked);

#define BOTH_WAYS(name)               \
	Test(mmu_update, name)        \
	{                             \
		name();               \
	}                             \
	Test(mmu_update_peeked, name) \
	{                             \
		name();               \
	}

BOTH_WAYS(maps_a_page_and_moves_references)
BOTH_WAYS(refused_entries)
BOTH_WAYS(misaligned_pointers_are_unknown_commands)
BOTH_WAYS(single_updates_leaving_the_fast_path)
