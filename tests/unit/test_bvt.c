/*
 * test_bvt.c: Borrowed Virtual Time decisions (core/bvt.c), driven by a simulated clock.
 *
 * The simulation plays the scheduler core: it calls bvt_schedule() at every deadline BVT
 * asks for, wakes and blocks vCPUs at chosen times, and measures CPU shares from each
 * vCPU's run time (the "virtual time" a domain would report).
 */
#include <criterion/criterion.h>

#include "fake.h"

#include "bvt.h"
#include "domain.h"
#include "public/errno.h"

#define MS 1000000ULL
#define US 1000ULL
#define SIM_VCPUS 4

struct sim {
	struct bvt_sched s;
	struct bvt_vcpu v[SIM_VCPUS];
	uint64_t now;
	uint64_t deadline;
	struct bvt_vcpu *running;
	unsigned int switches;
};

static void sim_init(struct sim *sim, const uint32_t *weights, unsigned int count)
{
	*sim = (struct sim){.deadline = BVT_NO_DEADLINE};
	bvt_init(&sim->s);
	for (unsigned int i = 0; i < count; i++) {
		struct bvt_params p = {.weight = weights[i]};

		bvt_vcpu_init(&sim->v[i]);
		cr_assert_eq(bvt_vcpu_set_params(&sim->v[i], &p), 0);
	}
}

static void sim_decide(struct sim *sim)
{
	struct bvt_vcpu *next = bvt_schedule(&sim->s, sim->now, &sim->deadline);

	if (next != sim->running) {
		sim->switches++;
	}
	sim->running = next;
	cr_assert(sim->deadline > sim->now, "a deadline in the future (%llu at %llu)",
		  (unsigned long long)sim->deadline, (unsigned long long)sim->now);
}

/* Runs until time end, deciding at every deadline (delivered `late` ns late). */
static void sim_run_until(struct sim *sim, uint64_t end, uint64_t late)
{
	while (sim->deadline != BVT_NO_DEADLINE && sim->deadline + late <= end) {
		sim->now = sim->deadline + late;
		sim_decide(sim);
	}
	sim->now = end;
}

static void sim_wake(struct sim *sim, unsigned int i)
{
	uint64_t when = bvt_wake(&sim->s, &sim->v[i], sim->now);

	if (when <= sim->now) {
		sim_decide(sim);
	} else if (when < sim->deadline) {
		sim->deadline = when;
	}
}

static void sim_block(struct sim *sim, unsigned int i)
{
	bool was_running = sim->running == &sim->v[i];

	bvt_sleep(&sim->s, &sim->v[i], sim->now);
	if (was_running) {
		sim->running = NULL;
		sim_decide(sim);
	}
}

static uint64_t run_ns(const struct sim *sim, unsigned int i)
{
	return bvt_run_time(&sim->s, &sim->v[i], sim->now);
}

static void assert_shares(const struct sim *sim, const uint32_t *weights, unsigned int count)
{
	uint64_t total = 0;
	uint32_t weight_sum = 0;

	for (unsigned int i = 0; i < count; i++) {
		total += run_ns(sim, i);
		weight_sum += weights[i];
	}
	cr_assert_eq(total, sim->now, "the CPU never idles while anyone is runnable");
	for (unsigned int i = 0; i < count; i++) {
		double share = (double)run_ns(sim, i) / (double)total;
		double expected = (double)weights[i] / weight_sum;

		cr_assert(share > expected * 0.98 && share < expected * 1.02,
			  "vCPU %u (weight %u): share %.4f, expected %.4f", i, weights[i], share,
			  expected);
	}
}

TestSuite(bvt);

Test(bvt, weights_1_2_4_share_the_cpu_within_2_percent)
{
	static const uint32_t weights[] = {1, 2, 4};
	struct sim sim;

	sim_init(&sim, weights, 3);
	for (unsigned int i = 0; i < 3; i++) {
		sim_wake(&sim, i);
	}
	sim_run_until(&sim, 10000 * MS, 0);
	assert_shares(&sim, weights, 3);
	cr_assert_gt(sim.switches, 1000, "time-sliced, not run to completion");
}

Test(bvt, shares_hold_when_the_timer_is_late)
{
	static const uint32_t weights[] = {1, 2, 4};
	struct sim sim;

	sim_init(&sim, weights, 3);
	for (unsigned int i = 0; i < 3; i++) {
		sim_wake(&sim, i);
	}
	sim_run_until(&sim, 10000 * MS, 7 * US);
	assert_shares(&sim, weights, 3);
}

Test(bvt, equal_weights_take_turns_of_about_c)
{
	static const uint32_t weights[] = {10, 10};
	struct sim sim;

	sim_init(&sim, weights, 2);
	sim_wake(&sim, 0);
	sim_wake(&sim, 1);
	cr_assert_eq(sim.running, &sim.v[0], "the older of equals runs first");
	cr_assert_eq(sim.deadline, BVT_CTX_ALLOW_DEFAULT_NS, "runs until it is C ahead");
	sim_run_until(&sim, sim.deadline, 0);
	cr_assert_eq(sim.running, &sim.v[1]);
	cr_assert_eq(sim.deadline, 3 * BVT_CTX_ALLOW_DEFAULT_NS, "then the other, until C ahead");
	cr_assert_eq(run_ns(&sim, 0), BVT_CTX_ALLOW_DEFAULT_NS);
}

Test(bvt, alone_runs_without_a_deadline_and_idle_has_none)
{
	static const uint32_t weights[] = {10};
	struct sim sim;

	sim_init(&sim, weights, 1);
	sim_decide(&sim);
	cr_assert_null(sim.running, "nothing runnable: idle");
	cr_assert_eq(sim.deadline, BVT_NO_DEADLINE);
	sim_wake(&sim, 0);
	cr_assert_eq(sim.running, &sim.v[0], "waking on an idle CPU decides at once");
	cr_assert_eq(sim.deadline, BVT_NO_DEADLINE, "alone: no time slice");
	sim.now = 3 * MS;
	sim_block(&sim, 0);
	cr_assert_null(sim.running);
	cr_assert_eq(run_ns(&sim, 0), 3 * MS);
}

Test(bvt, blocked_vcpus_cost_nothing_and_bank_no_credit)
{
	static const uint32_t weights[] = {10, 10, 10};
	struct sim sim;
	uint64_t sleeper_ran, sleeper_avt;

	sim_init(&sim, weights, 3);
	for (unsigned int i = 0; i < 3; i++) {
		sim_wake(&sim, i);
	}
	sim_run_until(&sim, 100 * MS, 0);
	sim_block(&sim, 2);
	sleeper_ran = run_ns(&sim, 2);
	sim_run_until(&sim, 2100 * MS, 0);
	cr_assert_eq(run_ns(&sim, 2), sleeper_ran, "a blocked vCPU is never run");
	cr_assert_eq(run_ns(&sim, 0) + run_ns(&sim, 1) + sleeper_ran, sim.now,
		     "the others get the whole CPU");

	/* Two seconds asleep are not two seconds of credit: within ~2C the others run. */
	sleeper_avt = sim.v[2].avt;
	sim_wake(&sim, 2);
	cr_assert_gt(sim.v[2].avt, sleeper_avt, "its AVT was raised to the SVT");
	cr_assert_geq(sim.v[2].avt, sim.v[0].avt < sim.v[1].avt ? sim.v[0].avt : sim.v[1].avt);
	sim_run_until(&sim, sim.now + 20 * MS, 0);
	cr_assert_lt(run_ns(&sim, 2) - sleeper_ran, 12 * MS);
}

/*
 * Three vCPUs spin; a fourth, normally blocked, is woken at many points in their cycle.
 * Returns the worst time from wake to dispatch, and blocks it again after 1 ms of work.
 */
static uint64_t worst_wake_latency(const struct bvt_params *sleeper)
{
	static const uint32_t weights[] = {10, 10, 10, 10};
	uint64_t worst = 0;
	struct sim sim;

	sim_init(&sim, weights, 4);
	cr_assert_eq(bvt_vcpu_set_params(&sim.v[3], sleeper), 0);
	for (unsigned int i = 0; i < 3; i++) {
		sim_wake(&sim, i);
	}
	for (unsigned int round = 0; round < 200; round++) {
		uint64_t woken;

		sim_run_until(&sim, sim.now + 13 * MS + round * 370 * US, 0);
		woken = sim.now;
		sim_wake(&sim, 3);
		while (sim.running != &sim.v[3]) {
			cr_assert_neq(sim.deadline, BVT_NO_DEADLINE);
			sim_run_until(&sim, sim.deadline, 0);
		}
		worst = sim.now - woken > worst ? sim.now - woken : worst;
		sim_run_until(&sim, sim.now + 1 * MS, 0);
		if (sim.running == &sim.v[3]) {
			sim_block(&sim, 3);
		} else {
			bvt_sleep(&sim.s, &sim.v[3], sim.now);
		}
	}
	return worst;
}

Test(bvt, warped_vcpu_runs_within_c_of_its_wake_unwarped_waits_its_turn)
{
	struct bvt_params warped = {.weight = 10, .warp_ns = 20 * MS, .warp_limit_ns = 5 * MS};
	struct bvt_params plain = {.weight = 10};
	uint64_t with_warp = worst_wake_latency(&warped);
	uint64_t without_warp = worst_wake_latency(&plain);

	cr_log_info("bvt: worst wake-to-run latency with warp %llu us, without %llu us",
		    (unsigned long long)(with_warp / US), (unsigned long long)(without_warp / US));
	cr_assert_leq(with_warp, BVT_CTX_ALLOW_DEFAULT_NS);
	cr_assert_gt(without_warp, BVT_CTX_ALLOW_DEFAULT_NS);
}

Test(bvt, warp_limit_ends_a_warped_run)
{
	static const uint32_t weights[] = {10, 10};
	struct bvt_params warped = {.weight = 10, .warp_ns = 50 * MS, .warp_limit_ns = 3 * MS};
	struct sim sim;

	sim_init(&sim, weights, 2);
	cr_assert_eq(bvt_vcpu_set_params(&sim.v[1], &warped), 0);
	sim_wake(&sim, 0);
	sim_run_until(&sim, 10 * MS, 0);
	sim_wake(&sim, 1);
	cr_assert_eq(sim.running, &sim.v[1], "warped 50 ms: preempts at once");
	cr_assert(sim.v[1].warped);
	cr_assert_eq(sim.deadline, sim.now + 3 * MS, "the warp limit is the deadline");
	sim_run_until(&sim, sim.deadline, 0);
	cr_assert_not(sim.v[1].warped, "unwarped after running warped for L");
	cr_assert_eq(sim.running, &sim.v[1], "3 MCUs past the other: within C, keeps running");
	sim_run_until(&sim, sim.deadline, 0);
	cr_assert_eq(sim.running, &sim.v[0]);
	cr_assert_eq(run_ns(&sim, 1), 5 * MS, "3 ms warped, then 2 ms to pass the other by C");
}

Test(bvt, without_a_warp_limit_the_warp_lasts)
{
	static const uint32_t weights[] = {10, 10};
	struct bvt_params warped = {.weight = 10, .warp_ns = 50 * MS};
	struct sim sim;

	sim_init(&sim, weights, 2);
	cr_assert_eq(bvt_vcpu_set_params(&sim.v[1], &warped), 0);
	sim_wake(&sim, 0);
	sim_run_until(&sim, 10 * MS, 0);
	sim_wake(&sim, 1);
	cr_assert_eq(sim.running, &sim.v[1]);
	sim_run_until(&sim, sim.deadline, 0);
	cr_assert_eq(sim.running, &sim.v[0]);
	cr_assert(sim.v[1].warped, "still warped: it has not blocked");
	cr_assert_eq(run_ns(&sim, 1), 55 * MS, "W + C");
}

Test(bvt, unwarp_requirement_delays_the_next_warp)
{
	static const uint32_t weights[] = {10, 10};
	struct bvt_params warped = {
	    .weight = 10, .warp_ns = 50 * MS, .warp_limit_ns = 2 * MS, .unwarp_ns = 30 * MS};
	struct sim sim;

	sim_init(&sim, weights, 2);
	cr_assert_eq(bvt_vcpu_set_params(&sim.v[1], &warped), 0);
	sim_wake(&sim, 0);
	sim_run_until(&sim, 10 * MS, 0);
	sim_wake(&sim, 1);
	cr_assert(sim.v[1].warped);
	sim_run_until(&sim, sim.now + 1 * MS, 0);
	sim_block(&sim, 1); /* warp ends at 11 ms */
	cr_assert_not(sim.v[1].warped);

	sim_run_until(&sim, 20 * MS, 0);
	sim_wake(&sim, 1);
	cr_assert_not(sim.v[1].warped, "9 ms after its warp ended: U is 30 ms");
	sim_block(&sim, 1);

	sim_run_until(&sim, 41 * MS, 0);
	sim_wake(&sim, 1);
	cr_assert(sim.v[1].warped, "30 ms after: may warp again");
	cr_assert_eq(sim.running, &sim.v[1]);
}

Test(bvt, warped_domain_cannot_take_more_than_its_share)
{
	static const uint32_t weights[] = {10, 10};
	struct bvt_params warped = {.weight = 10, .warp_ns = 20 * MS};
	struct sim sim;

	sim_init(&sim, weights, 2);
	cr_assert_eq(bvt_vcpu_set_params(&sim.v[1], &warped), 0);
	sim_wake(&sim, 0);
	sim_wake(&sim, 1);
	sim_run_until(&sim, 5000 * MS, 0);
	assert_shares(&sim, weights, 2);
}

Test(bvt, yield_passes_the_cpu_once)
{
	static const uint32_t weights[] = {10, 10};
	struct sim sim;

	sim_init(&sim, weights, 2);
	sim_wake(&sim, 0);
	cr_assert_eq(sim.running, &sim.v[0]);
	sim_wake(&sim, 1);
	cr_assert_eq(sim.running, &sim.v[0], "equal EVTs: the current keeps the CPU");
	bvt_yield(&sim.s, &sim.v[0]);
	sim_decide(&sim);
	cr_assert_eq(sim.running, &sim.v[1], "yield hands the CPU over");
	cr_assert(!sim.v[0].yielded && !sim.v[1].yielded);

	bvt_yield(&sim.s, &sim.v[1]);
	sim_block(&sim, 0);
	sim_decide(&sim);
	cr_assert_eq(sim.running, &sim.v[1], "a yield with nobody else to run is a no-op");
}

Test(bvt, yield_says_whether_a_decision_is_needed)
{
	static const uint32_t weights[] = {10, 10};
	struct sim sim;

	sim_init(&sim, weights, 2);
	sim_wake(&sim, 0);
	cr_assert(!bvt_yield(&sim.s, &sim.v[0]), "alone: nobody to yield to");
	cr_assert(!sim.v[0].yielded, "and nothing is marked");
	sim_wake(&sim, 1);
	cr_assert(bvt_yield(&sim.s, &sim.v[0]), "another is runnable: a decision is due");
	cr_assert(sim.v[0].yielded);
	sim_decide(&sim);
	cr_assert_eq(sim.running, &sim.v[1]);
}

Test(bvt, yield_to_a_vcpu_within_c_lets_it_run_until_c_ahead)
{
	static const uint32_t weights[] = {10, 10};
	struct sim sim;

	sim_init(&sim, weights, 2);
	sim_wake(&sim, 0);
	sim_run_until(&sim, 30 * MS, 0);
	sim_wake(&sim, 1);		 /* raised to v0's AVT */
	sim_run_until(&sim, 36 * MS, 0); /* v0 ran to 35 ms, C past v1 */
	cr_assert_eq(sim.running, &sim.v[1]);
	bvt_yield(&sim.s, &sim.v[1]);
	sim_decide(&sim);
	cr_assert_eq(sim.running, &sim.v[0], "yields to a vCPU with a higher EVT");
	cr_assert_eq(sim.deadline, sim.now + 1 * MS, "1 ms takes it C past the yielder");
	sim_run_until(&sim, sim.deadline, 0);
	cr_assert_eq(sim.running, &sim.v[1]);
}

Test(bvt, yield_to_a_vcpu_further_ahead_gives_it_c)
{
	static const uint32_t weights[] = {10, 10};
	struct bvt_params warped = {.weight = 10, .warp_ns = 20 * MS};
	struct sim sim;

	sim_init(&sim, weights, 2);
	cr_assert_eq(bvt_vcpu_set_params(&sim.v[1], &warped), 0);
	sim_wake(&sim, 0);
	sim_run_until(&sim, 30 * MS, 0);
	sim_wake(&sim, 1);
	cr_assert_eq(sim.running, &sim.v[1], "warped 20 ms: preempts");
	bvt_yield(&sim.s, &sim.v[1]);
	sim_decide(&sim);
	cr_assert_eq(sim.running, &sim.v[0]);
	cr_assert_eq(sim.deadline, sim.now + BVT_CTX_ALLOW_DEFAULT_NS,
		     "more than C ahead of the yielder: it gets C");
	sim_run_until(&sim, sim.deadline, 0);
	cr_assert_eq(sim.running, &sim.v[1]);
}

Test(bvt, charging_is_in_whole_mcus)
{
	static const uint32_t weights[] = {10, 10};
	struct sim sim;
	uint64_t advance = BVT_ADVANCE_SCALE / 10;

	sim_init(&sim, weights, 2);
	sim_wake(&sim, 0);
	sim.now = 1;
	sim_block(&sim, 0);
	cr_assert_eq(sim.v[0].avt, advance, "1 ns run pays one MCU");
	sim_wake(&sim, 0);
	sim.now += BVT_MCU_NS + 1;
	sim_decide(&sim);
	cr_assert_eq(sim.v[0].avt, 2 * advance,
		     "paid up to 100 us already: 2 ns past that costs one more MCU");
	sim.now += BVT_MCU_NS / 2;
	sim_decide(&sim);
	cr_assert_eq(sim.v[0].avt, 2 * advance, "already paid for up to here");
	sim.now += BVT_MCU_NS / 2;
	sim_decide(&sim);
	cr_assert_eq(sim.v[0].avt, 3 * advance);
	cr_assert_eq(run_ns(&sim, 0), 1 + BVT_MCU_NS + 1 + BVT_MCU_NS, "run time is exact");
}

Test(bvt, a_heavier_weight_advances_virtual_time_more_slowly)
{
	static const uint32_t weights[] = {1, 4};
	struct sim sim;

	sim_init(&sim, weights, 2);
	cr_assert_eq(sim.v[0].mcu_advance, 4 * sim.v[1].mcu_advance);
}

Test(bvt, parameters_are_validated)
{
	struct bvt_vcpu e;
	struct bvt_sched s;
	const struct bvt_params bad[] = {
	    {.weight = 0},
	    {.weight = BVT_WEIGHT_MAX + 1},
	    {.weight = 1, .warp_ns = BVT_WARP_MAX_NS + 1},
	    {.weight = 1, .warp_limit_ns = BVT_WARP_LIMIT_MAX_NS + 1},
	    {.weight = 1, .unwarp_ns = BVT_UNWARP_MAX_NS + 1},
	};
	const struct bvt_params good = {.weight = BVT_WEIGHT_MAX,
					.warp_ns = BVT_WARP_MAX_NS,
					.warp_limit_ns = BVT_WARP_LIMIT_MAX_NS,
					.unwarp_ns = BVT_UNWARP_MAX_NS};

	bvt_vcpu_init(&e);
	cr_assert_eq(e.params.weight, BVT_WEIGHT_DEFAULT);
	for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
		cr_assert_eq(bvt_params_check(&bad[i]), -EINVAL, "bad[%zu]", i);
		cr_assert_eq(bvt_vcpu_set_params(&e, &bad[i]), -EINVAL);
		cr_assert_eq(e.params.weight, BVT_WEIGHT_DEFAULT, "refused: unchanged");
	}
	cr_assert_eq(bvt_vcpu_set_params(&e, &good), 0);
	cr_assert_eq(e.params.warp_ns, BVT_WARP_MAX_NS);

	bvt_init(&s);
	cr_assert_eq(bvt_set_ctx_allow(&s, BVT_MCU_NS - 1), -EINVAL);
	cr_assert_eq(bvt_set_ctx_allow(&s, BVT_CTX_ALLOW_MAX_NS + 1), -EINVAL);
	cr_assert_eq(s.ctx_allow_ns, BVT_CTX_ALLOW_DEFAULT_NS);
	cr_assert_eq(bvt_set_ctx_allow(&s, 250 * US), 0);
	cr_assert_eq(s.ctx_allow_mcus, 3);
}

Test(bvt, only_a_privileged_domain_sets_or_reads_parameters)
{
	struct domain *d0, *d1, *d2;
	struct bvt_params p = {.weight = 7, .warp_ns = 1 * MS, .unwarp_ns = 2 * MS};
	struct bvt_params bad = {.weight = 0};
	struct bvt_params got;

	fake_boot();
	d0 = domain_create(0, true);
	d1 = domain_create(1, false);
	d2 = domain_create(2, false);
	bvt_vcpu_init(&d1->vcpu[0].bvt);
	bvt_vcpu_init(&d2->vcpu[0].bvt);

	cr_assert_eq(bvt_domain_set(d1, d2, &p), -EPERM);
	cr_assert_eq(bvt_domain_set(d1, d1, &p), -EPERM, "not even its own");
	cr_assert_eq(bvt_domain_get(d1, d2, &got), -EPERM);
	cr_assert_eq(bvt_domain_set(d0, d2, &bad), -EINVAL);
	cr_assert_eq(d2->vcpu[0].bvt.params.weight, BVT_WEIGHT_DEFAULT);
	cr_assert_eq(bvt_domain_set(d0, d2, &p), 0);
	cr_assert_eq(bvt_domain_get(d0, d2, &got), 0);
	cr_assert_eq(got.weight, 7);
	cr_assert_eq(got.warp_ns, 1 * MS);
	cr_assert_eq(got.unwarp_ns, 2 * MS);
	cr_assert_eq(d2->vcpu[0].bvt.mcu_advance, BVT_ADVANCE_SCALE / 7);
}

Test(bvt, virtual_time_may_wrap)
{
	static const uint32_t weights[] = {1, 2, 4};
	struct sim sim;

	sim_init(&sim, weights, 3);
	for (unsigned int i = 0; i < 3; i++) {
		sim.v[i].avt = UINT64_MAX - 50 * BVT_ADVANCE_SCALE;
	}
	sim.s.svt = UINT64_MAX - 50 * BVT_ADVANCE_SCALE;
	for (unsigned int i = 0; i < 3; i++) {
		sim_wake(&sim, i);
	}
	sim_run_until(&sim, 10000 * MS, 0);
	assert_shares(&sim, weights, 3);
}

Test(bvt, waking_an_uninitialised_vcpu_is_a_hypervisor_bug)
{
	static struct bvt_vcpu zeroed;
	struct bvt_sched s;

	fake_boot();
	bvt_init(&s);
	FAKE_CATCH_ESCAPE(bvt_wake(&s, &zeroed, 0));
	cr_assert_eq(fake_escape_taken(), FAKE_ESCAPE_STOP);
	cr_assert_eq(fake_machine_status(), MACHINE_PANIC);
}
