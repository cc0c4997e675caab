/*
 * mm_common.c: helpers of the portable page-table tests (mm_common.h).
 */
#include "mm_common.h"

alignas(PAGE_SIZE) uint64_t table_pages[TABLE_PAGES][512];
alignas(PAGE_SIZE) uint32_t data_pages[DATA_PAGES][1024];

uint64_t frame_of(const void *va)
{
	return mmu_va_to_mfn(va);
}

uint64_t maddr_of(const void *va)
{
	return (frame_of(va) << PAGE_SHIFT) + ((unsigned long)va & (PAGE_SIZE - 1));
}

uint64_t make_read_only(void *page)
{
	EXPECT_EQ(mmu_set_writable(page, false), 0);
	return frame_of(page);
}

void make_writable(void *page)
{
	EXPECT_EQ(mmu_set_writable(page, true), 0);
}

void data_pages_tag(void)
{
	for (unsigned int i = 0; i < DATA_PAGES; i++) {
		data_pages[i][0] = 0xda7a0000 + i;
	}
}

bool scratch_build(struct scratch *s, unsigned int index)
{
	s->va = mmu_unused_va(1UL << 30);
	if (!s->va) {
		test_fail(__FILE__, __LINE__, "no empty level-2 slot to hook a scratch L1 into");
		return false;
	}
	s->l1 = table_pages[index];
	memset(s->l1, 0, PAGE_SIZE);
	s->l1_mfn = make_read_only(s->l1);
	s->l2_entry = mmu_entry_maddr(s->va, 2);
	EXPECT_EQ(mmu_pin(s->l1_mfn, 1), 0);
	mmu_queue(s->l2_entry, pte_table(s->l1_mfn, 2));
	EXPECT_EQ(mmu_flush(), 0);
	return true;
}

void scratch_destroy(struct scratch *s)
{
	mmu_queue(s->l2_entry, 0);
	EXPECT_EQ(mmu_flush(), 0);
	EXPECT_EQ(mmu_unpin(s->l1_mfn), 0);
	make_writable(s->l1);
}

uint32_t word_at(unsigned long va)
{
	return *(volatile uint32_t *)va;
}

uint64_t hypervisor_frame(void)
{
	xen_pfn_t extents[1] = {0};
	struct xen_machphys_mfn_list list = {.max_extents = 1, .extent_start = extents};

	EXPECT_EQ(HYPERVISOR_memory_op(XENMEM_machphys_mfn_list, &list), 0);
	EXPECT_EQ(list.nr_extents, 1);
	return extents[0];
}

void expect_running(void)
{
	EXPECT_EQ(HYPERVISOR_xen_version(XENVER_pagesize, NULL), 4096);
}
