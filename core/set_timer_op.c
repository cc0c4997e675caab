/*
 * set_timer_op.c: the set_timer_op hypercall (15): set_timer_op(timeout).
 *
 * timeout is a 64-bit system time (two registers on x86, arch_hcall_arg_u64): VIRQ_TIMER
 * is raised on the calling vCPU when it passes; 0 cancels the timer; a time already past
 * fires at once. The same single-shot timer as VCPUOP_set_singleshot_timer.
 */
#include "arch/hypercall.h"
#include "sched.h"
#include "time.h"

HOT_CALL long do_set_timer_op(struct vcpu *v, const struct hcall_args *args)
{
	unsigned int next;
	uint64_t timeout = arch_hcall_arg_u64(args, 0, &next);

	sched_set_vcpu_timer(v, timeout ? timeout : TIME_NEVER);
	return 0;
}
