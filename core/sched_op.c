/*
 * sched_op.c: the sched_op hypercall (29).
 *
 * SCHEDOP_shutdown stops the calling domain with its reason; the vCPU does not return to
 * the guest. Yield, block and poll belong to the scheduler (BVT) and return -ENOSYS until
 * it exists.
 */
#include "domain.h"
#include "guest_access.h"
#include "hypercall.h"
#include "public/errno.h"
#include "public/sched.h"

static long sched_shutdown(struct vcpu *v, gvaddr_t arg)
{
	struct sched_shutdown request;

	if (copy_from_guest(&request, arg, sizeof(request))) {
		return -EFAULT;
	}
	if (request.reason > SHUTDOWN_watchdog) {
		return -EINVAL;
	}
	domain_shutdown(v->domain, request.reason);
	return 0;
}

long do_sched_op(struct vcpu *v, const struct hcall_args *args)
{
	switch (args->arg[0]) {
	case SCHEDOP_shutdown:
		return sched_shutdown(v, gvaddr(args->arg[1]));
	default:
		return -ENOSYS;
	}
}
