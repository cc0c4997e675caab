/*
 * vcpu_op.c: the vcpu_op hypercall (24): vcpu_op(cmd, vcpuid, arg).
 *
 *   VCPUOP_is_up                 1 while the vCPU is up (every vCPU of a live domain is).
 *   VCPUOP_get_runstate_info     its struct vcpu_runstate_info, the current state counted
 *                                up to now.
 *   VCPUOP_register_runstate_memory_area
 *                                the same written to a guest area at each run (sched.c).
 *   VCPUOP_set_singleshot_timer  VIRQ_TIMER at timeout_abs_ns; with VCPU_SSHOTTMR_future a
 *                                time already past is -ETIME (else it fires at once).
 *   VCPUOP_stop_singleshot_timer cancels it.
 * The timers are the calling vCPU's own (-EINVAL for another, as Xen). A vcpuid the domain
 * lacks is -ENOENT, an unreadable or unwritable argument -EFAULT, any other command -ENOSYS.
 */
#include "arch/guest_access.h"
#include "domain.h"
#include "guest_access.h"
#include "hypercall.h"
#include "public/errno.h"
#include "public/vcpu.h"
#include "sched.h"
#include "time.h"

static long get_runstate_info(const struct vcpu *target, gvaddr_t arg)
{
	struct vcpu_runstate_info info;

	sched_vcpu_runstate(target, &info);
	return copy_to_guest(arg, &info, sizeof(info)) ? -EFAULT : 0;
}

/*
 * VCPUOP_register_runstate_memory_area: target's runstate is written to the guest virtual
 * address arg names each time target is scheduled to run, through its tables at that time
 * (as Xen: the area follows the address), and at once; 0 stops it. An area that cannot
 * be written now (not all mapped writable, or reaching the hypervisor's range) is -EFAULT,
 * and none is registered.
 */
static long register_runstate_area(struct vcpu *target, gvaddr_t arg)
{
	struct vcpu_register_runstate_memory_area request;
	uintptr_t area;

	if (copy_from_guest(&request, arg, sizeof(request))) {
		return -EFAULT;
	}
	area = (uintptr_t)request.addr;
	target->runstate_area = area;
	if (area && (!arch_guest_range_ok(gvaddr(area), sizeof(struct vcpu_runstate_info)) ||
		     !sched_runstate_area_write(target))) {
		target->runstate_area = 0;
		return -EFAULT;
	}
	return 0;
}

static long set_singleshot_timer(struct vcpu *v, struct vcpu *target, gvaddr_t arg)
{
	struct vcpu_set_singleshot_timer request;

	if (target != v) {
		return -EINVAL;
	}
	if (copy_from_guest(&request, arg, sizeof(request))) {
		return -EFAULT;
	}
	if ((request.flags & VCPU_SSHOTTMR_future) && request.timeout_abs_ns < time_now_ns()) {
		return -ETIME;
	}
	/* 0 is a time long past here (it fires at once), not "never". */
	sched_set_vcpu_timer(v, request.timeout_abs_ns == TIME_NEVER ? TIME_NEVER - 1
								     : request.timeout_abs_ns);
	return 0;
}

static long stop_singleshot_timer(struct vcpu *v, struct vcpu *target)
{
	if (target != v) {
		return -EINVAL;
	}
	sched_set_vcpu_timer(v, TIME_NEVER);
	return 0;
}

HOT_CALL long do_vcpu_op(struct vcpu *v, const struct hcall_args *args)
{
	unsigned long cmd = args->arg[0];
	unsigned long vcpuid = args->arg[1];
	gvaddr_t arg = gvaddr(args->arg[2]);
	struct vcpu *target;

	if (vcpuid >= ARRAY_SIZE(v->domain->vcpu)) {
		return -ENOENT;
	}
	target = &v->domain->vcpu[vcpuid];
	switch (cmd) {
	case VCPUOP_is_up:
		return target->runstate.state != RUNSTATE_offline;
	case VCPUOP_get_runstate_info:
		return get_runstate_info(target, arg);
	case VCPUOP_register_runstate_memory_area:
		return register_runstate_area(target, arg);
	case VCPUOP_set_singleshot_timer:
		return set_singleshot_timer(v, target, arg);
	case VCPUOP_stop_singleshot_timer:
		return stop_singleshot_timer(v, target);
	default:
		return -ENOSYS;
	}
}
