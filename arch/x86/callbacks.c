/*
 * callbacks.c (x86): set_callbacks (4) and callback_op (30).
 *
 * A callback is an entry point in the guest kernel: the event upcall, the failsafe
 * (bounce.c), and the entry points of fast system-call instructions (syscall, sysenter,
 * syscall32) and NMIs. Every type of ABI.md section 5 is accepted and recorded; Ringo
 * itself enters the guest only through the event and failsafe callbacks (it neither
 * forwards NMIs nor enables SYSENTER/SYSCALL for guests: on a 32-bit PAE guest the fast
 * system call is the direct `int $0x80` gate). Like a trap handler, a callback must be
 * ring-1 code (-EPERM otherwise) below the hole (-EINVAL); address 0 unregisters.
 */
#include "domain.h"
#include "guest_access.h"
#include "hypercall.h"
#include "plat/descriptor.h"
#include "public/callback.h"
#include "public/errno.h"
#include "public/xen.h"

static int callback_check(uint32_t cs, uint32_t eip)
{
	if (eip == 0) {
		return 0;
	}
	if (!x86_selector_is_kernel_code(cs)) {
		return -EPERM;
	}
	return eip < HYPERVISOR_VIRT_START_X86 ? 0 : -EINVAL;
}

static bool callback_type_known(unsigned int type)
{
	switch (type) {
	case CALLBACKTYPE_event:
	case CALLBACKTYPE_failsafe:
	case CALLBACKTYPE_syscall:
	case CALLBACKTYPE_nmi:
	case CALLBACKTYPE_sysenter:
	case CALLBACKTYPE_syscall32:
		return true;
	default:
		return false;
	}
}

static void callback_set(struct vcpu *v, unsigned int type, uint32_t cs, uint32_t eip,
			 uint16_t flags)
{
	v->arch.callbacks[type] = (struct x86_callback){
	    .eip = eip,
	    .cs = eip ? (uint16_t)cs : 0,
	    .flags = eip ? flags : 0,
	};
}

HOT_CALL long do_set_callbacks(struct vcpu *v, const struct hcall_args *args)
{
	uint32_t event_cs = (uint32_t)args->arg[0];
	uint32_t event_eip = (uint32_t)args->arg[1];
	uint32_t failsafe_cs = (uint32_t)args->arg[2];
	uint32_t failsafe_eip = (uint32_t)args->arg[3];
	int rc = callback_check(event_cs, event_eip);

	if (rc || (rc = callback_check(failsafe_cs, failsafe_eip))) {
		return rc;
	}
	callback_set(v, CALLBACKTYPE_event, event_cs, event_eip, 0);
	callback_set(v, CALLBACKTYPE_failsafe, failsafe_cs, failsafe_eip, 0);
	return 0;
}

static long callback_register(struct vcpu *v, gvaddr_t arg)
{
	struct callback_register request;
	int rc;

	if (copy_from_guest(&request, arg, sizeof(request))) {
		return -EFAULT;
	}
	if (!callback_type_known(request.type)) {
		return -ENOSYS;
	}
	if (request.flags & ~CALLBACKF_mask_events) {
		return -EINVAL;
	}
	rc = callback_check(request.cs, request.eip);
	if (rc) {
		return rc;
	}
	callback_set(v, request.type, request.cs, request.eip, request.flags);
	return 0;
}

static long callback_unregister(struct vcpu *v, gvaddr_t arg)
{
	struct callback_unregister request;

	if (copy_from_guest(&request, arg, sizeof(request))) {
		return -EFAULT;
	}
	if (!callback_type_known(request.type)) {
		return -ENOSYS;
	}
	callback_set(v, request.type, 0, 0, 0);
	return 0;
}

HOT_CALL long do_callback_op(struct vcpu *v, const struct hcall_args *args)
{
	switch (args->arg[0]) {
	case CALLBACKOP_register:
		return callback_register(v, gvaddr(args->arg[1]));
	case CALLBACKOP_unregister:
		return callback_unregister(v, gvaddr(args->arg[1]));
	default:
		return -ENOSYS;
	}
}
