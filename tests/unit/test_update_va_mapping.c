/*
 * test_update_va_mapping.c: update_va_mapping and update_va_mapping_otherdomain
 * (core/update_va_mapping.c, core/pt_update.c's walk): the entry found through the
 * caller's base table, the flush flags, and every refusal changing nothing.
 */
#include <criterion/criterion.h>

#include "fake.h"

#include "arch/config.h"
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
	cr_assert_eq(new_base(d1, t.l3), 0);
}

TestSuite(update_va_mapping, .init = setup);

#define AUDIT_OK() cr_assert_null(pt_audit(), "%s", pt_audit())

static long uvm(struct domain *d, uint64_t va, pte_t pte, unsigned long flags)
{
	return hcall(d, __HYPERVISOR_update_va_mapping, va, pte.value, flags, 0xbad);
}

static long uvm_other(struct domain *d, uint64_t va, pte_t pte, unsigned long flags,
		      unsigned long domid)
{
	return hcall(d, __HYPERVISOR_update_va_mapping_otherdomain, va, pte.value, flags, domid);
}

static void refused(long rc, long expected, struct pt_snapshot *before)
{
	bool same = pt_snapshot_same(before);

	pt_snapshot_free(before);
	cr_assert_eq(rc, expected, "rc %ld, expected %ld", rc, expected);
	cr_assert(same, "a refused update changed something");
	AUDIT_OK();
}

Test(update_va_mapping, maps_through_the_base_table)
{
	pte_t pte = leaf_entry(page_of(d1, 20), true);

	cr_assert_eq(uvm(d1, tree_va(0, 0, 20), pte, UVMF_NONE), 0);
	cr_assert_eq(entry_read(t.l1, 20).value, pte.value);
	cr_assert_eq(info_of(page_of(d1, 20))->type_count, 1);
	cr_assert_eq(uvm(d1, tree_va(0, 0, 20) + 0x123, (pte_t){0}, UVMF_NONE), 0,
		     "any address in the page");
	cr_assert_eq(info_of(page_of(d1, 20))->count, 1);
	AUDIT_OK();
}

Test(update_va_mapping, flush_flags)
{
	pte_t pte = leaf_entry(page_of(d1, 21), false);
	unsigned long *mask = guest_buf(0);
	unsigned int flushes = fake_tlb_flush_count();
	unsigned int invlpgs = fake_tlb_invlpg_count();

	cr_assert_eq(uvm(d1, tree_va(0, 0, 21), pte, UVMF_INVLPG), 0);
	cr_assert_eq(fake_tlb_last_invlpg(), tree_va(0, 0, 21));
	cr_assert_eq(uvm(d1, tree_va(0, 0, 22), pte, UVMF_INVLPG | UVMF_ALL), 0);
	cr_assert_eq(fake_tlb_last_invlpg(), tree_va(0, 0, 22));
	cr_assert_eq(uvm(d1, tree_va(0, 0, 23), pte, UVMF_TLB_FLUSH), 0);
	cr_assert_eq(uvm(d1, tree_va(0, 0, 24), pte, UVMF_TLB_FLUSH | UVMF_ALL), 0);
	*mask = 1;
	cr_assert_eq(uvm(d1, tree_va(0, 0, 25), pte, UVMF_TLB_FLUSH | GUEST_BUF_VA), 0);
	*mask = 0;
	cr_assert_eq(uvm(d1, tree_va(0, 0, 26), pte, UVMF_INVLPG | GUEST_BUF_VA), 0);
	cr_assert_eq(fake_tlb_flush_count(), flushes + 3);
	cr_assert_eq(fake_tlb_invlpg_count(), invlpgs + 2);
	AUDIT_OK();
}

Test(update_va_mapping, bad_flags_change_nothing)
{
	pte_t pte = leaf_entry(page_of(d1, 21), false);
	uint64_t va = tree_va(0, 0, 21);

	refused(uvm(d1, va, pte, 3), -EINVAL, pt_snapshot_take());
	refused(uvm(d1, va, pte, 3 | UVMF_ALL), -EINVAL, pt_snapshot_take());
	refused(uvm(d1, va, pte, UVMF_NONE | UVMF_ALL), -EINVAL, pt_snapshot_take());
	refused(uvm(d1, va, pte, UVMF_INVLPG | GUEST_UNMAPPED_VA), -EFAULT, pt_snapshot_take());
	refused(uvm(d1, va, pte, UVMF_TLB_FLUSH | ARCH_GUEST_VA_LIMIT), -EFAULT,
		pt_snapshot_take());
}

Test(update_va_mapping, addresses_that_do_not_lead_to_an_l1)
{
	pte_t pte = leaf_entry(page_of(d1, 21), false);

	refused(uvm(d1, tree_va(0, 1, 0), pte, 0), -EINVAL, pt_snapshot_take()); /* no L1 */
	refused(uvm(d1, tree_va(1, 0, 0), pte, 0), -EINVAL, pt_snapshot_take()); /* no L2 */
	refused(uvm(d1, ARCH_GUEST_VA_LIMIT, pte, 0), -EINVAL, pt_snapshot_take());
	refused(uvm(d1, ARCH_HYPERVISOR_VIRT_START + 0x1000, pte, 0), -EINVAL, pt_snapshot_take());
	refused(uvm(d1, ~0UL, pte, 0), -EINVAL, pt_snapshot_take());
	refused(uvm(d2, 0, pte, 0), -EINVAL, pt_snapshot_take()); /* no base at all */
}

Test(update_va_mapping, refused_entries_change_nothing)
{
	uint64_t va = tree_va(0, 0, 30);

	refused(uvm(d1, va, leaf_entry(page_of(d2, 0), false), 0), -EBUSY, pt_snapshot_take());
	refused(uvm(d1, va, leaf_entry(t.l1, true), UVMF_INVLPG), -EBUSY, pt_snapshot_take());
	refused(uvm(d1, va, leaf_entry(mfn(1), false), 0), -EPERM, pt_snapshot_take());
	refused(uvm(d1, va, (pte_t){leaf_entry(page_of(d1, 30), 0).value | FAKE_PTE_UNCACHED}, 0),
		-EINVAL, pt_snapshot_take());
}

Test(update_va_mapping, the_page_tables_own_mapping_is_read_only)
{
	cr_assert_eq(uvm(d1, tree_va(0, 0, 40), leaf_entry(t.l1, false), 0), 0);
	refused(uvm(d1, tree_va(0, 0, 40), leaf_entry(t.l1, true), 0), -EBUSY, pt_snapshot_take());
}

Test(update_va_mapping, otherdomain)
{
	struct tree t0;
	uint64_t va = tree_va(0, 0, 30);

	cr_assert_eq(uvm_other(d1, va, leaf_entry(page_of(d2, 0), 0), 0, 2), -EPERM);
	cr_assert_eq(uvm_other(d1, va, leaf_entry(page_of(d1, 30), 0), 0, 9), -ESRCH);
	cr_assert_eq(uvm_other(d1, va, leaf_entry(page_of(d1, 30), 0), 0, 1), -ESRCH);
	cr_assert_eq(uvm_other(d1, va, leaf_entry(page_of(d1, 30), 0), 0, DOMID_SELF), 0,
		     "DOMID_SELF is allowed, as Xen allows it");
	tree_write(d0, &t0);
	cr_assert_eq(new_base(d0, t0.l3), 0);
	cr_assert_eq(uvm_other(d0, va, leaf_entry(page_of(d2, 5), true), UVMF_INVLPG, 2), 0);
	cr_assert_eq(entry_read(t0.l1, 30).value, leaf_entry(page_of(d2, 5), true).value);
	cr_assert_eq(fake_tlb_last_invlpg(), va);
	AUDIT_OK();
}

Test(update_va_mapping, follows_a_changed_level_2_entry)
{
	/* pt_update.c keeps the level-1 table of the last address: a change above must show. */
	mfn_t new_l1 = page_of(d1, 3);
	pte_t first = leaf_entry(page_of(d1, 20), false);
	pte_t second = leaf_entry(page_of(d1, 21), false);
	uint64_t va = tree_va(0, 0, 30);

	/* Both tables pinned: the switch validates and devalidates nothing. */
	cr_assert_eq(pin(d1, 1, t.l1), 0);
	cr_assert_eq(pin(d1, 1, new_l1), 0);
	cr_assert_eq(uvm(d1, va, first, UVMF_NONE), 0);
	cr_assert_eq(mmu_one(d1, maddr_value(entry_addr(t.l2, 0)), table_entry(new_l1, 2).value),
		     0);
	cr_assert_eq(uvm(d1, va, second, UVMF_NONE), 0);
	cr_assert_eq(entry_read(new_l1, 30).value, second.value, "the new table has the entry");
	cr_assert_eq(entry_read(t.l1, 30).value, first.value, "the old one is left alone");
	AUDIT_OK();
}

/*
 * Updates in the level-1 table the last one went through (update_va_mapping.c's fast path,
 * pt_leaf.h): whatever it does not take, mm_update_va decides as it would have, a last
 * type reference dropped, a refused value changing nothing.
 */
Test(update_va_mapping, updates_leaving_the_fast_path)
{
	mfn_t a = page_of(d1, 50);
	mfn_t b = page_of(d1, 51);
	uint32_t a_count = info_of(a)->count;
	uint32_t b_count = info_of(b)->count;
	uint64_t va = tree_va(0, 0, 31);

	cr_assert_eq(uvm(d1, va, leaf_entry(a, true), UVMF_INVLPG), 0);
	cr_assert_eq(uvm(d1, va, leaf_entry(b, true), UVMF_INVLPG), 0);
	cr_assert_eq(info_of(a)->type_count, 0, "the last writable mapping went");
	cr_assert_eq(info_of(a)->count, a_count);
	cr_assert_eq(info_of(b)->type_count, 1);
	cr_assert_eq(uvm(d1, va, leaf_entry(b, true), UVMF_INVLPG), 0, "the same value again");
	cr_assert_eq(info_of(b)->type_count, 1);
	cr_assert_eq(info_of(b)->count, b_count + 1);
	cr_assert_eq(uvm(d1, va + PAGE_SIZE, leaf_entry(b, false), UVMF_NONE), 0);
	refused(uvm(d1, va, leaf_entry(page_of(d2, 0), true), 0), -EBUSY, pt_snapshot_take());
	refused(uvm(d1, va, leaf_entry(t.l1, true), 0), -EBUSY, pt_snapshot_take());
	refused(uvm(d1, va, leaf_entry(mfn(1), false), 0), -EPERM, pt_snapshot_take());
	cr_assert_eq(uvm(d1, va, (pte_t){0}, UVMF_NONE), 0);
	cr_assert_eq(uvm(d1, va + PAGE_SIZE, (pte_t){0}, UVMF_NONE), 0);
	cr_assert_eq(info_of(b)->count, b_count, "every reference back");
	cr_assert_eq(info_of(b)->type_count, 0);
	AUDIT_OK();
}
