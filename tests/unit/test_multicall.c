/*
 * test_multicall.c: the multicall hypercall (core/multicall.c): calls in order with their
 * results written back and nothing else, 2048 page-table updates in one call, nesting,
 * counts and bad arrays, and a call that stops the domain ending the batch.
 */
#include <criterion/criterion.h>

#include "fake.h"

#include "arch/config.h"
#include "frame_alloc.h"
#include "pt_audit.h"
#include "pt_fixture.h"
#include "public/errno.h"
#include "public/memory.h"
#include "public/sched.h"

static struct domain *d1;
static struct tree t;

static void setup(void)
{
	fixture_boot();
	d1 = fixture_domain(1, false, 2200);
	tree_write(d1, &t);
	cr_assert_eq(new_base(d1, t.l3), 0);
}

TestSuite(multicall, .init = setup);

#define AUDIT_OK() cr_assert_null(pt_audit(), "%s", pt_audit())

/* The calls live after the first page of the guest buffer (arguments go in the first). */
#define CALLS_OFFSET PAGE_SIZE
#define CALLS_VA (GUEST_BUF_VA + CALLS_OFFSET)

static struct multicall_entry *call(unsigned int i)
{
	return (struct multicall_entry *)guest_buf(CALLS_OFFSET) + i;
}

static void call_set(unsigned int i, unsigned long op, unsigned long a0, unsigned long a1,
		     unsigned long a2)
{
	*call(i) = (struct multicall_entry){.op = op, .result = 0x5a5a, .args = {a0, a1, a2, 7}};
}

static long multicall(unsigned long va, unsigned long count)
{
	return hcall(d1, __HYPERVISOR_multicall, va, count, 0, 0);
}

Test(multicall, runs_in_order_and_writes_results_only)
{
	*(domid_t *)guest_buf(0) = DOMID_SELF;
	call_set(0, __HYPERVISOR_vm_assist, VMASST_CMD_enable, VMASST_TYPE_pae_extended_cr3, 0);
	call_set(1, 63, 0, 0, 0);
	call_set(2, __HYPERVISOR_memory_op, XENMEM_current_reservation, GUEST_BUF_VA, 0);
	call_set(3, __HYPERVISOR_vm_assist, VMASST_CMD_enable, VMASST_TYPE_writable_pagetables, 0);
	cr_assert_eq(multicall(CALLS_VA, 4), 0);
	cr_assert_eq(call(0)->result, 0);
	cr_assert_eq((long)call(1)->result, -ENOSYS);
	cr_assert_eq(call(2)->result, 2200);
	cr_assert_eq((long)call(3)->result, -EINVAL, "a failing call does not stop the batch");
	cr_assert_eq(call(2)->op, __HYPERVISOR_memory_op);
	cr_assert_eq(call(2)->args[3], 7, "arguments are left alone");
	cr_assert_eq(d1->vm_assist, 1UL << VMASST_TYPE_pae_extended_cr3);
}

Test(multicall, two_thousand_and_forty_eight_page_table_updates)
{
	/* Off the tree, the guest may write it; eight more L1s under the L2 cover 2048 pages. */
	cr_assert_eq(new_base(d1, page_of(d1, 20)), 0);
	for (unsigned int l = 0; l < 8; l++) {
		entry_write(t.l2, 8 + l, table_entry(page_of(d1, 3 + l), 2));
	}
	cr_assert_eq(new_base(d1, t.l3), 0, "revalidated with the new L1s");
	for (unsigned int i = 0; i < 2048; i++) {
		uint64_t va = tree_va(0, 8 + i / FAKE_L1_ENTRIES, i % FAKE_L1_ENTRIES);

		call_set(i, __HYPERVISOR_update_va_mapping, va,
			 leaf_entry(page_of(d1, 100 + i), true).value, UVMF_NONE);
	}
	cr_assert_eq(multicall(CALLS_VA, 2048), 0);
	for (unsigned int i = 0; i < 2048; i++) {
		cr_assert_eq(call(i)->result, 0, "call %u", i);
		cr_assert_eq(info_of(page_of(d1, 100 + i))->type_count, 1);
	}
	AUDIT_OK();
}

Test(multicall, nested_multicall_is_refused_in_place)
{
	call_set(0, __HYPERVISOR_multicall, CALLS_VA, 1, 0);
	call_set(1, __HYPERVISOR_vm_assist, VMASST_CMD_enable, VMASST_TYPE_4gb_segments, 0);
	cr_assert_eq(multicall(CALLS_VA, 2), 0);
	cr_assert_eq((long)call(0)->result, -EINVAL);
	cr_assert_eq(call(1)->result, 0);
	cr_assert_not(d1->vcpu[0].in_multicall);
}

Test(multicall, counts_and_bad_arrays)
{
	cr_assert_eq(multicall(CALLS_VA, 0), 0);
	cr_assert_eq(multicall(GUEST_UNMAPPED_VA, 1), -EFAULT);
	cr_assert_eq(multicall(ARCH_GUEST_VA_LIMIT, 1), -EFAULT);
	cr_assert_eq(multicall(CALLS_VA, 1UL << 31), -EFAULT);
	cr_assert_eq(multicall(GUEST_UNMAPPED_VA, 1UL << 31), -EFAULT);
	cr_assert_eq(multicall(CALLS_VA, ~0U), -EFAULT);
	cr_assert_not(d1->vcpu[0].in_multicall);
}

Test(multicall, runs_up_to_the_unreadable_entry)
{
	size_t first = GUEST_BUF_PAGES * PAGE_SIZE - 3 * sizeof(struct multicall_entry);
	struct multicall_entry *calls = guest_buf(first);

	for (unsigned int i = 0; i < 3; i++) {
		calls[i] = (struct multicall_entry){
		    .op = __HYPERVISOR_vm_assist,
		    .result = 99,
		    .args = {VMASST_CMD_enable, VMASST_TYPE_architectural_iopl}};
	}
	cr_assert_eq(multicall(GUEST_BUF_VA + first, 5), -EFAULT);
	cr_assert_eq(calls[2].result, 0, "the readable calls ran");
}

Test(multicall, a_call_that_stops_the_domain_ends_the_batch)
{
	uint64_t before = frame_free_count();

	*(uint32_t *)guest_buf(0) = SHUTDOWN_poweroff;
	call_set(0, __HYPERVISOR_sched_op, SCHEDOP_shutdown, GUEST_BUF_VA, 0);
	call_set(1, __HYPERVISOR_vm_assist, VMASST_CMD_enable, VMASST_TYPE_4gb_segments, 0);
	cr_assert_eq(multicall(CALLS_VA, 2), 0);
	cr_assert(d1->dying);
	cr_assert_eq(call(0)->result, 0x5a5a, "nothing written after the domain stopped");
	cr_assert_eq(call(1)->result, 0x5a5a, "nor run");
	cr_assert_eq(frame_free_count(), before + 2200 + 5 + 1, "its memory is back");
}
