/*
 * mm_tables.c: the guest builds and uses page tables through the hypervisor (ABI.md
 * section 6): reading its own tables, update_va_mapping, a new L1 pinned and hooked in,
 * a new top-level table loaded with NEW_BASEPTR, MACHPHYS_UPDATE. Portable: only the
 * guest library's mmu.h/pte.h.
 */
#include "mm_common.h"

static uint32_t marker = 0x6d61726b;

TEST(mm_walk_own_tables)
{
	uint64_t pte;
	const xen_pfn_t *m2p = mmu_m2p();
	unsigned long va = (unsigned long)&marker;

	/* The leaf entry of a global names the frame the p2m list gives its page. */
	EXPECT_TRUE(mmu_entry_read(va, 1, &pte));
	EXPECT_TRUE(pte_present(pte, 1));
	EXPECT_TRUE(pte_writable(pte));
	EXPECT_EQ(pte_mfn(pte, 1), frame_of(&marker));
	/* Page tables are mapped, read-only: the guest reads them, never writes them. */
	EXPECT_TRUE(mmu_entry_read(start_info->pt_base, 1, &pte));
	EXPECT_TRUE(pte_present(pte, 1));
	EXPECT_TRUE(!pte_writable(pte));
	EXPECT_EQ(pte_mfn(pte, 1), pt_base_mfn());
	/* Where the arch maps the M2P, it agrees with the p2m list. */
	if (m2p) {
		for (unsigned long pfn = 0; pfn < start_info->nr_pages; pfn += 97) {
			EXPECT_EQ(m2p[mmu_pfn_to_mfn(pfn)], pfn);
		}
	}
}

TEST(mm_update_va_mapping_remap)
{
	unsigned long window = (unsigned long)data_pages[0];
	uint64_t original = frame_of(data_pages[0]);

	data_pages_tag();
	/* Map data page 3's frame over data page 0: its VA now shows page 3's tag. */
	EXPECT_EQ(
	    HYPERVISOR_update_va_mapping(window, pte_page(frame_of(data_pages[3]), 0), UVMF_INVLPG),
	    0);
	EXPECT_EQ(word_at(window), 0xda7a0003);
	EXPECT_EQ(HYPERVISOR_update_va_mapping(window, pte_page(original, PTE_WRITABLE),
					       UVMF_TLB_FLUSH | UVMF_ALL),
		  0);
	EXPECT_EQ(word_at(window), 0xda7a0000);
	data_pages[0][1] = 1; /* writable again */
}

TEST(mm_new_l1_table)
{
	struct scratch s;

	data_pages_tag();
	if (!scratch_build(&s, 0)) {
		return;
	}
	/* Map every data page into the new table through one queued batch. */
	for (unsigned int i = 0; i < DATA_PAGES; i++) {
		mmu_queue_entry(s.va + i * PAGE_SIZE, 1, pte_page(frame_of(data_pages[i]), 0));
	}
	EXPECT_EQ(mmu_queued(), DATA_PAGES);
	EXPECT_EQ(mmu_flush(), 0);
	EXPECT_EQ(mmu_flush_done, DATA_PAGES);
	for (unsigned int i = 0; i < DATA_PAGES; i++) {
		EXPECT_EQ(word_at(s.va + i * PAGE_SIZE), 0xda7a0000 + i);
	}
	/* The guest sees its new table, read-only, and its entries. */
	EXPECT_EQ(s.l1[3], pte_page(frame_of(data_pages[3]), 0));
	EXPECT_EQ(mmu_table_mfn(s.va, 1), s.l1_mfn);
	scratch_destroy(&s);
}

TEST(mm_new_base_table)
{
	uint64_t old_top = pt_base_mfn();
	const uint64_t *top = mmu_mfn_to_va(old_top);
	uint64_t *copy = table_pages[1];
	unsigned int levels = pt_levels();
	uint64_t copy_mfn;

	/*
	 * A second top-level table naming the same tables, pinned, then loaded. Entries are
	 * rebuilt from their frames rather than copied: a CPU may have set bits in the live
	 * ones (QEMU marks PAE PDPT entries accessed, a reserved bit to the validator).
	 */
	memset(copy, 0, PAGE_SIZE);
	for (unsigned int i = 0; i < pt_entries(levels); i++) {
		if (pte_present(top[i], levels)) {
			copy[i] = pte_table(pte_mfn(top[i], levels), levels);
		}
	}
	copy_mfn = make_read_only(copy);
	EXPECT_EQ(mmu_pin(copy_mfn, levels), 0);
	EXPECT_EQ(mmu_new_base(copy_mfn), 0);
	EXPECT_EQ(pt_base_mfn(), copy_mfn);
	EXPECT_EQ(marker, 0x6d61726b); /* everything still mapped */
	expect_running();
	EXPECT_EQ(mmu_new_base(old_top), 0);
	EXPECT_EQ(pt_base_mfn(), old_top);
	EXPECT_EQ(mmu_unpin(copy_mfn), 0);
	make_writable(copy);
}

TEST(mm_machphys_update)
{
	const xen_pfn_t *m2p = mmu_m2p();
	uint64_t frame = frame_of(data_pages[7]);
	unsigned long pfn = mmu_mfn_to_pfn(frame);

	mmu_queue_machphys(frame, 0x1234);
	EXPECT_EQ(mmu_flush(), 0);
	if (m2p) {
		EXPECT_EQ(m2p[frame], 0x1234);
	}
	mmu_queue_machphys(frame, pfn);
	EXPECT_EQ(mmu_flush(), 0);
	if (m2p) {
		EXPECT_EQ(m2p[frame], pfn);
	}
	/* Not the guest's frame: refused. */
	mmu_queue_machphys(hypervisor_frame(), 0);
	EXPECT_EQ(mmu_flush(), -EINVAL);
	EXPECT_EQ(mmu_flush_done, 0);
}

TEST(mm_mmuext_flushes)
{
	uint64_t mask = 1;
	struct mmuext_op ops[4] = {
	    {.cmd = MMUEXT_TLB_FLUSH_LOCAL},
	    {.cmd = MMUEXT_INVLPG_LOCAL, .arg1.linear_addr = (unsigned long)&marker},
	    {.cmd = MMUEXT_TLB_FLUSH_ALL},
	    {.cmd = MMUEXT_TLB_FLUSH_MULTI, .arg2.vcpumask = &mask},
	};
	unsigned int done = 0;

	EXPECT_EQ(HYPERVISOR_mmuext_op(ops, 4, &done, DOMID_SELF), 0);
	EXPECT_EQ(done, 4);
	EXPECT_EQ(mmu_tlb_flush(), 0);
	EXPECT_EQ(mmu_invlpg((unsigned long)&marker), 0);
}
