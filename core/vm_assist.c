/*
 * vm_assist.c: the vm_assist hypercall (21): a domain turns on or off the assists it
 * wants from the hypervisor, recorded per domain (struct domain.vm_assist).
 *
 * Ringo accepts the assists it provides: 4gb_segments (guest segments already span the
 * whole 4 GiB: the hypervisor is protected by its own page tables, not by segment
 * limits), 4gb_segments_notify (the notice of an emulated 4 GiB segment access, trap 15,
 * which therefore never comes: Xen's 32-bit kernels turn it on), pae_extended_cr3 (a PAE
 * top table may lie above 4 GiB) and architectural_iopl, and those its arch adds
 * (ARCH_VM_ASSIST_SUPPORTED: x86's writable_pagetables, ptwr.c). As Xen: an unknown or
 * unsupported type is -EINVAL before the command is looked at, an unknown command -ENOSYS.
 */
#include "arch/config.h"
#include "domain.h"
#include "hypercall.h"
#include "public/errno.h"

#ifndef ARCH_VM_ASSIST_SUPPORTED
#define ARCH_VM_ASSIST_SUPPORTED 0UL
#endif

#define VM_ASSIST_SUPPORTED                                                                \
	((1UL << VMASST_TYPE_4gb_segments) | (1UL << VMASST_TYPE_4gb_segments_notify) |    \
	 (1UL << VMASST_TYPE_pae_extended_cr3) | (1UL << VMASST_TYPE_architectural_iopl) | \
	 ARCH_VM_ASSIST_SUPPORTED)
#define BITS_PER_LONG (sizeof(unsigned long) * 8)

HOT_CALL long do_vm_assist(struct vcpu *v, const struct hcall_args *args)
{
	unsigned long cmd = args->arg[0];
	unsigned long type = args->arg[1];
	struct domain *d = v->domain;

	if (type >= BITS_PER_LONG || !(VM_ASSIST_SUPPORTED & (1UL << type))) {
		return -EINVAL;
	}
	switch (cmd) {
	case VMASST_CMD_enable:
		d->vm_assist |= 1UL << type;
		return 0;
	case VMASST_CMD_disable:
		d->vm_assist &= ~(1UL << type);
		return 0;
	default:
		return -ENOSYS;
	}
}
