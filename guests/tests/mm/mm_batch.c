/*
 * mm_batch.c: batching, the point of the paper's interface: 2048 PTE updates in one
 * mmu_update and in one multicall, batches that stop part way (Xen's `done` semantics),
 * and the counts 0, 1 and 2^31.
 */
#include "mm_common.h"

#define BATCH 2048

static struct mmu_update requests[BATCH];
static struct multicall_entry calls[BATCH];

/* Entry i of the batch maps scratch slot i % 512 to data page i % DATA_PAGES. */
static uint64_t batch_pte(unsigned int i)
{
	return pte_page(frame_of(data_pages[(i * 7) % DATA_PAGES]), 0);
}

static void expect_final_mappings(const struct scratch *s)
{
	/* The last round (i = 1536 .. 2047) is what stays. */
	for (unsigned int slot = 0; slot < 512; slot += 31) {
		unsigned int i = 3 * 512 + slot;

		EXPECT_EQ(word_at(s->va + slot * PAGE_SIZE), 0xda7a0000 + (i * 7) % DATA_PAGES);
	}
}

TEST(mm_mmu_update_2048)
{
	struct scratch s;
	unsigned int done = 0;

	data_pages_tag();
	if (!scratch_build(&s, 2)) {
		return;
	}
	for (unsigned int i = 0; i < BATCH; i++) {
		requests[i] = (struct mmu_update){
		    .ptr = (s.l1_mfn << PAGE_SHIFT) + (i % 512) * 8 + MMU_NORMAL_PT_UPDATE,
		    .val = batch_pte(i),
		};
	}
	EXPECT_EQ(HYPERVISOR_mmu_update(requests, BATCH, &done, DOMID_SELF), 0);
	EXPECT_EQ(done, BATCH);
	expect_final_mappings(&s);
	scratch_destroy(&s);
}

TEST(mm_multicall_2048)
{
	struct scratch s;

	data_pages_tag();
	if (!scratch_build(&s, 3)) {
		return;
	}
	for (unsigned int i = 0; i < BATCH; i++) {
		multicall_update_va_mapping(&calls[i], s.va + (i % 512) * PAGE_SIZE, batch_pte(i),
					    i == BATCH - 1 ? UVMF_TLB_FLUSH : UVMF_NONE);
		calls[i].result = 0xbad;
	}
	EXPECT_EQ(HYPERVISOR_multicall(calls, BATCH), 0);
	for (unsigned int i = 0; i < BATCH; i++) {
		if (calls[i].result != 0) {
			EXPECT_EQ(calls[i].result, 0);
			break;
		}
	}
	expect_final_mappings(&s);
	scratch_destroy(&s);
}

TEST(mm_multicall_mixed)
{
	unsigned int done = 0;
	struct mmu_update update = {
	    .ptr = (frame_of(data_pages[2]) << PAGE_SHIFT) | MMU_MACHPHYS_UPDATE,
	    .val = mmu_mfn_to_pfn(frame_of(data_pages[2])),
	};
	struct multicall_entry mixed[4];

	multicall_mmu_update(&mixed[0], &update, 1, &done, DOMID_SELF);
	mixed[1] =
	    (struct multicall_entry){.op = __HYPERVISOR_xen_version, .args = {XENVER_pagesize}};
	mixed[2] = (struct multicall_entry){.op = 63}; /* no such hypercall */
	mixed[3] = (struct multicall_entry){.op = __HYPERVISOR_multicall,
					    .args = {(unsigned long)mixed, 1}};
	EXPECT_EQ(HYPERVISOR_multicall(mixed, 4), 0);
	EXPECT_EQ(mixed[0].result, 0);
	EXPECT_EQ(done, 1);
	EXPECT_EQ(mixed[1].result, 4096);
	EXPECT_EQ((long)mixed[2].result, -ENOSYS);
	EXPECT_EQ((long)mixed[3].result, -EINVAL); /* no multicall inside a multicall */
}

TEST(mm_batch_stops_at_failure)
{
	struct scratch s;
	unsigned int done = 99;
	struct mmu_update three[3];

	data_pages_tag();
	if (!scratch_build(&s, 4)) {
		return;
	}
	three[0] = (struct mmu_update){s.l1_mfn << PAGE_SHIFT, batch_pte(0)};
	three[1] =
	    (struct mmu_update){(s.l1_mfn << PAGE_SHIFT) + 8, pte_page(hypervisor_frame(), 0)};
	three[2] = (struct mmu_update){(s.l1_mfn << PAGE_SHIFT) + 16, batch_pte(2)};
	EXPECT_EQ(HYPERVISOR_mmu_update(three, 3, &done, DOMID_SELF), -EBUSY);
	EXPECT_EQ(done, 1);
	/* The first request took effect, the others did not. */
	EXPECT_EQ(s.l1[0], batch_pte(0));
	EXPECT_EQ(s.l1[1], 0);
	EXPECT_EQ(s.l1[2], 0);
	scratch_destroy(&s);
}

/*
 * Places one entry at the very end of a page mapped (read-only) in scratch slot 2, so that
 * entry 1 of an array starting there is in slot 3, unmapped, and returns its address. On a 32-bit
 * arch a count of 2^31 is refused by the range check before anything runs; on a 64-bit
 * one the range is plausible, and the batch must stop at the first unreadable entry.
 * Either way: -EFAULT, and the hypervisor carries on.
 */
static unsigned long entry_at_page_end(const struct scratch *s, const void *entry, size_t size)
{
	uint8_t *backing = (uint8_t *)data_pages[9];

	memcpy(backing + PAGE_SIZE - size, entry, size);
	mmu_queue_entry(s->va + 2 * PAGE_SIZE, 1, pte_page(frame_of(backing), 0));
	EXPECT_EQ(mmu_flush(), 0);
	EXPECT_EQ(mmu_invlpg(s->va + 2 * PAGE_SIZE), 0);
	return s->va + 3 * PAGE_SIZE - size;
}

TEST(mm_counts_0_1_2_31)
{
	struct scratch s;
	unsigned int done = 99;
	struct mmuext_op flush = {.cmd = MMUEXT_TLB_FLUSH_LOCAL};
	struct multicall_entry call = {.op = __HYPERVISOR_xen_version, .args = {XENVER_pagesize}};
	struct mmu_update harmless = {
	    .ptr = (frame_of(data_pages[8]) << PAGE_SHIFT) | MMU_MACHPHYS_UPDATE,
	    .val = mmu_mfn_to_pfn(frame_of(data_pages[8])),
	};
	unsigned long at;

	data_pages_tag();
	if (!scratch_build(&s, 5)) {
		return;
	}
	requests[0] = (struct mmu_update){(s.l1_mfn << PAGE_SHIFT) + 8, batch_pte(5)};
	/* 0: nothing happens, successfully. */
	EXPECT_EQ(HYPERVISOR_mmu_update(requests, 0, &done, DOMID_SELF), 0);
	EXPECT_EQ(done, 0);
	EXPECT_EQ(s.l1[1], 0);
	EXPECT_EQ(HYPERVISOR_mmuext_op(&flush, 0, &done, DOMID_SELF), 0);
	EXPECT_EQ(HYPERVISOR_multicall(&call, 0), 0);
	/* 1 */
	EXPECT_EQ(HYPERVISOR_mmu_update(requests, 1, &done, DOMID_SELF), 0);
	EXPECT_EQ(done, 1);
	EXPECT_EQ(s.l1[1], batch_pte(5));
	EXPECT_EQ(HYPERVISOR_mmuext_op(&flush, 1, &done, DOMID_SELF), 0);
	EXPECT_EQ(done, 1);
	EXPECT_EQ(HYPERVISOR_multicall(&call, 1), 0);
	EXPECT_EQ(call.result, 4096);
	/* 2^31 */
	at = entry_at_page_end(&s, &harmless, sizeof(harmless));
	EXPECT_EQ(HYPERVISOR_mmu_update((void *)at, 0x80000000U, &done, DOMID_SELF), -EFAULT);
	at = entry_at_page_end(&s, &flush, sizeof(flush));
	EXPECT_EQ(HYPERVISOR_mmuext_op((void *)at, 0x80000000U, &done, DOMID_SELF), -EFAULT);
	at = entry_at_page_end(&s, &call, sizeof(call));
	EXPECT_EQ(HYPERVISOR_multicall((void *)at, 0x80000000U), -EFAULT);
	expect_running();
	scratch_destroy(&s);
}

/*
 * A single request whose first half is readable and whose second is not (x86 reads a
 * single request at the hypercall's entry, with the guest's own tables, and a fault on any
 * word of it must end as the copy would): -EFAULT, nothing changed, done 0.
 */
TEST(mm_single_request_half_mapped)
{
	struct scratch s;
	unsigned int done = 99;
	struct mmu_update req;
	unsigned long at;

	data_pages_tag();
	if (!scratch_build(&s, 5)) {
		return;
	}
	req = (struct mmu_update){(s.l1_mfn << PAGE_SHIFT) + 8, batch_pte(5)};
	at = entry_at_page_end(&s, &req, sizeof(req.ptr));
	EXPECT_EQ(HYPERVISOR_mmu_update((void *)at, 1, &done, DOMID_SELF), -EFAULT);
	EXPECT_EQ(done, 0);
	EXPECT_EQ(s.l1[1], 0);
	/* The same request, whole: it runs. */
	at = entry_at_page_end(&s, &req, sizeof(req));
	EXPECT_EQ(HYPERVISOR_mmu_update((void *)at, 1, &done, DOMID_SELF), 0);
	EXPECT_EQ(done, 1);
	EXPECT_EQ(s.l1[1], batch_pte(5));
	expect_running();
	scratch_destroy(&s);
}

TEST(mm_bad_pointers)
{
	unsigned int done;

	EXPECT_EQ(HYPERVISOR_mmu_update((void *)guest_arch_unmapped_va, 1, &done, DOMID_SELF),
		  -EFAULT);
	EXPECT_EQ(HYPERVISOR_mmu_update((void *)guest_arch_hypervisor_va, 1, &done, DOMID_SELF),
		  -EFAULT);
	EXPECT_EQ(HYPERVISOR_mmuext_op((void *)guest_arch_unmapped_va, 1, &done, DOMID_SELF),
		  -EFAULT);
	EXPECT_EQ(HYPERVISOR_mmuext_op((void *)guest_arch_hypervisor_va, 1, NULL, DOMID_SELF),
		  -EFAULT);
	EXPECT_EQ(HYPERVISOR_multicall((void *)guest_arch_unmapped_va, 1), -EFAULT);
	EXPECT_EQ(HYPERVISOR_multicall((void *)guest_arch_hypervisor_va, 1), -EFAULT);
	/* An entry address that is not 8-byte aligned is an unknown command. */
	requests[0] = (struct mmu_update){(pt_base_mfn() << PAGE_SHIFT) + 4, 0};
	EXPECT_EQ(HYPERVISOR_mmu_update(requests, 1, &done, DOMID_SELF), -ENOSYS);
	/* update_va_mapping of the hypervisor's range, or a VA with no table. */
	EXPECT_EQ(HYPERVISOR_update_va_mapping(guest_arch_hypervisor_va,
					       pte_page(frame_of(data_pages[0]), 0), UVMF_INVLPG),
		  -EINVAL);
	expect_running();
}
