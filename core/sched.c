/*
 * sched.c: the scheduler of the one CPU: BVT decisions (bvt.c) driven by system time
 * (time.c), one hardware deadline, blocking, polling, vCPU timers, runstate accounting
 * and the idle loop.
 *
 * The hardware deadline is the earlier of BVT's next decision and the earliest vCPU timer
 * (a single-shot timer or a poll timeout), armed early rather than late (program_deadline);
 * the earliest timer is cached and rescanned only
 * when it fires or its owner's is cancelled, so the hot paths (an event send, a yield, a
 * switch) neither scan the vCPUs nor divide. A vCPU that cannot run leaves BVT's run set;
 * the arch learns that a decision is due from sched_resched (sched_must_resume()). A vCPU
 * that registered a runstate area (VCPUOP_register_runstate_memory_area) has its runstate
 * written there each time it is scheduled to run, as Xen does.
 */
#include "sched.h"
#include "arch/time.h"
#include "arch/vcpu.h"
#include "check.h"
#include "console.h"
#include "frame_alloc.h"
#include "lib.h"
#include "mm.h"
#include "time.h"

bool sched_resched;

static struct bvt_sched bvt;
static struct vcpu *current_vcpu;
static struct vcpu *vcpus[MAX_DOMAINS]; /* every vCPU that has joined */
static unsigned int vcpu_count;
static uint64_t decision_ns = TIME_NEVER; /* BVT's next decision */
static uint64_t earliest_timer_ns = TIME_NEVER;
static uint64_t armed_ns = TIME_NEVER; /* what the hardware timer holds */
static uint64_t idle_total_ns;

static struct vcpu *vcpu_of(struct bvt_vcpu *e)
{
	return container_of(e, struct vcpu, bvt);
}

static void resched(void)
{
	__atomic_store_n(&sched_resched, true, __ATOMIC_RELAXED);
}

/*
 * Arms the hardware for the earlier of the next decision and the earliest timer. Only an
 * earlier deadline is written: a later one (or none) leaves the armed one, whose interrupt
 * then finds nothing due and arms the right one, so a switch or a cancelled timer, which
 * mostly move the deadline later, seldom touch the timer hardware.
 */
static void arm_deadline(uint64_t deadline)
{
	armed_ns = deadline;
	arch_timer_set_deadline(deadline);
}

/* Inline: a switch pays two comparisons, and the call only when it arms. */
static inline __attribute__((always_inline)) void program_deadline(void)
{
	uint64_t deadline = decision_ns < earliest_timer_ns ? decision_ns : earliest_timer_ns;

	if (deadline < armed_ns) {
		arm_deadline(deadline);
	}
}

static void recompute_earliest_timer(void)
{
	uint64_t earliest = TIME_NEVER;

	for (unsigned int i = 0; i < vcpu_count; i++) {
		const struct vcpu *v = vcpus[i];

		earliest = v->timer_ns < earliest ? v->timer_ns : earliest;
		earliest = v->poll_timeout_ns < earliest ? v->poll_timeout_ns : earliest;
	}
	earliest_timer_ns = earliest;
}

/* Running or runnable: the states counted together in active_ns (domain.h). */
static bool runstate_active(int state)
{
	return state == RUNSTATE_running || state == RUNSTATE_runnable;
}

/* v enters state at now, its time in the old state counted (block, wake, offline). */
static void runstate_change(struct vcpu *v, int state, uint64_t now)
{
	struct vcpu_runstate_info *r = &v->runstate;

	if (runstate_active(r->state)) {
		v->active_ns += now - v->active_since;
	} else {
		r->time[r->state] += now - r->state_entry_time;
	}
	if (runstate_active(state)) {
		v->active_since = now;
	}
	r->state = state;
	r->state_entry_time = now;
}

/* v switches between running and runnable at now: nothing to count (domain.h). */
static void runstate_switch(struct vcpu *v, int state, uint64_t now)
{
	v->runstate.state = state;
	v->runstate.state_entry_time = now;
}

void sched_vcpu_init(struct vcpu *v)
{
	bvt_vcpu_init(&v->bvt);
	v->runnable = false;
	v->polling = false;
	v->poll_port = 0;
	v->poll_timeout_ns = TIME_NEVER;
	v->timer_ns = TIME_NEVER;
	v->runstate = (struct vcpu_runstate_info){
	    .state = RUNSTATE_offline,
	    .state_entry_time = time_now_ns(),
	};
	v->active_ns = 0;
	v->active_since = v->runstate.state_entry_time;
}

void sched_init(void)
{
	bvt_init(&bvt);
	current_vcpu = NULL;
	vcpu_count = 0;
	decision_ns = TIME_NEVER;
	earliest_timer_ns = TIME_NEVER;
	armed_ns = TIME_NEVER;
	idle_total_ns = 0;
	__atomic_store_n(&sched_resched, false, __ATOMIC_RELAXED);
	arch_timer_set_deadline(TIME_NEVER);
}

/* Makes v runnable in BVT at now, keeping the earlier decision deadline. */
static void make_runnable(struct vcpu *v, uint64_t now)
{
	uint64_t due;

	v->runnable = true;
	runstate_change(v, RUNSTATE_runnable, now);
	due = bvt_wake(&bvt, &v->bvt, now);
	if (due <= now) {
		resched(); /* decided on the way back to a guest: no timer needed */
	} else if (due < decision_ns) {
		decision_ns = due;
	}
}

void sched_add_vcpu(struct vcpu *v)
{
	CHECK(vcpu_count < ARRAY_SIZE(vcpus));
	CHECK(!v->runnable);
	vcpus[vcpu_count++] = v;
	/*
	 * Its time record is rewritten as it first runs, in terms of its arch set-up (arm64:
	 * the domain's counter offset, chosen after the record was first written).
	 */
	v->time_refresh_ns = 0;
	make_runnable(v, time_now_ns());
	program_deadline();
}

/* Clears one of v's timers (a field of v), rescanning only if it was the earliest. */
static void timer_clear(uint64_t *timer)
{
	bool was_earliest = *timer == earliest_timer_ns;

	*timer = TIME_NEVER;
	if (was_earliest && earliest_timer_ns != TIME_NEVER) {
		recompute_earliest_timer();
	}
}

static void timer_set(uint64_t *timer, uint64_t deadline_ns)
{
	if (*timer == earliest_timer_ns && deadline_ns > *timer) {
		*timer = deadline_ns;
		recompute_earliest_timer();
		return;
	}
	*timer = deadline_ns;
	if (deadline_ns < earliest_timer_ns) {
		earliest_timer_ns = deadline_ns;
	}
}

void sched_remove_vcpu(struct vcpu *v)
{
	uint64_t now = time_now_ns();
	unsigned int i;

	for (i = 0; i < vcpu_count && vcpus[i] != v; i++) {
	}
	if (i == vcpu_count) {
		return;
	}
	vcpus[i] = vcpus[--vcpu_count];
	bvt_sleep(&bvt, &v->bvt, now);
	v->runnable = false;
	v->polling = false;
	runstate_change(v, RUNSTATE_offline, now);
	timer_clear(&v->timer_ns);
	timer_clear(&v->poll_timeout_ns);
	if (current_vcpu == v) {
		current_vcpu = NULL;
		resched();
	}
	program_deadline();
}

struct vcpu *sched_current(void)
{
	return current_vcpu;
}

void sched_set_current(struct vcpu *v)
{
	current_vcpu = v;
}

/* Waits in arch_idle() until the timer interrupt or a wake made someone runnable. */
static struct bvt_vcpu *idle_until_runnable(uint64_t now)
{
	struct bvt_vcpu *next = NULL;

	if (vcpu_count == 0) {
		panic("no runnable vCPU and no domain left to wake one");
	}
	while (!next) {
		uint64_t woke;

		decision_ns = TIME_NEVER;
		program_deadline();
		arch_idle();
		woke = time_now_ns();
		idle_total_ns += woke - now;
		now = woke;
		next = bvt_schedule(&bvt, now, &decision_ns);
	}
	return next;
}

noreturn void sched_resume(void)
{
	struct vcpu *prev = current_vcpu;
	uint64_t now = time_now_ns();
	struct bvt_vcpu *chosen;
	struct vcpu *next;

	__atomic_store_n(&sched_resched, false, __ATOMIC_RELAXED);
	chosen = bvt_schedule(&bvt, now, &decision_ns); /* BVT's next decision, written directly */
	if (!chosen) {
		/* Nobody is runnable, prev included: its runstate says why already. */
		current_vcpu = NULL;
		prev = NULL;
		chosen = idle_until_runnable(now);
		now = time_now_ns();
		__atomic_store_n(&sched_resched, false, __ATOMIC_RELAXED);
	}
	next = vcpu_of(chosen);
	if (next != prev) {
		if (prev && prev->runnable) {
			runstate_switch(prev, RUNSTATE_runnable, now);
		}
		runstate_switch(next, RUNSTATE_running, now);
		time_refresh_vcpu(next, now);
		current_vcpu = next;
		if (__builtin_expect(next->runstate_area != 0, 0)) {
			(void)sched_runstate_area_write(next);
		}
	}
	program_deadline();
	arch_vcpu_run(next);
}

void sched_check_current(void)
{
	if (sched_must_resume() || !current_vcpu || !current_vcpu->runnable) {
		sched_resume();
	}
}

/* The current v leaves the run set to wait (blocked or polling). */
static void sleep_current(struct vcpu *v)
{
	uint64_t now = time_now_ns();

	bvt_sleep(&bvt, &v->bvt, now);
	v->runnable = false;
	runstate_change(v, RUNSTATE_blocked, now);
	resched();
}

void sched_block(struct vcpu *v)
{
	if (__atomic_load_n(&v->domain->shared_info->vcpu_info[v->id].evtchn_upcall_pending,
			    __ATOMIC_SEQ_CST)) {
		return;
	}
	sleep_current(v);
}

void sched_poll(struct vcpu *v, const evtchn_port_t *ports, unsigned int nr, uint64_t timeout_ns)
{
	const struct shared_info *s = v->domain->shared_info;

	for (unsigned int i = 0; i < nr; i++) {
		if (evtchn_2l_is_pending(s, ports[i])) {
			return;
		}
	}
	if (timeout_ns != TIME_NEVER && timeout_ns <= time_now_ns()) {
		return;
	}
	v->polling = true;
	v->poll_port = nr == 1 ? ports[0] : 0;
	timer_set(&v->poll_timeout_ns, timeout_ns);
	sleep_current(v);
	program_deadline();
}

HOT_CALL long sched_yield(struct vcpu *v)
{
	if (bvt_yield(&bvt, &v->bvt)) {
		resched();
	}
	return 0;
}

void sched_wake(struct vcpu *v)
{
	if (v->runnable || v->runstate.state != RUNSTATE_blocked) {
		return;
	}
	if (v->polling) {
		v->polling = false;
		timer_clear(&v->poll_timeout_ns);
	}
	make_runnable(v, time_now_ns());
	program_deadline();
}

/* Whether a poller's wait ends: an upcall became pending, or a port it polls. */
static bool poll_satisfied(const struct vcpu *v, unsigned int flags)
{
	if (flags & EVTCHN_NOTIFY_KICK) {
		return true;
	}
	return (flags & EVTCHN_NOTIFY_PENDING) &&
	       (v->poll_port == 0 || evtchn_2l_is_pending(v->domain->shared_info, v->poll_port));
}

void sched_notify(const struct evtchn_notify *notify)
{
	struct vcpu *v = notify->vcpu;

	if (!v || v->runnable || !notify->flags) {
		return;
	}
	if (v->polling ? poll_satisfied(v, notify->flags) : (notify->flags & EVTCHN_NOTIFY_KICK)) {
		sched_wake(v);
	}
}

/* v's timer (already cleared) fires: VIRQ_TIMER, and v wakes to take it. */
static void deliver_vcpu_timer(struct vcpu *v)
{
	evtchn_raise_virq(v, VIRQ_TIMER);
	sched_wake(v);
}

void sched_set_vcpu_timer(struct vcpu *v, uint64_t deadline_ns)
{
	if (deadline_ns != TIME_NEVER && deadline_ns <= time_now_ns()) {
		timer_clear(&v->timer_ns);
		deliver_vcpu_timer(v);
	} else {
		timer_set(&v->timer_ns, deadline_ns);
	}
	program_deadline();
}

void sched_timer_interrupt(void)
{
	uint64_t now = time_now_ns();

	armed_ns = TIME_NEVER; /* a one-shot: it has fired */
	if (earliest_timer_ns <= now) {
		for (unsigned int i = 0; i < vcpu_count; i++) {
			struct vcpu *v = vcpus[i];

			if (v->poll_timeout_ns <= now) {
				v->poll_timeout_ns = TIME_NEVER;
				sched_wake(v);
			}
			if (v->timer_ns <= now) {
				v->timer_ns = TIME_NEVER; /* rescanned once, below */
				deliver_vcpu_timer(v);
			}
		}
		recompute_earliest_timer();
	}
	if (decision_ns <= now) {
		resched();
	}
	program_deadline();
}

uint64_t sched_vcpu_run_ns(const struct vcpu *v)
{
	return bvt_run_time(&bvt, &v->bvt, time_now_ns());
}

void sched_vcpu_runstate(const struct vcpu *v, struct vcpu_runstate_info *out)
{
	uint64_t now = time_now_ns();
	uint64_t active = v->active_ns;
	uint64_t run = bvt_run_time(&bvt, &v->bvt, now);

	*out = v->runstate;
	if (runstate_active(out->state)) {
		active += now - v->active_since;
	} else {
		out->time[out->state] += now - out->state_entry_time;
	}
	out->time[RUNSTATE_running] = run;
	out->time[RUNSTATE_runnable] = active > run ? active - run : 0;
}

bool sched_runstate_area_write(const struct vcpu *v)
{
	struct vcpu_runstate_info info;
	const uint8_t *from = (const uint8_t *)&info;
	uintptr_t at = v->runstate_area;
	size_t left = sizeof(info);
	bool whole = true;

	sched_vcpu_runstate(v, &info);
	while (left) {
		size_t offset = at & (PAGE_SIZE - 1);
		size_t part = left < PAGE_SIZE - offset ? left : PAGE_SIZE - offset;
		mfn_t frame;

		if (mm_va_frame(v, at, true, &frame)) {
			whole = false;
		} else {
			memcpy((uint8_t *)frame_map(frame) + offset, from, part);
		}
		at += part;
		from += part;
		left -= part;
	}
	return whole;
}

uint64_t sched_idle_ns(void)
{
	return idle_total_ns;
}

uint64_t sched_ctx_allow_ns(void)
{
	return bvt.ctx_allow_ns;
}

int sched_set_ctx_allow(uint64_t ctx_allow_ns)
{
	int rc = bvt_set_ctx_allow(&bvt, ctx_allow_ns);

	if (rc == 0) {
		resched();
	}
	return rc;
}

int sched_set_params(const struct domain *caller, struct domain *target, const struct bvt_params *p)
{
	int rc = bvt_domain_set(caller, target, p);

	if (rc == 0) {
		resched();
	}
	return rc;
}
