/*
 * bvt.c: Borrowed Virtual Time decisions (bvt.h has the model and the units).
 *
 * The run set is a list, oldest first: ties in EVT go to the vCPU that has waited
 * longest, and a vCPU that loses the CPU goes to the back. Picking scans the list, which is
 * short (one entry per runnable vCPU on this CPU). Nothing here reads a clock: every
 * function is given the time, so the scheduler core and the unit tests drive it alike.
 *
 * Decisions lie on the path of every switch, and the x86 hypervisor is 32-bit, where each
 * 64-bit operation takes several instructions. So each vCPU keeps its EVT in a field
 * (set_evt() wherever its AVT, warp or W changes), arithmetic on bounded values takes
 * 32-bit paths, and the most common decision, a yield to the one other runnable vCPU, has
 * a fast path (yield_to_other) whose result is the general algorithm's.
 */
#include "bvt.h"
#include "check.h"
#include "domain.h"
#include "public/errno.h"

/* a < b for virtual times that may have wrapped (they stay within 2^63 of each other). */
static bool vt_before(uint64_t a, uint64_t b)
{
	return (int64_t)(a - b) < 0;
}

/*
 * value / divisor rounded up. The hot paths (a switch, a yield) divide run times of a few
 * ms and virtual-time gaps that fit in 32 bits: those take a 32-bit division, so a 32-bit
 * arch calls no 64-bit division helper there.
 */
static uint64_t ceil_div(uint64_t value, uint64_t divisor)
{
	if ((value | divisor) <= UINT32_MAX) {
		uint32_t v = (uint32_t)value, d = (uint32_t)divisor;

		return v / d + (v % d != 0);
	}
	return value / divisor + (value % divisor != 0);
}

/*
 * a * b as one 32 x 32 -> 64 multiply (C <= 10^4 MCUs and mcu_advance <= 2^20 always fit;
 * a run's MCUs mostly do): a 32-bit arch would otherwise make three multiplies of a
 * 64 x 64 product.
 */
static uint64_t mul_32x32(uint32_t a, uint32_t b)
{
	return (uint64_t)a * b;
}

/* a * b for any a. */
static uint64_t mul_u64_u32(uint64_t a, uint32_t b)
{
	return a <= UINT32_MAX ? mul_32x32((uint32_t)a, b) : a * b;
}

/* value / divisor rounded up, for 0 < value: one 32-bit division. */
static uint32_t ceil_div_32(uint32_t value, uint32_t divisor)
{
	return (value - 1) / divisor + 1;
}

static uint64_t mcus_in(uint64_t ns)
{
	return ceil_div(ns, BVT_MCU_NS);
}

/* Brings e's EVT up to date after its AVT, warped or warp_vt changed. */
static void set_evt(struct bvt_vcpu *e)
{
	e->evt = e->warped ? e->avt - e->warp_vt : e->avt;
}

/* C in e's virtual time: what e accrues running for C. */
static uint64_t ctx_allow_vt(const struct bvt_sched *s, const struct bvt_vcpu *e)
{
	return mul_32x32(s->ctx_allow_mcus, e->mcu_advance);
}

/* MCUs e owes for running from charged_until to now. */
static uint64_t mcus_owed(const struct bvt_vcpu *e, uint64_t now)
{
	return now > e->charged_until ? mcus_in(now - e->charged_until) : 0;
}

static void end_warp(struct bvt_vcpu *e, uint64_t now)
{
	e->warped = false;
	e->evt = e->avt;
	e->has_warped = true;
	e->unwarped_at = now;
}

static bool may_warp(const struct bvt_vcpu *e, uint64_t now)
{
	return e->params.warp_ns && (!e->has_warped || now - e->unwarped_at >= e->params.unwarp_ns);
}

/* e pays for owed ns of run (> 2^32 - 1: a long run without a decision) in whole MCUs. */
static __attribute__((noinline)) void pay_mcus_long(struct bvt_vcpu *e, uint64_t owed)
{
	uint64_t mcus = mcus_in(owed);
	uint64_t vt = mul_u64_u32(mcus, e->mcu_advance);

	e->avt += vt;
	e->evt += vt;
	e->charged_until += mul_u64_u32(mcus, (uint32_t)BVT_MCU_NS);
}

/*
 * e pays for its run from charged_until to now (now > charged_until) in whole MCUs. A run
 * between decisions is mostly shorter than 2^32 ns (4.2 s): then 32-bit arithmetic does.
 * Out of line: most decisions pay nothing, as vCPUs that yield to each other make many
 * within one MCU (100 us) already paid for.
 */
static __attribute__((noinline)) void pay_mcus(struct bvt_vcpu *e, uint64_t now)
{
	uint64_t owed = now - e->charged_until;
	uint32_t mcus;
	uint64_t vt;

	if (owed > UINT32_MAX) {
		pay_mcus_long(e, owed);
		return;
	}
	mcus = ceil_div_32((uint32_t)owed, (uint32_t)BVT_MCU_NS);
	vt = mul_32x32(mcus, e->mcu_advance);
	e->avt += vt;
	e->evt += vt;
	e->charged_until += mul_32x32(mcus, (uint32_t)BVT_MCU_NS);
}

/* e ran warped from dispatched_at to now: its warp ends when it has used up L. */
static __attribute__((noinline)) void charge_warped(struct bvt_vcpu *e, uint64_t now)
{
	e->warped_run_ns += now > e->dispatched_at ? now - e->dispatched_at : 0;
	if (e->params.warp_limit_ns && e->warped_run_ns >= e->params.warp_limit_ns) {
		end_warp(e, now);
	}
}

/*
 * Charges the running vCPU e for its time up to now. A warp that runs out ends before e
 * pays its MCUs: paying adds the same to AVT and EVT, so the order makes no difference.
 */
static inline void charge(struct bvt_vcpu *e, uint64_t now)
{
	if (e->warped) {
		charge_warped(e, now);
	}
	if (now > e->dispatched_at) {
		e->run_ns += now - e->dispatched_at;
	}
	e->dispatched_at = now;
	if (now > e->charged_until) { /* else the MCU it paid for last covers this run */
		pay_mcus(e, now);
	}
}

static void run_set_append(struct bvt_sched *s, struct bvt_vcpu *e)
{
	e->next = NULL;
	e->prev = s->tail;
	if (s->tail) {
		s->tail->next = e;
	} else {
		s->head = e;
	}
	s->tail = e;
}

static void run_set_remove(struct bvt_sched *s, struct bvt_vcpu *e)
{
	if (e->prev) {
		e->prev->next = e->next;
	} else {
		s->head = e->next;
	}
	if (e->next) {
		e->next->prev = e->prev;
	} else {
		s->tail = e->prev;
	}
	e->prev = e->next = NULL;
}

/* SVT at now: the lowest AVT of the runnable set, the current vCPU charged up to now. */
static uint64_t scheduler_vt(const struct bvt_sched *s, uint64_t now)
{
	uint64_t svt = s->svt;
	bool first = true;

	for (const struct bvt_vcpu *e = s->head; e; e = e->next) {
		uint64_t avt = e->avt;

		if (e == s->current) {
			avt += mul_u64_u32(mcus_owed(e, now), e->mcu_advance);
		}
		if (first || vt_before(avt, svt)) {
			svt = avt;
			first = false;
		}
	}
	return vt_before(svt, s->svt) ? s->svt : svt;
}

void bvt_init(struct bvt_sched *s)
{
	*s = (struct bvt_sched){.current = NULL};
	CHECK(bvt_set_ctx_allow(s, BVT_CTX_ALLOW_DEFAULT_NS) == 0);
}

int bvt_set_ctx_allow(struct bvt_sched *s, uint64_t ctx_allow_ns)
{
	if (ctx_allow_ns < BVT_MCU_NS || ctx_allow_ns > BVT_CTX_ALLOW_MAX_NS) {
		return -EINVAL;
	}
	s->ctx_allow_ns = ctx_allow_ns;
	s->ctx_allow_mcus = (uint32_t)mcus_in(ctx_allow_ns);
	return 0;
}

void bvt_vcpu_init(struct bvt_vcpu *e)
{
	const struct bvt_params defaults = {.weight = BVT_WEIGHT_DEFAULT};

	*e = (struct bvt_vcpu){.runnable = false};
	CHECK(bvt_vcpu_set_params(e, &defaults) == 0);
}

int bvt_params_check(const struct bvt_params *p)
{
	if (p->weight < BVT_WEIGHT_MIN || p->weight > BVT_WEIGHT_MAX ||
	    p->warp_ns > BVT_WARP_MAX_NS || p->warp_limit_ns > BVT_WARP_LIMIT_MAX_NS ||
	    p->unwarp_ns > BVT_UNWARP_MAX_NS) {
		return -EINVAL;
	}
	return 0;
}

int bvt_vcpu_set_params(struct bvt_vcpu *e, const struct bvt_params *p)
{
	if (bvt_params_check(p)) {
		return -EINVAL;
	}
	e->params = *p;
	e->mcu_advance = (uint32_t)(BVT_ADVANCE_SCALE / p->weight);
	e->warp_vt = mcus_in(p->warp_ns) * e->mcu_advance;
	if (!p->warp_ns) {
		e->warped = false;
	}
	set_evt(e);
	return 0;
}

int bvt_domain_set(const struct domain *caller, struct domain *target, const struct bvt_params *p)
{
	if (!caller->privileged) {
		return -EPERM;
	}
	if (bvt_params_check(p)) {
		return -EINVAL;
	}
	for (size_t i = 0; i < ARRAY_SIZE(target->vcpu); i++) {
		CHECK(bvt_vcpu_set_params(&target->vcpu[i].bvt, p) == 0);
	}
	return 0;
}

int bvt_domain_get(const struct domain *caller, const struct domain *target, struct bvt_params *p)
{
	if (!caller->privileged) {
		return -EPERM;
	}
	*p = target->vcpu[0].bvt.params;
	return 0;
}

uint64_t bvt_wake(struct bvt_sched *s, struct bvt_vcpu *e, uint64_t now)
{
	struct bvt_vcpu *cur = s->current;
	uint64_t cur_evt, target;

	CHECK(e->mcu_advance != 0); /* bvt_vcpu_init() was called */
	if (e->runnable) {
		return BVT_NO_DEADLINE;
	}
	s->svt = scheduler_vt(s, now);
	if (vt_before(e->avt, s->svt)) {
		e->avt = s->svt;
	}
	if (may_warp(e, now)) {
		e->warped = true;
		e->warped_run_ns = 0;
	}
	set_evt(e);
	e->yielded = false;
	e->runnable = true;
	run_set_append(s, e);
	if (!cur) {
		return now;
	}
	/* cur keeps the CPU until its EVT passes e's by C (as in pick()). */
	target = e->evt + ctx_allow_vt(s, cur);
	cur_evt = cur->evt + mul_u64_u32(mcus_owed(cur, now), cur->mcu_advance);
	if (!vt_before(cur_evt, target)) {
		return now;
	}
	return cur->charged_until +
	       mul_u64_u32(ceil_div(target - cur->evt, cur->mcu_advance), (uint32_t)BVT_MCU_NS);
}

void bvt_sleep(struct bvt_sched *s, struct bvt_vcpu *e, uint64_t now)
{
	if (e == s->current) {
		charge(e, now);
		s->current = NULL;
	}
	if (e->runnable) {
		run_set_remove(s, e);
		e->runnable = false;
	}
	if (e->warped) {
		end_warp(e, now);
	}
	e->yielded = false;
}

/* What one pass over the run set finds for a decision (every vCPU in it charged). */
struct run_set_scan {
	uint64_t min_avt;	 /* the lowest AVT (valid when lowest is set) */
	struct bvt_vcpu *lowest; /* the lowest EVT, oldest first on ties; NULL: empty set */
	struct bvt_vcpu *second; /* the lowest EVT of the others */
	struct bvt_vcpu *ready;	 /* the lowest EVT of those that did not yield */
};

static void run_set_scan(const struct bvt_sched *s, struct run_set_scan *out)
{
	struct run_set_scan r = {.lowest = NULL, .second = NULL, .ready = NULL};

	for (struct bvt_vcpu *e = s->head; e; e = e->next) {
		uint64_t evt = e->evt;

		if (!r.lowest) {
			r.min_avt = e->avt;
			r.lowest = e;
		} else {
			if (vt_before(e->avt, r.min_avt)) {
				r.min_avt = e->avt;
			}
			if (vt_before(evt, r.lowest->evt)) {
				r.second = r.lowest;
				r.lowest = e;
			} else if (!r.second || vt_before(evt, r.second->evt)) {
				r.second = e;
			}
		}
		if (!e->yielded && (!r.ready || vt_before(evt, r.ready->evt))) {
			r.ready = e;
		}
	}
	*out = r;
}

/*
 * The lowest EVT of the run set (oldest first on ties), or the current vCPU while its EVT
 * has not passed that by C. A yielder sits out when anyone else can run.
 */
static struct bvt_vcpu *pick(const struct bvt_sched *s, const struct run_set_scan *r)
{
	struct bvt_vcpu *cur = s->current;
	struct bvt_vcpu *best = r->ready ? r->ready : r->lowest;

	if (cur && cur != best && (!cur->yielded || !r->ready) &&
	    vt_before(cur->evt, best->evt + ctx_allow_vt(s, cur))) {
		return cur;
	}
	return best;
}

/* The earlier of deadline and when next, warped at now, runs out of its warp limit. */
static __attribute__((noinline)) uint64_t warp_deadline(const struct bvt_vcpu *next, uint64_t now,
							uint64_t deadline)
{
	uint64_t warp_end = now + (next->params.warp_limit_ns - next->warped_run_ns);

	return warp_end < deadline ? warp_end : deadline;
}

/* Real time, in whole MCUs, for a vCPU advancing advance per MCU to gain gap > 2^32 - 1. */
static __attribute__((noinline)) uint64_t time_to_gain_long(uint64_t gap, uint32_t advance)
{
	return mul_u64_u32(ceil_div(gap, advance), (uint32_t)BVT_MCU_NS);
}

/* Real time, in whole MCUs, for a vCPU advancing advance per MCU to gain gap > 0. */
static inline uint64_t time_to_gain(uint64_t gap, uint32_t advance)
{
	if (gap > UINT32_MAX) {
		return time_to_gain_long(gap, advance);
	}
	return mul_32x32(ceil_div_32((uint32_t)gap, advance), (uint32_t)BVT_MCU_NS);
}

/*
 * When next, just chosen at now, must be reconsidered: when its EVT passes the runner-up's
 * (second: the lowest EVT of the others, NULL if none) by C, in whole MCUs from what it has
 * paid for, or its warp limit runs out.
 */
static inline uint64_t deadline_for(const struct bvt_sched *s, const struct bvt_vcpu *next,
				    const struct bvt_vcpu *second, uint64_t now)
{
	uint64_t deadline = BVT_NO_DEADLINE;

	if (second) {
		uint64_t target = second->evt + ctx_allow_vt(s, next);

		if (vt_before(next->evt, target)) {
			deadline = next->charged_until +
				   time_to_gain(target - next->evt, next->mcu_advance);
		} else {
			/* next is not the lowest (the lowest yielded): it gets C. */
			deadline = now + s->ctx_allow_ns;
		}
	}
	if (next->warped && next->params.warp_limit_ns) {
		deadline = warp_deadline(next, now, deadline);
	}
	return deadline;
}

/* next takes the CPU at now; it has paid for nothing beyond now yet. */
static void dispatch(struct bvt_sched *s, struct bvt_vcpu *next, uint64_t now)
{
	next->dispatched_at = now;
	next->charged_until = next->charged_until > now ? next->charged_until : now;
	next->yielded = false;
	s->current = next;
}

/*
 * The fast path of a yield: prev, current and yielded, shares the run set (head, tail)
 * with exactly one other vCPU, which has not yielded. The general algorithm (decide) finds
 * the same there: run_set_scan finds ready = other (the only one that did not yield),
 * lowest and second are the two in some order, and min_avt is tail's AVT if it is before
 * head's, else head's; pick returns ready, as prev yielded and someone else can run; prev
 * goes behind other; other is dispatched (it has not yielded: nothing to clear); and the
 * runner-up deadline_for takes for other is the one vCPU left, prev, whichever of the two
 * is the lowest. test_bvt_equiv.c checks this against the old code over random states.
 */
static inline struct bvt_vcpu *yield_to_other(struct bvt_sched *s, struct bvt_vcpu *head,
					      struct bvt_vcpu *tail, struct bvt_vcpu *prev,
					      struct bvt_vcpu *other, uint64_t now,
					      uint64_t *deadline)
{
	uint64_t min_avt;

	charge(prev, now);
	min_avt = vt_before(tail->avt, head->avt) ? tail->avt : head->avt;
	if (!vt_before(min_avt, s->svt)) {
		s->svt = min_avt;
	}
	prev->yielded = false;
	s->head = other;
	s->tail = prev;
	other->prev = NULL;
	other->next = prev;
	prev->prev = other;
	prev->next = NULL;
	other->dispatched_at = now;
	if (other->charged_until < now) {
		other->charged_until = now;
	}
	s->current = other;
	*deadline = deadline_for(s, other, prev, now);
	return other;
}

/*
 * The general decision: one pass over the run set, after prev is charged, gives SVT, the
 * pick and the runner-up (bvt.h has the rules).
 */
static __attribute__((noinline)) struct bvt_vcpu *decide(struct bvt_sched *s, uint64_t now,
							 uint64_t *deadline)
{
	struct bvt_vcpu *prev = s->current;
	struct run_set_scan scan;
	struct bvt_vcpu *next;

	if (prev) {
		charge(prev, now);
	}
	run_set_scan(s, &scan);
	if (scan.lowest && !vt_before(scan.min_avt, s->svt)) {
		s->svt = scan.min_avt;
	}
	next = pick(s, &scan);
	if (prev) {
		prev->yielded = false;
	}
	if (next != prev) {
		if (prev) {
			run_set_remove(s, prev);
			run_set_append(s, prev);
		}
		if (next) {
			dispatch(s, next, now);
		} else {
			s->current = NULL;
		}
	}
	if (next) {
		struct bvt_vcpu *second = next == scan.lowest ? scan.second : scan.lowest;

		*deadline = deadline_for(s, next, second, now);
	} else {
		*deadline = BVT_NO_DEADLINE;
	}
	return next;
}

HOT_CALL struct bvt_vcpu *bvt_schedule(struct bvt_sched *s, uint64_t now, uint64_t *deadline)
{
	struct bvt_vcpu *prev = s->current;
	struct bvt_vcpu *head = s->head, *tail = s->tail;

	if (prev && prev->yielded && head->next == tail) {
		struct bvt_vcpu *other = prev == head ? tail : head;

		if (!other->yielded) {
			return yield_to_other(s, head, tail, prev, other, now, deadline);
		}
	}
	return decide(s, now, deadline);
}

uint64_t bvt_evt(const struct bvt_vcpu *e)
{
	return e->evt;
}

uint64_t bvt_run_time(const struct bvt_sched *s, const struct bvt_vcpu *e, uint64_t now)
{
	if (e == s->current && now > e->dispatched_at) {
		return e->run_ns + (now - e->dispatched_at);
	}
	return e->run_ns;
}
