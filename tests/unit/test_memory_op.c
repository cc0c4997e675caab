/*
 * test_memory_op.c: memory_op (core/memory_op.c), vm_assist (core/vm_assist.c) and the M2P
 * table (core/m2p.c) as guests see it.
 */
#include <criterion/criterion.h>

#include "fake.h"

#include "arch/config.h"
#include "frame_alloc.h"
#include "m2p.h"
#include "pt_audit.h"
#include "pt_fixture.h"
#include "public/errno.h"
#include "public/memory.h"
#include "public/sched.h"

static struct domain *d0;
static struct domain *d1;
static struct domain *d2;

static void setup(void)
{
	fixture_boot();
	d0 = fixture_domain(0, true, 32);
	d1 = fixture_domain(1, false, 64);
	d2 = fixture_domain(2, false, 16);
	d2->max_pages = 100;
}

TestSuite(memory_op, .init = setup);

static long memory_op(struct domain *d, unsigned long cmd, unsigned long arg)
{
	return hcall(d, __HYPERVISOR_memory_op, cmd, arg, 0, 0);
}

static long reservation(struct domain *d, unsigned long cmd, domid_t id)
{
	*(domid_t *)guest_buf(0) = id;
	return memory_op(d, cmd, GUEST_BUF_VA);
}

Test(memory_op, maximum_ram_page)
{
	cr_assert_eq(memory_op(d1, XENMEM_maximum_ram_page, 0), FAKE_RAM_SIZE / PAGE_SIZE);
	cr_assert_eq(memory_op(d1, XENMEM_maximum_ram_page | 1UL << MEMOP_EXTENT_SHIFT, 0),
		     -EINVAL);
}

Test(memory_op, reservations)
{
	cr_assert_eq(reservation(d1, XENMEM_current_reservation, DOMID_SELF), 64);
	cr_assert_eq(reservation(d1, XENMEM_current_reservation, 1), 64, "its own number");
	cr_assert_eq(reservation(d1, XENMEM_maximum_reservation, DOMID_SELF), 64);
	cr_assert_eq(reservation(d1, XENMEM_current_reservation, 2), -EPERM);
	cr_assert_eq(reservation(d1, XENMEM_maximum_reservation, 0), -EPERM);
	cr_assert_eq(reservation(d1, XENMEM_current_reservation, 9), -ESRCH);
	cr_assert_eq(reservation(d0, XENMEM_current_reservation, 2), 16);
	cr_assert_eq(reservation(d0, XENMEM_maximum_reservation, 2), 100);
	cr_assert_eq(memory_op(d1, XENMEM_current_reservation, GUEST_UNMAPPED_VA), -EFAULT);
	cr_assert_eq(memory_op(d1, XENMEM_current_reservation, ARCH_GUEST_VA_LIMIT), -EFAULT);
	cr_assert_eq(
	    reservation(d1, XENMEM_current_reservation | 3UL << MEMOP_EXTENT_SHIFT, DOMID_SELF),
	    -EINVAL);
}

Test(memory_op, machphys_mfn_list_names_each_2mib_extent)
{
	struct xen_machphys_mfn_list *list = guest_buf(0);
	xen_pfn_t *extents = guest_buf(PAGE_SIZE);
	unsigned int count = m2p_frame_count() / 512;

	cr_assert_geq(count, 1);
	*list = (struct xen_machphys_mfn_list){
	    .max_extents = 100, .extent_start = (xen_pfn_t *)(GUEST_BUF_VA + PAGE_SIZE)};
	cr_assert_eq(memory_op(d1, XENMEM_machphys_mfn_list, GUEST_BUF_VA), 0);
	cr_assert_eq(list->nr_extents, count);
	for (unsigned int i = 0; i < count; i++) {
		cr_assert_eq(extents[i], mfn_value(m2p_frame(i * 512)));
	}
	list->max_extents = 0;
	cr_assert_eq(memory_op(d1, XENMEM_machphys_mfn_list, GUEST_BUF_VA), 0);
	cr_assert_eq(list->nr_extents, 0);
	list->max_extents = 1;
	list->extent_start = (xen_pfn_t *)GUEST_UNMAPPED_VA;
	cr_assert_eq(memory_op(d1, XENMEM_machphys_mfn_list, GUEST_BUF_VA), -EFAULT);
	cr_assert_eq(memory_op(d1, XENMEM_machphys_mfn_list, GUEST_UNMAPPED_VA), -EFAULT);
}

Test(memory_op, machphys_mapping)
{
	struct xen_machphys_mapping *mapping = guest_buf(0);
	uint64_t window = (ARCH_M2P_VIRT_END - ARCH_M2P_VIRT_START) / sizeof(xen_pfn_t);
	uint64_t entries = m2p_entry_count() < window ? m2p_entry_count() : window;

	cr_assert_eq(memory_op(d1, XENMEM_machphys_mapping, GUEST_BUF_VA), 0);
	cr_assert_eq(mapping->v_start, ARCH_M2P_VIRT_START);
	cr_assert_eq(mapping->v_end, ARCH_M2P_VIRT_END);
	cr_assert_eq(mapping->max_mfn, entries - 1);
	cr_assert_geq(mapping->max_mfn + 1, mfn_value(frame_table_limit()), "every frame");
	cr_assert_eq(memory_op(d1, XENMEM_machphys_mapping, GUEST_UNMAPPED_VA), -EFAULT);
}

Test(memory_op, memory_map_is_one_ram_range)
{
	struct xen_memory_map *map = guest_buf(0);
	struct e820entry *entries = guest_buf(PAGE_SIZE);

	*map =
	    (struct xen_memory_map){.nr_entries = 8, .buffer = (void *)(GUEST_BUF_VA + PAGE_SIZE)};
	cr_assert_eq(memory_op(d1, XENMEM_memory_map, GUEST_BUF_VA), 0);
	cr_assert_eq(map->nr_entries, 1);
	cr_assert_eq(entries[0].addr, 0);
	cr_assert_eq(entries[0].size, 64 * PAGE_SIZE);
	cr_assert_eq(entries[0].type, E820_RAM);
	map->nr_entries = 0;
	cr_assert_eq(memory_op(d1, XENMEM_memory_map, GUEST_BUF_VA), 0);
	cr_assert_eq(map->nr_entries, 0);
	*map = (struct xen_memory_map){.nr_entries = 1, .buffer = (void *)GUEST_UNMAPPED_VA};
	cr_assert_eq(memory_op(d1, XENMEM_memory_map, GUEST_BUF_VA), -EFAULT);
	cr_assert_eq(memory_op(d1, XENMEM_memory_map, ARCH_GUEST_VA_LIMIT), -EFAULT);
}

Test(memory_op, the_rest_is_enosys)
{
	cr_assert_eq(memory_op(d1, XENMEM_increase_reservation, GUEST_BUF_VA), -ENOSYS);
	cr_assert_eq(memory_op(d1, XENMEM_decrease_reservation, GUEST_BUF_VA), -ENOSYS);
	cr_assert_eq(memory_op(d1, XENMEM_populate_physmap, GUEST_BUF_VA), -ENOSYS);
	cr_assert_eq(memory_op(d1, XENMEM_add_to_physmap, GUEST_BUF_VA), -ENOSYS);
	cr_assert_eq(memory_op(d1, 63, GUEST_BUF_VA), -ENOSYS);
}

/* ---- vm_assist ---- */

static long vm_assist(unsigned long cmd, unsigned long type)
{
	return hcall(d1, __HYPERVISOR_vm_assist, cmd, type, 0, 0);
}

Test(memory_op, vm_assist_records_what_ringo_provides)
{
	cr_assert_eq(vm_assist(VMASST_CMD_enable, VMASST_TYPE_4gb_segments), 0);
	cr_assert_eq(vm_assist(VMASST_CMD_enable, VMASST_TYPE_pae_extended_cr3), 0);
	cr_assert_eq(vm_assist(VMASST_CMD_enable, VMASST_TYPE_architectural_iopl), 0);
	cr_assert_eq(vm_assist(VMASST_CMD_enable, VMASST_TYPE_4gb_segments_notify), 0);
	cr_assert_eq(d1->vm_assist, (1UL << 0) | (1UL << 1) | (1UL << 3) | (1UL << 4));
	cr_assert_eq(vm_assist(VMASST_CMD_disable, VMASST_TYPE_pae_extended_cr3), 0);
	cr_assert_eq(d1->vm_assist, (1UL << 0) | (1UL << 1) | (1UL << 4));
	cr_assert_eq(d2->vm_assist, 0, "per domain");
}

Test(memory_op, vm_assist_refusals)
{
	cr_assert_eq(vm_assist(VMASST_CMD_enable, VMASST_TYPE_writable_pagetables), -EINVAL,
		     "the fake arch, as ARM64, adds no writable page tables");
	cr_assert_eq(vm_assist(VMASST_CMD_enable, 5), -EINVAL);
	cr_assert_eq(vm_assist(VMASST_CMD_enable, 63), -EINVAL);
	cr_assert_eq(vm_assist(VMASST_CMD_enable, 64), -EINVAL);
	cr_assert_eq(vm_assist(VMASST_CMD_enable, ~0UL), -EINVAL);
	cr_assert_eq(vm_assist(2, VMASST_TYPE_4gb_segments), -ENOSYS);
	cr_assert_eq(vm_assist(2, 5), -EINVAL, "the type is checked first, as Xen does");
	cr_assert_eq(d1->vm_assist, 0);
}

/* ---- the M2P ---- */

Test(memory_op, m2p_covers_every_frame_in_whole_extents)
{
	cr_assert_eq(m2p_frame_count() % 512, 0);
	cr_assert_geq(m2p_entry_count(), mfn_value(frame_table_limit()));
	for (unsigned int i = 0; i < m2p_frame_count(); i++) {
		cr_assert_eq(info_of(m2p_frame(i))->owner, DOMID_HYPERVISOR);
		cr_assert_eq(mfn_value(m2p_frame(i)), mfn_value(m2p_frame(0)) + i);
	}
	cr_assert_eq(m2p_lookup(mfn(0)), M2P_INVALID);
	cr_assert_eq(m2p_lookup(frame_table_limit()), M2P_INVALID);
	cr_assert_eq(m2p_lookup(invalid_mfn()), M2P_INVALID);
}

Test(memory_op, m2p_follows_the_domains)
{
	mfn_t page = page_of(d2, 7);

	for (uint64_t i = 0; i < d1->nr_pages; i++) {
		cr_assert_eq(m2p_lookup(page_of(d1, i)), i);
	}
	domain_shutdown(d2, SHUTDOWN_poweroff);
	cr_assert_eq(m2p_lookup(page), M2P_INVALID);
	cr_assert_null(pt_audit(), "%s", pt_audit());
}
