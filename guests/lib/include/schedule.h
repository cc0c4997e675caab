/*
 * schedule.h: scheduling hypercalls from the guest (ABI.md sections 5 and 7;
 * public/sched.h, public/vcpu.h, public/ringo_sched.h).
 *
 * sched_op yield / block / poll, set_timer_op (an absolute system time in ns, 0 cancels;
 * the timer raises VIRQ_TIMER), vcpu_op's single-shot timer and runstate, Ringo's
 * ringo_sched_ctl (domain 0 sets and reads every domain's BVT parameters) and the
 * ringo_debug counters. Wrappers return the hypercall's result (0 or a negative errno).
 */
#ifndef GUEST_SCHEDULE_H
#define GUEST_SCHEDULE_H

#include "guest.h"
#include "public/event_channel.h"
#include "public/ringo_sched.h"
#include "public/vcpu.h"

static inline long HYPERVISOR_vcpu_op(unsigned int cmd, unsigned int vcpuid, void *arg)
{
	return hypercall3(__HYPERVISOR_vcpu_op, cmd, vcpuid, (unsigned long)arg);
}

static inline long HYPERVISOR_ringo_sched_ctl(unsigned int cmd, struct ringo_sched_ctl *ctl)
{
	return hypercall2(__HYPERVISOR_ringo_sched_ctl, cmd, (unsigned long)ctl);
}

/* set_timer_op: a 64-bit argument (x86: two registers, low word first). */
long HYPERVISOR_set_timer_op(uint64_t timeout_abs_ns);

/* SCHEDOP_yield: let any other runnable vCPU run. */
long sched_op_yield(void);
/* SCHEDOP_block: unmask events and sleep until one is pending (returns at once if so). */
long sched_op_block(void);
/* SCHEDOP_poll: sleep until one of ports is pending or timeout_abs_ns passes (0: never). */
long sched_op_poll(const evtchn_port_t *ports, unsigned int nr_ports, uint64_t timeout_abs_ns);

/* vcpu_op wrappers for vCPU vcpu of the caller. */
long vcpu_set_singleshot_timer(unsigned int vcpu, uint64_t timeout_abs_ns, uint32_t flags);
long vcpu_stop_singleshot_timer(unsigned int vcpu);
long vcpu_get_runstate(unsigned int vcpu, struct vcpu_runstate_info *info);
long vcpu_is_up(unsigned int vcpu);

/* ringo_sched_ctl: get / set one domain's BVT parameters (domain 0 only). */
long ringo_sched_get(domid_t domid, struct ringo_sched_ctl *out);
long ringo_sched_set(domid_t domid, uint32_t weight, uint64_t warp_ns, uint64_t warp_limit_ns,
		     uint64_t unwarp_ns);
/* The context-switch allowance C, in ns. */
long ringo_sched_get_allowance(uint64_t *ctx_allow_ns);
long ringo_sched_set_allowance(uint64_t ctx_allow_ns);

/*
 * ringo_debug RINGO_DEBUG_idle_ns: the ns the CPU has spent idle (halted) since boot
 * (public/xen.h), stored in *idle_ns. 0, or the hypercall's negative errno.
 */
long ringo_idle_ns(uint64_t *idle_ns);

/*
 * The calling domain's role and id from its command line (a domain built from a boot
 * configuration gets "<node bootargs> <module command line>", e.g. "role=peer test=x"):
 * role_is("peer") is true when role=peer is given; guest_is_dom0() when start_info says
 * SIF_INITDOMAIN.
 */
bool role_is(const char *role);
bool guest_is_dom0(void);

#endif
