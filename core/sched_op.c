/*
 * sched_op.c: the sched_op hypercall (29): sched_op(cmd, arg).
 *
 *   SCHEDOP_yield     gives the CPU to any other runnable vCPU (BVT yield).
 *   SCHEDOP_block     clears the caller's evtchn_upcall_mask and blocks until an event is
 *                     pending (returns at once when one is), as Xen's.
 *   SCHEDOP_shutdown  stops the calling domain with its reason; it does not return.
 *   SCHEDOP_poll      blocks until one of the given ports is pending or the timeout
 *                     (system time, 0: none) passes: more than 128 ports or a port out of
 *                     range is -EINVAL, an unreadable argument -EFAULT (as Xen).
 * A vCPU that blocks has its result (0) stored by the arch before it resumes elsewhere.
 */
#include "domain.h"
#include "guest_access.h"
#include "hypercall.h"
#include "public/errno.h"
#include "public/sched.h"
#include "sched.h"
#include "time.h"

#define SCHED_POLL_MAX_PORTS 128

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

static long sched_block_op(struct vcpu *v)
{
	struct vcpu_info *info = &v->domain->shared_info->vcpu_info[v->id];

	__atomic_store_n(&info->evtchn_upcall_mask, 0, __ATOMIC_SEQ_CST);
	sched_block(v);
	return 0;
}

static long sched_poll_op(struct vcpu *v, gvaddr_t arg)
{
	evtchn_port_t ports[SCHED_POLL_MAX_PORTS];
	struct sched_poll request;

	if (copy_from_guest(&request, arg, sizeof(request))) {
		return -EFAULT;
	}
	if (request.nr_ports > SCHED_POLL_MAX_PORTS) {
		return -EINVAL;
	}
	if (copy_from_guest(ports, gvaddr(request.ports), request.nr_ports * sizeof(ports[0]))) {
		return -EFAULT;
	}
	for (uint32_t i = 0; i < request.nr_ports; i++) {
		if (ports[i] >= EVTCHN_MAX_PORTS) {
			return -EINVAL;
		}
	}
	sched_poll(v, ports, request.nr_ports, request.timeout ? request.timeout : TIME_NEVER);
	return 0;
}

/* The commands other than yield (out of line: yield's way stays a pair of jumps). */
static __attribute__((noinline)) long sched_op_slow(struct vcpu *v, const struct hcall_args *args)
{
	switch (args->arg[0]) {
	case SCHEDOP_block:
		return sched_block_op(v);
	case SCHEDOP_shutdown:
		return sched_shutdown(v, gvaddr(args->arg[1]));
	case SCHEDOP_poll:
		return sched_poll_op(v, gvaddr(args->arg[1]));
	default:
		return -ENOSYS;
	}
}

HOT_CALL long do_sched_op(struct vcpu *v, const struct hcall_args *args)
{
	if (args->arg[0] == SCHEDOP_yield) { /* the hot one, tested first */
		return sched_yield(v);
	}
	return sched_op_slow(v, args);
}
