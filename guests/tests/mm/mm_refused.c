/*
 * mm_refused.c: what the validator must refuse (ABI.md section 6), each with Xen's errno
 * and with nothing changed: a writable mapping of a page table (pinned, or only in use),
 * a mapping of a frame the domain does not own (the hypervisor's M2P, memory that is not
 * RAM), unpinning what is not pinned, retyping a table in use, pinning a table whose
 * entries are invalid, a top-level entry naming something that is not a table.
 */
#include "mm_common.h"

/* The frame of the level-1 table that maps the guest's own data: in use, not pinned. */
static uint64_t boot_l1(void)
{
	return mmu_table_mfn((unsigned long)data_pages, 1);
}

TEST(mm_writable_mapping_of_table_refused)
{
	unsigned long window = (unsigned long)data_pages[1];
	uint64_t original = pte_page(frame_of(data_pages[1]), PTE_WRITABLE);
	struct scratch s;

	if (!scratch_build(&s, 0)) {
		return;
	}
	/* A pinned table, a table in use (not pinned), the top table: never writable. */
	EXPECT_EQ(
	    HYPERVISOR_update_va_mapping(window, pte_page(s.l1_mfn, PTE_WRITABLE), UVMF_INVLPG),
	    -EBUSY);
	EXPECT_EQ(
	    HYPERVISOR_update_va_mapping(window, pte_page(boot_l1(), PTE_WRITABLE), UVMF_INVLPG),
	    -EBUSY);
	EXPECT_EQ(HYPERVISOR_update_va_mapping(window, pte_page(pt_base_mfn(), PTE_WRITABLE),
					       UVMF_INVLPG),
		  -EBUSY);
	/* Read-only is fine: that is how the guest reads its tables. */
	EXPECT_EQ(HYPERVISOR_update_va_mapping(window, pte_page(s.l1_mfn, 0), UVMF_INVLPG), 0);
	EXPECT_EQ(HYPERVISOR_update_va_mapping(window, original, UVMF_INVLPG), 0);
	data_pages[1][0] = 1;
	scratch_destroy(&s);
}

TEST(mm_foreign_frame_refused)
{
	unsigned long window = (unsigned long)data_pages[1];
	uint64_t m2p_frame = hypervisor_frame();

	/* The hypervisor's M2P, writable or not; a frame that is no RAM at all. */
	EXPECT_EQ(
	    HYPERVISOR_update_va_mapping(window, pte_page(m2p_frame, PTE_WRITABLE), UVMF_INVLPG),
	    -EBUSY);
	EXPECT_EQ(HYPERVISOR_update_va_mapping(window, pte_page(m2p_frame, 0), UVMF_INVLPG),
		  -EBUSY);
	EXPECT_EQ(HYPERVISOR_update_va_mapping(window, pte_page(FRAME_NOT_RAM, 0), UVMF_INVLPG),
		  -EPERM);
	/* Nothing changed: the page is still the guest's own, writable. */
	data_pages[1][0] = 0x5a5a;
	EXPECT_EQ(data_pages[1][0], 0x5a5a);
	expect_running();
}

TEST(mm_unpin_not_pinned_refused)
{
	uint64_t page = make_read_only(table_pages[6]);

	EXPECT_EQ(mmu_unpin(boot_l1()), -EINVAL); /* in use, but not pinned */
	EXPECT_EQ(mmu_unpin(page), -EINVAL);	  /* not a table at all */
	EXPECT_EQ(mmu_unpin(hypervisor_frame()), -EINVAL);
	EXPECT_EQ(mmu_pin(page, 1), 0);
	EXPECT_EQ(mmu_pin(page, 1), -EINVAL); /* pinned already */
	EXPECT_EQ(mmu_unpin(page), 0);
	EXPECT_EQ(mmu_unpin(page), -EINVAL); /* and no longer */
	make_writable(table_pages[6]);
}

TEST(mm_retype_in_use_refused)
{
	uint64_t top = pt_base_mfn();

	/* A level-1 table in use cannot be pinned as another level, nor the top one. */
	EXPECT_EQ(mmu_pin(boot_l1(), 2), -EINVAL);
	EXPECT_EQ(mmu_pin(top, 1), -EINVAL);
	EXPECT_EQ(mmu_pin(top, 2), -EINVAL);
	/* A writable page cannot become a table, nor the base. */
	EXPECT_EQ(mmu_pin(frame_of(data_pages[4]), 1), -EINVAL);
	EXPECT_EQ(mmu_new_base(frame_of(data_pages[4])), -EINVAL);
	EXPECT_EQ(mmu_new_base(boot_l1()), -EINVAL);
	EXPECT_EQ(mmu_new_base(hypervisor_frame()), -EINVAL);
	EXPECT_EQ(pt_base_mfn(), top);
	expect_running();
}

TEST(mm_pin_invalid_entries_refused)
{
	uint64_t *l1 = table_pages[7];
	uint64_t frame;

	/* An L1 mapping the hypervisor's frame; then one with a reserved bit. */
	memset(l1, 0, PAGE_SIZE);
	l1[9] = pte_page(hypervisor_frame(), 0);
	frame = make_read_only(l1);
	EXPECT_EQ(mmu_pin(frame, 1), -EBUSY);
	make_writable(l1);
	l1[9] = pte_page(frame_of(data_pages[0]), 0) | pte_reserved_bit(1);
	make_read_only(l1);
	EXPECT_EQ(mmu_pin(frame, 1), -EINVAL);
	make_writable(l1);
	/* An L2 naming a writable page as its L1. */
	l1[9] = pte_table(frame_of(data_pages[0]), 2);
	make_read_only(l1);
	EXPECT_EQ(mmu_pin(frame, 2), -EINVAL);
	/* An L1 writably mapping a frame that is itself a table in use. */
	make_writable(l1);
	l1[9] = pte_page(boot_l1(), PTE_WRITABLE);
	make_read_only(l1);
	EXPECT_EQ(mmu_pin(frame, 1), -EBUSY);
	/* Refusals took nothing: the page goes back to writable, and data page 0 too. */
	make_writable(l1);
	make_writable(data_pages[0]);
	memset(l1, 0, PAGE_SIZE);
	expect_running();
}

TEST(mm_table_entry_must_name_table)
{
	struct scratch s;

	if (!scratch_build(&s, 1)) {
		return;
	}
	/* The level-2 entry may name only a level-1 table of the domain's own. */
	mmu_queue(s.l2_entry, pte_table(frame_of(data_pages[2]), 2));
	EXPECT_EQ(mmu_flush(), -EINVAL);
	mmu_queue(s.l2_entry, pte_table(hypervisor_frame(), 2));
	EXPECT_EQ(mmu_flush(), -EINVAL);
	mmu_queue(s.l2_entry, pte_table(pt_base_mfn(), 2));
	EXPECT_EQ(mmu_flush(), -EINVAL);
	/* ... and an entry of a frame that is no table cannot be written this way. */
	mmu_queue(maddr_of(data_pages[2]), 0);
	EXPECT_EQ(mmu_flush(), -EINVAL);
	EXPECT_EQ(mmu_table_mfn(s.va, 1), s.l1_mfn);
	scratch_destroy(&s);
}
