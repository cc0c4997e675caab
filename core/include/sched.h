/*
 * sched.h: choosing which vCPU runs: Borrowed Virtual Time (bvt.h) over the system clock
 * (time.h), one hardware deadline (arch/time.h), blocking, polling, vCPU timers and an
 * idle loop that halts the CPU.
 *
 * The arch returns to a guest only through sched_resume() or, after a trap, interrupt or
 * hypercall, once sched_must_resume() is false for the vCPU it interrupted (the fast
 * paths test it inline; the slow ones call sched_check_current()). A vCPU that blocks
 * inside a hypercall has its result stored first: sched_resume() abandons the hypervisor
 * stack and it resumes later from its saved state. When no domain is left, the machine
 * shuts down with domain 0's reason.
 */
#ifndef RINGO_SCHED_H
#define RINGO_SCHED_H

#include "domain.h"

/*
 * Set whenever the current vCPU may no longer simply resume: it blocked, yielded, was
 * shut down, or a wake or the timer asked for a scheduling decision. Cleared by
 * sched_resume(). Read by the arch's fast return paths.
 */
extern bool sched_resched;

static inline bool sched_must_resume(void)
{
	return __atomic_load_n(&sched_resched, __ATOMIC_RELAXED);
}

/* Starts the clock-driven scheduler (after time_init()). */
void sched_init(void);

/* A vCPU as domain_create() makes it: default BVT parameters, offline, no timer. */
void sched_vcpu_init(struct vcpu *v);

/* A new vCPU joins, runnable, with its domain's BVT parameters (v->bvt already set). */
void sched_add_vcpu(struct vcpu *v);
/* A vCPU leaves for good (domain teardown): off the run set, its timer cancelled. */
void sched_remove_vcpu(struct vcpu *v);

/* The vCPU whose state the CPU holds (NULL before the first guest runs or when idle). */
struct vcpu *sched_current(void);
void sched_set_current(struct vcpu *v);

/* Makes the scheduling decision and runs its choice, idling until one exists; never returns. */
noreturn void sched_resume(void);

/* Called by the arch before returning to the interrupted guest: sched_resume() if needed. */
void sched_check_current(void);

/*
 * v (the current vCPU) blocks until an event is pending for it: SCHEDOP_block (which
 * first clears evtchn_upcall_mask, as Xen does) and an ARM64 WFI. Returns at once, still
 * runnable, when evtchn_upcall_pending is already set; otherwise v leaves the run set and
 * sched_must_resume() becomes true.
 */
void sched_block(struct vcpu *v);

/*
 * v blocks until one of ports (nr of them, already checked to be in range) is pending or
 * its timer (timeout_ns system time, TIME_NEVER none) passes. Returns at once when one is
 * pending already. SCHEDOP_poll.
 */
void sched_poll(struct vcpu *v, const evtchn_port_t *ports, unsigned int nr, uint64_t timeout_ns);

/*
 * v gives the CPU to any other runnable vCPU (BVT yield); sched_must_resume() becomes true.
 * With no other vCPU runnable it is a no-op: v keeps the CPU without a decision. Returns
 * 0, SCHEDOP_yield's result, so that the hypercall's body is a tail call.
 */
HOT_CALL long sched_yield(struct vcpu *v);

/* Makes a blocked or polling v runnable (a no-op otherwise). */
void sched_wake(struct vcpu *v);

/* Acts on what an event operation asked for (event_channel.h): wakes the vCPU it names. */
void sched_notify(const struct evtchn_notify *notify);

/*
 * v's single-shot timer (set_timer_op, VCPUOP_set_singleshot_timer): at system time
 * deadline_ns, VIRQ_TIMER is raised on v; TIME_NEVER (0 in the ABI) cancels it. A deadline
 * already past fires on the next return to the guest.
 */
void sched_set_vcpu_timer(struct vcpu *v, uint64_t deadline_ns);

/* The arch's timer interrupt: fires due vCPU timers, asks for a decision when one is due. */
void sched_timer_interrupt(void);

/* Real time v has run, in ns (its domain's virtual time), up to now. */
uint64_t sched_vcpu_run_ns(const struct vcpu *v);

/* v's runstate, the time of its current state counted up to now (VCPUOP_get_runstate_info). */
void sched_vcpu_runstate(const struct vcpu *v, struct vcpu_runstate_info *out);

/*
 * Writes v's runstate to its registered area (v->runstate_area, not 0) through v's own
 * tables, whichever vCPU is loaded (mm_va_frame): what the scheduler does each time v is
 * scheduled to run. False when some part of the area was not mapped writable, which is
 * then left as it was (as Xen, a later run tries again).
 */
bool sched_runstate_area_write(const struct vcpu *v);

/* ns the CPU has spent in the idle loop so far (RINGO_DEBUG_idle_ns). */
uint64_t sched_idle_ns(void);

/*
 * ringo_sched_ctl: BVT's context-switch allowance C (-EINVAL out of bvt.h's bounds), and a
 * domain's BVT parameters (bvt_domain_set's rules). A change asks for a fresh decision.
 */
uint64_t sched_ctx_allow_ns(void);
int sched_set_ctx_allow(uint64_t ctx_allow_ns);
int sched_set_params(const struct domain *caller, struct domain *target,
		     const struct bvt_params *p);

#endif
