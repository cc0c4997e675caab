/*
 * mm_memory.c: memory_op and vm_assist (ABI.md section 6).
 */
#include "mm_common.h"

TEST(mm_memory_op_queries)
{
	domid_t self = DOMID_SELF;
	struct e820entry map[4] = {0};
	struct xen_memory_map memory_map = {.nr_entries = 4, .buffer = map};
	xen_pfn_t extents[8];
	struct xen_machphys_mfn_list list = {.max_extents = 8, .extent_start = extents};
	struct xen_machphys_mapping mapping;
	long rc;

	EXPECT_EQ(HYPERVISOR_memory_op(XENMEM_current_reservation, &self),
		  (long)start_info->nr_pages);
	EXPECT_TRUE(HYPERVISOR_memory_op(XENMEM_maximum_reservation, &self) >=
		    (long)start_info->nr_pages);
	EXPECT_TRUE(HYPERVISOR_memory_op(XENMEM_maximum_ram_page, NULL) > 0);
	EXPECT_EQ(HYPERVISOR_memory_op(XENMEM_memory_map, &memory_map), 0);
	EXPECT_EQ(memory_map.nr_entries, 1);
	EXPECT_EQ(map[0].size, (uint64_t)start_info->nr_pages * PAGE_SIZE);
	EXPECT_EQ(HYPERVISOR_memory_op(XENMEM_machphys_mfn_list, &list), 0);
	EXPECT_TRUE(list.nr_extents >= 1);
	rc = HYPERVISOR_memory_op(XENMEM_machphys_mapping, &mapping);
	EXPECT_TRUE(rc == 0 || rc == -ENOSYS);
	if (rc == 0) {
		EXPECT_TRUE(mapping.v_end > mapping.v_start);
		EXPECT_EQ((unsigned long)mmu_m2p(), mapping.v_start);
	}
}

TEST(mm_memory_op_refused)
{
	domid_t nobody = 1000;

	EXPECT_EQ(HYPERVISOR_memory_op(XENMEM_current_reservation, &nobody), -ESRCH);
	EXPECT_EQ(HYPERVISOR_memory_op(XENMEM_current_reservation, (void *)guest_arch_unmapped_va),
		  -EFAULT);
	EXPECT_EQ(HYPERVISOR_memory_op(XENMEM_memory_map, (void *)guest_arch_hypervisor_va),
		  -EFAULT);
	EXPECT_EQ(HYPERVISOR_memory_op(63, NULL), -ENOSYS);
	expect_running();
}

TEST(mm_vm_assist)
{
	EXPECT_EQ(HYPERVISOR_vm_assist(VMASST_CMD_enable, VMASST_TYPE_pae_extended_cr3), 0);
	EXPECT_EQ(HYPERVISOR_vm_assist(VMASST_CMD_disable, VMASST_TYPE_pae_extended_cr3), 0);
	/* What a Xen 32-bit kernel turns on at boot. */
	EXPECT_EQ(HYPERVISOR_vm_assist(VMASST_CMD_enable, VMASST_TYPE_4gb_segments), 0);
	EXPECT_EQ(HYPERVISOR_vm_assist(VMASST_CMD_enable, VMASST_TYPE_4gb_segments_notify), 0);
	EXPECT_EQ(HYPERVISOR_vm_assist(VMASST_CMD_enable, 31), -EINVAL);
	EXPECT_EQ(HYPERVISOR_vm_assist(7, VMASST_TYPE_pae_extended_cr3), -ENOSYS);
}
