/*
 * schedule.c: the scheduling, timer, vcpu_op and ringo_sched_ctl wrappers (see
 * schedule.h), and the guest's role from its command line.
 */
#include "schedule.h"
#include "lib.h"

long HYPERVISOR_set_timer_op(uint64_t timeout_abs_ns)
{
	if (sizeof(unsigned long) == 4) {
		return hypercall2(__HYPERVISOR_set_timer_op, (unsigned long)timeout_abs_ns,
				  (unsigned long)(timeout_abs_ns >> 32));
	}
	return hypercall1(__HYPERVISOR_set_timer_op, (unsigned long)timeout_abs_ns);
}

long sched_op_yield(void)
{
	return HYPERVISOR_sched_op(SCHEDOP_yield, NULL);
}

long sched_op_block(void)
{
	return HYPERVISOR_sched_op(SCHEDOP_block, NULL);
}

long sched_op_poll(const evtchn_port_t *ports, unsigned int nr_ports, uint64_t timeout_abs_ns)
{
	struct sched_poll request = {
	    .ports = (unsigned long)ports,
	    .nr_ports = nr_ports,
	    .timeout = timeout_abs_ns,
	};

	return HYPERVISOR_sched_op(SCHEDOP_poll, &request);
}

long vcpu_set_singleshot_timer(unsigned int vcpu, uint64_t timeout_abs_ns, uint32_t flags)
{
	struct vcpu_set_singleshot_timer request = {
	    .timeout_abs_ns = timeout_abs_ns,
	    .flags = flags,
	};

	return HYPERVISOR_vcpu_op(VCPUOP_set_singleshot_timer, vcpu, &request);
}

long vcpu_stop_singleshot_timer(unsigned int vcpu)
{
	return HYPERVISOR_vcpu_op(VCPUOP_stop_singleshot_timer, vcpu, NULL);
}

long vcpu_get_runstate(unsigned int vcpu, struct vcpu_runstate_info *info)
{
	return HYPERVISOR_vcpu_op(VCPUOP_get_runstate_info, vcpu, info);
}

long vcpu_is_up(unsigned int vcpu)
{
	return HYPERVISOR_vcpu_op(VCPUOP_is_up, vcpu, NULL);
}

long ringo_sched_get(domid_t domid, struct ringo_sched_ctl *out)
{
	*out = (struct ringo_sched_ctl){.domid = domid};
	return HYPERVISOR_ringo_sched_ctl(RINGO_SCHED_CTL_get, out);
}

long ringo_sched_set(domid_t domid, uint32_t weight, uint64_t warp_ns, uint64_t warp_limit_ns,
		     uint64_t unwarp_ns)
{
	struct ringo_sched_ctl ctl = {
	    .domid = domid,
	    .weight = weight,
	    .warp_ns = warp_ns,
	    .warp_limit_ns = warp_limit_ns,
	    .unwarp_ns = unwarp_ns,
	};

	return HYPERVISOR_ringo_sched_ctl(RINGO_SCHED_CTL_set, &ctl);
}

long ringo_sched_get_allowance(uint64_t *ctx_allow_ns)
{
	struct ringo_sched_ctl ctl = {.domid = DOMID_SELF};
	long rc = HYPERVISOR_ringo_sched_ctl(RINGO_SCHED_CTL_get_global, &ctl);

	if (rc == 0) {
		*ctx_allow_ns = ctl.ctx_allow_ns;
	}
	return rc;
}

long ringo_sched_set_allowance(uint64_t ctx_allow_ns)
{
	struct ringo_sched_ctl ctl = {.domid = DOMID_SELF, .ctx_allow_ns = ctx_allow_ns};

	return HYPERVISOR_ringo_sched_ctl(RINGO_SCHED_CTL_set_global, &ctl);
}

long ringo_idle_ns(uint64_t *idle_ns)
{
	return hypercall2(__HYPERVISOR_ringo_debug, RINGO_DEBUG_idle_ns, (unsigned long)idle_ns);
}

bool role_is(const char *role)
{
	char value[32];

	return cmdline_get((const char *)start_info->cmd_line, "role", value, sizeof(value)) &&
	       !strcmp(value, role);
}

bool guest_is_dom0(void)
{
	return (start_info->flags & SIF_INITDOMAIN) != 0;
}
