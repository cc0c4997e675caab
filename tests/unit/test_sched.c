/*
 * test_sched.c: the scheduler (core/sched.c) over BVT and the fake clock: who runs, when
 * the one hardware deadline is armed, blocking and waking, polling, yielding, vCPU timers,
 * the idle loop and runstate accounting.
 *
 * The fake clock moves only when a test moves it; arch_idle jumps it to the armed deadline
 * and takes the timer interrupt there, and sched_resume() ends in an escape to the test.
 */
#include <criterion/criterion.h>

#include "fake.h"

#include "domain.h"
#include "public/sched.h"
#include "sched.h"
#include "time.h"

#define MS 1000000ULL

static struct domain *d0;
static struct domain *d1;
static struct vcpu *v0;
static struct vcpu *v1;

static void setup(void)
{
	fake_boot();
	d0 = domain_create(0, true);
	d1 = domain_create(1, false);
	v0 = &d0->vcpu[0];
	v1 = &d1->vcpu[0];
}

TestSuite(sched, .init = setup);

/* sched_resume() as the arch calls it; returns the vCPU it entered (NULL: none). */
static struct vcpu *resume(void)
{
	FAKE_CATCH_ESCAPE(sched_resume());
	return fake_escape_taken() == FAKE_ESCAPE_RUN ? fake_vcpu_last_run() : NULL;
}

/* The arch's return path: resume only when the scheduler asks. */
static struct vcpu *check(void)
{
	FAKE_CATCH_ESCAPE(sched_check_current());
	return fake_escape_taken() == FAKE_ESCAPE_RUN ? fake_vcpu_last_run() : sched_current();
}

static void bind_timer_virq(struct domain *d)
{
	struct evtchn_bind_virq req = {.virq = VIRQ_TIMER, .vcpu = 0};

	cr_assert_eq(evtchn_bind_virq(d, &req), 0);
}

/* v0 joins alone with VIRQ_TIMER bound, and runs. */
static void v0_runs_with_timer_virq(void)
{
	sched_add_vcpu(v0);
	bind_timer_virq(d0);
	cr_assert_eq(resume(), v0);
}

Test(sched, resume_runs_the_first_runnable)
{
	sched_add_vcpu(v0);
	sched_add_vcpu(v1);
	cr_assert(v0->runnable);
	cr_assert(sched_must_resume(), "a wake onto an idle CPU asks for a decision");
	cr_assert_eq(resume(), v0);
	cr_assert_eq(sched_current(), v0);
	cr_assert_not(sched_must_resume());
	cr_assert_eq(v0->runstate.state, RUNSTATE_running);
	cr_assert_eq(v1->runstate.state, RUNSTATE_runnable);
}

Test(sched, current_keeps_running_until_its_deadline)
{
	sched_add_vcpu(v0);
	sched_add_vcpu(v1);
	cr_assert_eq(resume(), v0);
	cr_assert_eq(check(), v0, "no decision due: no switch");
	/* Equal weights: v0 keeps the CPU for the allowance C past v1, then must yield. */
	cr_assert_neq(fake_timer_deadline(), TIME_NEVER, "a preemption deadline is armed");
	cr_assert_leq(fake_timer_deadline(), BVT_CTX_ALLOW_DEFAULT_NS + BVT_MCU_NS);
	cr_assert(fake_timer_fire());
	cr_assert(sched_must_resume());
	cr_assert_eq(check(), v1, "preempted at the deadline");
	cr_assert_eq(v0->runstate.state, RUNSTATE_runnable);
	cr_assert_eq(v1->runstate.state, RUNSTATE_running);
}

Test(sched, one_vcpu_alone_has_no_deadline)
{
	sched_add_vcpu(v0);
	cr_assert_eq(resume(), v0);
	cr_assert_eq(fake_timer_deadline(), TIME_NEVER);
}

Test(sched, shares_follow_the_weights)
{
	struct bvt_params heavy = {.weight = 30};

	cr_assert_eq(bvt_vcpu_set_params(&v0->bvt, &heavy), 0);
	sched_add_vcpu(v0);
	sched_add_vcpu(v1);
	cr_assert_not_null(resume());
	for (int i = 0; i < 400; i++) {
		cr_assert(fake_timer_fire());
		cr_assert_not_null(check());
	}
	uint64_t r0 = sched_vcpu_run_ns(v0), r1 = sched_vcpu_run_ns(v1);
	double share = (double)r0 / (double)(r0 + r1);

	cr_assert(share > 0.70 && share < 0.80, "weight 30 vs 10 got %.3f", share);
}

Test(sched, stopped_domain_gives_way)
{
	sched_add_vcpu(v0);
	sched_add_vcpu(v1);
	sched_set_current(v1);
	domain_shutdown(d1, SHUTDOWN_poweroff);
	cr_assert_null(sched_current());
	cr_assert_eq(check(), v0);
	cr_assert_eq(v1->runstate.state, RUNSTATE_offline);
}

Test(sched, no_domain_at_all_panics)
{
	FAKE_CATCH_ESCAPE(sched_resume());
	cr_assert_eq(fake_escape_taken(), FAKE_ESCAPE_STOP);
	cr_assert_eq(fake_machine_status(), MACHINE_PANIC);
	cr_assert(fake_console_contains("no runnable vCPU"));
}

Test(sched, block_leaves_the_cpu_and_an_event_wakes)
{
	struct evtchn_alloc_unbound alloc = {.dom = DOMID_SELF, .remote_dom = 1};
	struct evtchn_bind_interdomain bind = {.remote_dom = 0};
	struct evtchn_notify notify;

	sched_add_vcpu(v0);
	sched_add_vcpu(v1);
	cr_assert_eq(evtchn_alloc_unbound(d0, &alloc), 0);
	bind.remote_port = alloc.port;
	cr_assert_eq(evtchn_bind_interdomain(d1, &bind, &notify), 0);
	cr_assert_eq(resume(), v0);
	d0->shared_info->vcpu_info[0].evtchn_upcall_pending = 0;
	sched_block(v0);
	cr_assert_not(v0->runnable);
	cr_assert_eq(v0->runstate.state, RUNSTATE_blocked);
	cr_assert_eq(check(), v1);
	/* d1 sends: v0 is kicked awake. */
	cr_assert_eq(evtchn_send(d1, bind.local_port, &notify), 0);
	cr_assert_eq(notify.vcpu, v0);
	sched_notify(&notify);
	cr_assert(v0->runnable);
	cr_assert_eq(v0->runstate.state, RUNSTATE_runnable);
}

Test(sched, block_with_an_event_pending_returns_at_once)
{
	sched_add_vcpu(v0);
	cr_assert_eq(resume(), v0);
	d0->shared_info->vcpu_info[0].evtchn_upcall_pending = 1;
	sched_block(v0);
	cr_assert(v0->runnable);
	cr_assert_not(sched_must_resume());
}

Test(sched, blocked_alone_idles_until_its_timer)
{
	uint64_t before;

	v0_runs_with_timer_virq();
	sched_set_vcpu_timer(v0, 7 * MS);
	cr_assert_eq(fake_timer_deadline(), 7 * MS);
	sched_block(v0);
	before = sched_idle_ns();
	cr_assert_eq(check(), v0, "the CPU idled, the timer woke v0");
	cr_assert_eq(fake_idle_count(), 1);
	cr_assert_eq(time_now_ns(), 7 * MS);
	cr_assert_eq(sched_idle_ns() - before, 7 * MS);
	cr_assert(d0->shared_info->vcpu_info[0].evtchn_upcall_pending, "VIRQ_TIMER raised");
	cr_assert_eq(v0->timer_ns, TIME_NEVER);
	cr_assert_eq(v0->runstate.time[RUNSTATE_blocked], 7 * MS);
}

Test(sched, nothing_can_wake_the_idle_cpu)
{
	sched_add_vcpu(v0);
	cr_assert_eq(resume(), v0);
	sched_block(v0);
	FAKE_CATCH_ESCAPE(sched_check_current());
	cr_assert_eq(fake_escape_taken(), FAKE_ESCAPE_IDLE, "it waits with no deadline armed");
}

Test(sched, timer_fires_without_waking_a_runner_early)
{
	v0_runs_with_timer_virq();
	sched_set_vcpu_timer(v0, 3 * MS);
	fake_time_advance_ns(2 * MS);
	sched_timer_interrupt();
	cr_assert_not(d0->shared_info->vcpu_info[0].evtchn_upcall_pending, "not due yet");
	cr_assert(fake_timer_fire());
	cr_assert(d0->shared_info->vcpu_info[0].evtchn_upcall_pending);
	cr_assert_eq(time_now_ns(), 3 * MS);
}

Test(sched, timer_in_the_past_fires_at_once)
{
	v0_runs_with_timer_virq();
	fake_time_advance_ns(5 * MS);
	sched_set_vcpu_timer(v0, 1 * MS);
	cr_assert(d0->shared_info->vcpu_info[0].evtchn_upcall_pending);
	cr_assert_eq(v0->timer_ns, TIME_NEVER);
}

Test(sched, cancelled_timer_fires_nothing)
{
	v0_runs_with_timer_virq();
	sched_set_vcpu_timer(v0, 9 * MS);
	cr_assert_eq(fake_timer_deadline(), 9 * MS);
	sched_set_vcpu_timer(v0, TIME_NEVER);
	/* The hardware may still fire (armed early, never late): nothing is due then. */
	if (fake_timer_fire()) {
		cr_assert_not(d0->shared_info->vcpu_info[0].evtchn_upcall_pending);
		cr_assert_not(sched_must_resume());
	}
	cr_assert_eq(fake_timer_deadline(), TIME_NEVER, "and nothing is armed after it");
}

Test(sched, deadline_is_the_earliest_of_all_timers)
{
	sched_add_vcpu(v0);
	sched_add_vcpu(v1);
	cr_assert_eq(resume(), v0);
	sched_set_vcpu_timer(v1, 2 * MS);
	sched_set_vcpu_timer(v0, 1 * MS);
	cr_assert_eq(fake_timer_deadline(), 1 * MS);
	sched_set_vcpu_timer(v0, TIME_NEVER);
	cr_assert(fake_timer_fire());
	cr_assert_eq(time_now_ns(), 1 * MS, "the early deadline fired, finding nothing due");
	cr_assert_eq(fake_timer_deadline(), 2 * MS, "then the next timer is armed");
}

Test(sched, poll_wakes_on_its_port_even_masked)
{
	struct evtchn_alloc_unbound alloc = {.dom = DOMID_SELF, .remote_dom = 0};
	struct evtchn_notify notify;
	evtchn_port_t port;

	sched_add_vcpu(v0);
	sched_add_vcpu(v1);
	cr_assert_eq(resume(), v0);
	cr_assert_eq(evtchn_alloc_unbound(d0, &alloc), 0);
	struct evtchn_bind_interdomain bind = {.remote_dom = 0, .remote_port = alloc.port};
	cr_assert_eq(evtchn_bind_interdomain(d0, &bind, &notify), 0);
	evtchn_2l_clear_pending(d0->shared_info, alloc.port);
	evtchn_2l_clear_pending(d0->shared_info, bind.local_port);
	port = alloc.port;
	d0->shared_info->evtchn_mask[0] |= 1UL << port;
	sched_poll(v0, &port, 1, TIME_NEVER);
	cr_assert_not(v0->runnable);
	cr_assert(v0->polling);
	cr_assert_eq(check(), v1);
	/* A send from the other end raises port: masked, no upcall, but the poller wakes. */
	cr_assert_eq(evtchn_send(d0, bind.local_port, &notify), 0);
	cr_assert_eq(notify.flags & EVTCHN_NOTIFY_KICK, 0);
	sched_notify(&notify);
	cr_assert(v0->runnable);
	cr_assert_not(v0->polling);
}

Test(sched, poll_returns_at_once_when_pending)
{
	evtchn_port_t port = 5;

	sched_add_vcpu(v0);
	cr_assert_eq(resume(), v0);
	evtchn_2l_set_pending(d0->shared_info, 0, port);
	sched_poll(v0, &port, 1, TIME_NEVER);
	cr_assert(v0->runnable);
	cr_assert_not(sched_must_resume());
}

Test(sched, poll_times_out)
{
	evtchn_port_t ports[2] = {3, 4};

	sched_add_vcpu(v0);
	cr_assert_eq(resume(), v0);
	sched_poll(v0, ports, 2, 4 * MS);
	cr_assert_not(v0->runnable);
	cr_assert_eq(fake_timer_deadline(), 4 * MS);
	cr_assert_eq(check(), v0, "idle until the timeout");
	cr_assert_eq(time_now_ns(), 4 * MS);
	cr_assert_not(v0->polling);
	cr_assert_eq(v0->poll_timeout_ns, TIME_NEVER);
}

Test(sched, poll_timeout_already_past_returns)
{
	evtchn_port_t port = 3;

	sched_add_vcpu(v0);
	cr_assert_eq(resume(), v0);
	fake_time_advance_ns(MS);
	sched_poll(v0, &port, 1, MS / 2);
	cr_assert(v0->runnable);
}

Test(sched, wake_cancels_the_poll_timeout)
{
	evtchn_port_t port = 3;

	sched_add_vcpu(v0);
	sched_add_vcpu(v1);
	cr_assert_eq(resume(), v0);
	sched_poll(v0, &port, 1, 50 * MS);
	cr_assert_eq(check(), v1);
	sched_wake(v0);
	cr_assert_eq(v0->poll_timeout_ns, TIME_NEVER);
	fake_time_advance_ns(50 * MS);
	sched_timer_interrupt();
	cr_assert(v0->runnable);
	cr_assert_not(v0->polling, "the old timeout found no poll to end");
}

Test(sched, yield_hands_over_and_comes_back)
{
	sched_add_vcpu(v0);
	sched_add_vcpu(v1);
	cr_assert_eq(resume(), v0);
	sched_yield(v0);
	cr_assert(sched_must_resume());
	cr_assert_eq(check(), v1);
	sched_yield(v1);
	cr_assert_eq(check(), v0);
}

Test(sched, yield_alone_keeps_running)
{
	sched_add_vcpu(v0);
	cr_assert_eq(resume(), v0);
	sched_yield(v0);
	cr_assert(!sched_must_resume(), "alone: no decision is needed");
	cr_assert_eq(check(), v0);
	cr_assert_eq(v0->runstate.state, RUNSTATE_running);
}

Test(sched, switch_updates_the_time_record)
{
	struct vcpu_time_info *t = &d1->shared_info->vcpu_info[0].time;
	uint32_t version;

	sched_add_vcpu(v0);
	sched_add_vcpu(v1);
	cr_assert_eq(resume(), v0);
	version = t->version;
	fake_time_advance_ns(3 * MS);
	sched_yield(v0);
	cr_assert_eq(check(), v1);
	cr_assert_eq(t->version, version + 2);
	cr_assert_eq(t->system_time, 3 * MS);
}

Test(sched, switch_keeps_a_fresh_time_record)
{
	struct vcpu_time_info *t = &d1->shared_info->vcpu_info[0].time;
	uint32_t version;

	sched_add_vcpu(v0);
	sched_add_vcpu(v1);
	cr_assert_eq(resume(), v0);
	fake_time_advance_ns(3 * MS);
	sched_yield(v0);
	cr_assert_eq(check(), v1);
	version = t->version;
	sched_yield(v1);
	cr_assert_eq(check(), v0);
	fake_time_advance_ns(3 * MS);
	sched_yield(v0);
	cr_assert_eq(check(), v1);
	cr_assert_eq(t->version, version, "a record stamped 3 ms ago is kept");
	sched_yield(v1);
	cr_assert_eq(check(), v0);
	fake_time_advance_ns(TIME_REFRESH_NS);
	sched_yield(v0);
	cr_assert_eq(check(), v1);
	cr_assert_eq(t->version, version + 2, "a record older than TIME_REFRESH_NS is rewritten");
	cr_assert_eq(t->system_time, 6 * MS + TIME_REFRESH_NS);
}

/* v0 and v1 join; after 1 ms v0 runs, for 2 ms. */
static void v0_runs_2ms_of_3(void)
{
	sched_add_vcpu(v0);
	sched_add_vcpu(v1);
	fake_time_advance_ns(1 * MS);
	cr_assert_eq(resume(), v0);
	fake_time_advance_ns(2 * MS);
}

Test(sched, runstate_accounts_every_state)
{
	struct vcpu_runstate_info r;

	v0_runs_2ms_of_3();
	sched_yield(v0);
	cr_assert_eq(check(), v1);
	fake_time_advance_ns(4 * MS);
	sched_vcpu_runstate(v0, &r);
	cr_assert_eq(r.state, RUNSTATE_runnable);
	cr_assert_eq(r.time[RUNSTATE_running], 2 * MS);
	cr_assert_eq(r.time[RUNSTATE_runnable], 1 * MS + 4 * MS, "counted up to now");
	sched_vcpu_runstate(v1, &r);
	cr_assert_eq(r.state, RUNSTATE_running);
	cr_assert_eq(r.time[RUNSTATE_runnable], 3 * MS);
	cr_assert_eq(r.time[RUNSTATE_running], 4 * MS);
	cr_assert_eq(sched_vcpu_run_ns(v1), 4 * MS);
}

Test(sched, runstate_adds_up_across_block_and_wake)
{
	struct vcpu_runstate_info r;

	v0_runs_2ms_of_3();
	sched_block(v0);
	cr_assert_eq(check(), v1);
	fake_time_advance_ns(5 * MS);
	sched_wake(v0);
	fake_time_advance_ns(3 * MS);
	sched_vcpu_runstate(v0, &r);
	cr_assert_eq(r.state, RUNSTATE_runnable);
	cr_assert_eq(r.time[RUNSTATE_running], 2 * MS);
	cr_assert_eq(r.time[RUNSTATE_blocked], 5 * MS);
	cr_assert_eq(r.time[RUNSTATE_runnable], 1 * MS + 3 * MS,
		     "before it ran, and since the wake");
	cr_assert_eq(r.time[RUNSTATE_running] + r.time[RUNSTATE_runnable] +
			 r.time[RUNSTATE_blocked] + r.time[RUNSTATE_offline],
		     11 * MS, "every ns since it was added, once");
	sched_vcpu_runstate(v1, &r);
	cr_assert_eq(r.state, RUNSTATE_running);
	cr_assert_eq(r.time[RUNSTATE_running], 8 * MS);
	cr_assert_eq(r.time[RUNSTATE_runnable], 3 * MS);
}

Test(sched, warped_wake_preempts_at_once)
{
	struct bvt_params warp = {.weight = 10, .warp_ns = 20 * MS};

	sched_add_vcpu(v0);
	sched_add_vcpu(v1);
	cr_assert_eq(bvt_vcpu_set_params(&v1->bvt, &warp), 0);
	cr_assert_eq(resume(), v0);
	sched_yield(v0);
	cr_assert_eq(check(), v1);
	d1->shared_info->vcpu_info[0].evtchn_upcall_pending = 0;
	sched_block(v1);
	cr_assert_eq(check(), v0);
	fake_time_advance_ns(MS);
	sched_wake(v1);
	cr_assert(sched_must_resume(), "the warped vCPU asks for the CPU now");
	cr_assert_eq(check(), v1);
}
