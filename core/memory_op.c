/*
 * memory_op.c: the memory_op hypercall (12): what a domain may learn about memory.
 *
 * Arguments: cmd (the XENMEM_ sub-operation in its low MEMOP_EXTENT_SHIFT bits; the bits
 * above are a continuation's start extent, which none of these accepts: -EINVAL) and arg.
 *   maximum_ram_page      one past the highest RAM frame (arg unused)
 *   current_reservation,  a domain's pages now / at most; arg points to a domid_t:
 *   maximum_reservation   DOMID_SELF or a domain the caller may act for (-ESRCH, -EPERM)
 *   machphys_mfn_list     the M2P's frames, the first of each 2 MiB extent
 *   machphys_mapping      where the guest sees the M2P; -ENOSYS where the arch maps none
 *   memory_map            the caller's pseudo-physical map: one E820 RAM range
 * Everything else (reservation changes, populate_physmap...) is -ENOSYS for now.
 */
#include "arch/config.h"
#include "domain.h"
#include "frame_table.h"
#include "guest_access.h"
#include "hypercall.h"
#include "m2p.h"
#include "mm.h"
#include "public/errno.h"
#include "public/memory.h"

#define M2P_EXTENT_FRAMES (XENMEM_MACHPHYS_EXTENT_SIZE / PAGE_SIZE)

/* Xen's rcu_lock_domain_by_any_id: DOMID_SELF or any number, the caller's own included. */
static long reservation(struct vcpu *v, gvaddr_t arg, bool maximum)
{
	domid_t id;
	struct domain *d;

	if (copy_from_guest(&id, arg, sizeof(id))) {
		return -EFAULT;
	}
	d = id == DOMID_SELF ? v->domain : domain_lookup(id);
	if (!d) {
		return -ESRCH;
	}
	if (!mm_may_act_for(v, d)) {
		return -EPERM;
	}
	return (long)(maximum ? d->max_pages : d->nr_pages);
}

static long machphys_mfn_list(gvaddr_t arg)
{
	struct xen_machphys_mfn_list list;
	unsigned int extents = m2p_frame_count() / M2P_EXTENT_FRAMES;
	unsigned int i;

	if (copy_from_guest(&list, arg, sizeof(list))) {
		return -EFAULT;
	}
	for (i = 0; i < list.max_extents && i < extents; i++) {
		xen_pfn_t first = (xen_pfn_t)mfn_value(m2p_frame(i * M2P_EXTENT_FRAMES));
		gvaddr_t at = gvaddr_add(gvaddr((uintptr_t)list.extent_start), i * sizeof(first));

		if (copy_to_guest(at, &first, sizeof(first))) {
			return -EFAULT;
		}
	}
	list.nr_extents = i;
	return copy_to_guest(arg, &list, sizeof(list)) ? -EFAULT : 0;
}

/* max_mfn: the last entry both the window and the table's frames hold. */
static long machphys_mapping(gvaddr_t arg)
{
	uint64_t window = (ARCH_M2P_VIRT_END - ARCH_M2P_VIRT_START) / sizeof(xen_pfn_t);
	uint64_t entries = m2p_entry_count() < window ? m2p_entry_count() : window;
	struct xen_machphys_mapping mapping;

	if (window == 0) {
		return -ENOSYS;
	}
	mapping = (struct xen_machphys_mapping){
	    .v_start = ARCH_M2P_VIRT_START,
	    .v_end = ARCH_M2P_VIRT_END,
	    .max_mfn = (xen_ulong_t)(entries - 1),
	};
	return copy_to_guest(arg, &mapping, sizeof(mapping)) ? -EFAULT : 0;
}

static long memory_map(const struct domain *d, gvaddr_t arg)
{
	struct xen_memory_map map;
	struct e820entry ram = {
	    .addr = 0,
	    .size = d->nr_pages << PAGE_SHIFT,
	    .type = E820_RAM,
	};

	if (copy_from_guest(&map, arg, sizeof(map))) {
		return -EFAULT;
	}
	map.nr_entries = map.nr_entries < 1 ? map.nr_entries : 1;
	if (map.nr_entries && copy_to_guest(gvaddr((uintptr_t)map.buffer), &ram, sizeof(ram))) {
		return -EFAULT;
	}
	return copy_to_guest(arg, &map, sizeof(map)) ? -EFAULT : 0;
}

HOT_CALL long do_memory_op(struct vcpu *v, const struct hcall_args *args)
{
	unsigned long op = args->arg[0] & MEMOP_CMD_MASK;
	bool continued = args->arg[0] >> MEMOP_EXTENT_SHIFT;
	gvaddr_t arg = gvaddr(args->arg[1]);

	switch (op) {
	case XENMEM_maximum_ram_page:
		return continued ? -EINVAL : (long)mfn_value(frame_table_limit());
	case XENMEM_current_reservation:
	case XENMEM_maximum_reservation:
		return continued ? -EINVAL : reservation(v, arg, op == XENMEM_maximum_reservation);
	case XENMEM_machphys_mfn_list:
		return machphys_mfn_list(arg);
	case XENMEM_machphys_mapping:
		return machphys_mapping(arg);
	case XENMEM_memory_map:
		return memory_map(v->domain, arg);
	default:
		return -ENOSYS;
	}
}
