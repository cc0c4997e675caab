/*
 * test_bvt_equiv.c: BVT's decisions (core/bvt.c) against a reference, the straightforward
 * algorithm bvt.c had before its hot paths were tuned for 32-bit arches (cached EVTs,
 * 32-bit arithmetic, the yield fast path). Both are driven through the same random
 * sequences of wakes, blocks, yields, parameter changes and decisions, with times that
 * sometimes jump by more than 2^32 ns and virtual times that wrap, and every result and
 * every field of the state must agree after each step.
 */
#include <criterion/criterion.h>

#include "bvt.h"
#include "public/errno.h"

/* The reference's state: struct bvt_vcpu and bvt_sched as they were (no cached EVT). */
struct ref_vcpu {
	struct bvt_params params;
	uint64_t mcu_advance;
	uint64_t warp_vt;
	uint64_t avt;
	uint64_t charged_until;
	uint64_t dispatched_at;
	uint64_t run_ns;
	uint64_t warped_run_ns;
	uint64_t unwarped_at;
	bool runnable;
	bool warped;
	bool has_warped;
	bool yielded;
	struct ref_vcpu *prev, *next;
};

struct ref_sched {
	uint64_t ctx_allow_ns;
	uint64_t ctx_allow_mcus;
	uint64_t svt;
	struct ref_vcpu *current;
	struct ref_vcpu *head, *tail;
};

/* The reference: bvt.c's decision code as it was, renamed (bvt_ -> ref_). */

static int ref_set_ctx_allow(struct ref_sched *s, uint64_t ctx_allow_ns);
static int ref_vcpu_set_params(struct ref_vcpu *e, const struct bvt_params *p);

/* a < b for virtual times that may have wrapped (they stay within 2^63 of each other). */
static bool ref_vt_before(uint64_t a, uint64_t b)
{
	return (int64_t)(a - b) < 0;
}

/*
 * value / divisor rounded up. The hot paths (a switch, a yield) divide run times of a few
 * ms and virtual-time gaps that fit in 32 bits: those take a 32-bit division, so a 32-bit
 * arch calls no 64-bit division helper there.
 */
static uint64_t ref_ceil_div(uint64_t value, uint64_t divisor)
{
	if ((value | divisor) <= UINT32_MAX) {
		uint32_t v = (uint32_t)value, d = (uint32_t)divisor;

		return v / d + (v % d != 0);
	}
	return value / divisor + (value % divisor != 0);
}

/*
 * a * b where both fit in 32 bits, as one 32 x 32 -> 64 multiply (C <= 10^4 MCUs and
 * mcu_advance <= 2^20 always do; a run's MCUs mostly do): a 32-bit arch would otherwise
 * make three multiplies of a 64 x 64 product.
 */
static uint64_t ref_mul_32x32(uint64_t a, uint64_t b)
{
	return (uint64_t)(uint32_t)a * (uint32_t)b;
}

/* a * b for any a, b < 2^32. */
static uint64_t ref_mul_u64_u32(uint64_t a, uint64_t b)
{
	return a <= UINT32_MAX ? ref_mul_32x32(a, b) : a * b;
}

static uint64_t ref_mcus_in(uint64_t ns)
{
	return ref_ceil_div(ns, BVT_MCU_NS);
}

static uint64_t ref_evt_of(const struct ref_vcpu *e)
{
	return e->warped ? e->avt - e->warp_vt : e->avt;
}

/* C in e's virtual time: what e accrues running for C. */
static uint64_t ref_ctx_allow_vt(const struct ref_sched *s, const struct ref_vcpu *e)
{
	return ref_mul_32x32(s->ctx_allow_mcus, e->mcu_advance);
}

/* MCUs e owes for running from charged_until to now. */
static uint64_t ref_mcus_owed(const struct ref_vcpu *e, uint64_t now)
{
	return now > e->charged_until ? ref_mcus_in(now - e->charged_until) : 0;
}

static void ref_end_warp(struct ref_vcpu *e, uint64_t now)
{
	e->warped = false;
	e->has_warped = true;
	e->unwarped_at = now;
}

static bool ref_may_warp(const struct ref_vcpu *e, uint64_t now)
{
	return e->params.warp_ns && (!e->has_warped || now - e->unwarped_at >= e->params.unwarp_ns);
}

/* Charges the running vCPU e for its time up to now. */
static void ref_charge(struct ref_vcpu *e, uint64_t now)
{
	uint64_t ran = now > e->dispatched_at ? now - e->dispatched_at : 0;

	e->run_ns += ran;
	e->dispatched_at = now;
	if (now > e->charged_until) { /* else the MCU it paid for last covers this run */
		uint64_t mcus = ref_mcus_in(now - e->charged_until);

		e->avt += ref_mul_u64_u32(mcus, e->mcu_advance);
		e->charged_until += ref_mul_u64_u32(mcus, BVT_MCU_NS);
	}
	if (e->warped) {
		e->warped_run_ns += ran;
		if (e->params.warp_limit_ns && e->warped_run_ns >= e->params.warp_limit_ns) {
			ref_end_warp(e, now);
		}
	}
}

static void ref_run_set_append(struct ref_sched *s, struct ref_vcpu *e)
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

static void ref_run_set_remove(struct ref_sched *s, struct ref_vcpu *e)
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
static uint64_t ref_scheduler_vt(const struct ref_sched *s, uint64_t now)
{
	uint64_t svt = s->svt;
	bool first = true;

	for (const struct ref_vcpu *e = s->head; e; e = e->next) {
		uint64_t avt = e->avt;

		if (e == s->current) {
			avt += ref_mul_u64_u32(ref_mcus_owed(e, now), e->mcu_advance);
		}
		if (first || ref_vt_before(avt, svt)) {
			svt = avt;
			first = false;
		}
	}
	return ref_vt_before(svt, s->svt) ? s->svt : svt;
}

static void ref_init(struct ref_sched *s)
{
	*s = (struct ref_sched){.current = NULL};
	cr_assert(ref_set_ctx_allow(s, BVT_CTX_ALLOW_DEFAULT_NS) == 0);
}

static int ref_set_ctx_allow(struct ref_sched *s, uint64_t ctx_allow_ns)
{
	if (ctx_allow_ns < BVT_MCU_NS || ctx_allow_ns > BVT_CTX_ALLOW_MAX_NS) {
		return -EINVAL;
	}
	s->ctx_allow_ns = ctx_allow_ns;
	s->ctx_allow_mcus = ref_mcus_in(ctx_allow_ns);
	return 0;
}

static void ref_vcpu_init(struct ref_vcpu *e)
{
	const struct bvt_params defaults = {.weight = BVT_WEIGHT_DEFAULT};

	*e = (struct ref_vcpu){.runnable = false};
	cr_assert(ref_vcpu_set_params(e, &defaults) == 0);
}

static int ref_params_check(const struct bvt_params *p)
{
	if (p->weight < BVT_WEIGHT_MIN || p->weight > BVT_WEIGHT_MAX ||
	    p->warp_ns > BVT_WARP_MAX_NS || p->warp_limit_ns > BVT_WARP_LIMIT_MAX_NS ||
	    p->unwarp_ns > BVT_UNWARP_MAX_NS) {
		return -EINVAL;
	}
	return 0;
}

static int ref_vcpu_set_params(struct ref_vcpu *e, const struct bvt_params *p)
{
	if (ref_params_check(p)) {
		return -EINVAL;
	}
	e->params = *p;
	e->mcu_advance = BVT_ADVANCE_SCALE / p->weight;
	e->warp_vt = ref_mcus_in(p->warp_ns) * e->mcu_advance;
	if (!p->warp_ns) {
		e->warped = false;
	}
	return 0;
}

static uint64_t ref_wake(struct ref_sched *s, struct ref_vcpu *e, uint64_t now)
{
	struct ref_vcpu *cur = s->current;
	uint64_t cur_evt, target;

	cr_assert(e->mcu_advance != 0); /* ref_vcpu_init() was called */
	if (e->runnable) {
		return BVT_NO_DEADLINE;
	}
	s->svt = ref_scheduler_vt(s, now);
	if (ref_vt_before(e->avt, s->svt)) {
		e->avt = s->svt;
	}
	if (ref_may_warp(e, now)) {
		e->warped = true;
		e->warped_run_ns = 0;
	}
	e->yielded = false;
	e->runnable = true;
	ref_run_set_append(s, e);
	if (!cur) {
		return now;
	}
	/* cur keeps the CPU until its EVT passes e's by C (as in ref_pick()). */
	target = ref_evt_of(e) + ref_ctx_allow_vt(s, cur);
	cur_evt = ref_evt_of(cur) + ref_mul_u64_u32(ref_mcus_owed(cur, now), cur->mcu_advance);
	if (!ref_vt_before(cur_evt, target)) {
		return now;
	}
	return cur->charged_until +
	       ref_mul_u64_u32(ref_ceil_div(target - ref_evt_of(cur), cur->mcu_advance),
			       BVT_MCU_NS);
}

static void ref_sleep(struct ref_sched *s, struct ref_vcpu *e, uint64_t now)
{
	if (e == s->current) {
		ref_charge(e, now);
		s->current = NULL;
	}
	if (e->runnable) {
		ref_run_set_remove(s, e);
		e->runnable = false;
	}
	if (e->warped) {
		ref_end_warp(e, now);
	}
	e->yielded = false;
}

static bool ref_yield(struct ref_sched *s, struct ref_vcpu *e)
{
	if (s->head == e && s->tail == e) {
		return false; /* alone in the run set: nobody to give the CPU to */
	}
	e->yielded = true;
	return true;
}

/* What one pass over the run set finds for a decision (every vCPU in it charged). */
struct ref_scan {
	uint64_t min_avt;	 /* the lowest AVT (valid when lowest is set) */
	struct ref_vcpu *lowest; /* the lowest EVT, oldest first on ties; NULL: empty set */
	struct ref_vcpu *second; /* the lowest EVT of the others */
	struct ref_vcpu *ready;	 /* the lowest EVT of those that did not yield */
};

static void ref_run_set_scan(const struct ref_sched *s, struct ref_scan *out)
{
	struct ref_scan r = {.lowest = NULL, .second = NULL, .ready = NULL};

	for (struct ref_vcpu *e = s->head; e; e = e->next) {
		uint64_t evt = ref_evt_of(e);

		if (!r.lowest) {
			r.min_avt = e->avt;
			r.lowest = e;
		} else {
			if (ref_vt_before(e->avt, r.min_avt)) {
				r.min_avt = e->avt;
			}
			if (ref_vt_before(evt, ref_evt_of(r.lowest))) {
				r.second = r.lowest;
				r.lowest = e;
			} else if (!r.second || ref_vt_before(evt, ref_evt_of(r.second))) {
				r.second = e;
			}
		}
		if (!e->yielded && (!r.ready || ref_vt_before(evt, ref_evt_of(r.ready)))) {
			r.ready = e;
		}
	}
	*out = r;
}

/*
 * The lowest EVT of the run set (oldest first on ties), or the current vCPU while its EVT
 * has not passed that by C. A yielder sits out when anyone else can run.
 */
static struct ref_vcpu *ref_pick(const struct ref_sched *s, const struct ref_scan *r)
{
	struct ref_vcpu *cur = s->current;
	struct ref_vcpu *best = r->ready ? r->ready : r->lowest;

	if (cur && cur != best && (!cur->yielded || !r->ready) &&
	    ref_vt_before(ref_evt_of(cur), ref_evt_of(best) + ref_ctx_allow_vt(s, cur))) {
		return cur;
	}
	return best;
}

/*
 * When next, just chosen at now, must be reconsidered: when its EVT passes the runner-up's
 * (the lowest EVT of the others) by C, in whole MCUs from what it has paid for, or its warp
 * limit runs out.
 */
static uint64_t ref_deadline_for(const struct ref_sched *s, const struct ref_vcpu *next,
				 const struct ref_scan *r, uint64_t now)
{
	const struct ref_vcpu *second = next == r->lowest ? r->second : r->lowest;
	uint64_t deadline = BVT_NO_DEADLINE;

	if (second) {
		uint64_t target = ref_evt_of(second) + ref_ctx_allow_vt(s, next);

		if (ref_vt_before(ref_evt_of(next), target)) {
			deadline = next->charged_until +
				   ref_mul_u64_u32(
				       ref_ceil_div(target - ref_evt_of(next), next->mcu_advance),
				       BVT_MCU_NS);
		} else {
			/* next is not the lowest (the lowest yielded): it gets C. */
			deadline = now + s->ctx_allow_ns;
		}
	}
	if (next->warped && next->params.warp_limit_ns) {
		uint64_t warp_end = now + (next->params.warp_limit_ns - next->warped_run_ns);

		deadline = warp_end < deadline ? warp_end : deadline;
	}
	return deadline;
}

/*
 * One pass over the run set, after prev is charged, gives SVT, the pick and the runner-up
 * (bvt.h has the rules).
 */
static struct ref_vcpu *ref_schedule(struct ref_sched *s, uint64_t now, uint64_t *deadline)
{
	struct ref_vcpu *prev = s->current;
	struct ref_scan scan;
	struct ref_vcpu *next;

	if (prev) {
		ref_charge(prev, now);
	}
	ref_run_set_scan(s, &scan);
	if (scan.lowest && !ref_vt_before(scan.min_avt, s->svt)) {
		s->svt = scan.min_avt;
	}
	next = ref_pick(s, &scan);
	if (prev) {
		prev->yielded = false;
	}
	if (next != prev) {
		if (prev) {
			ref_run_set_remove(s, prev);
			ref_run_set_append(s, prev);
		}
		if (next) {
			next->dispatched_at = now;
			next->charged_until = next->charged_until > now ? next->charged_until : now;
			next->yielded = false;
		}
		s->current = next;
	}
	*deadline = next ? ref_deadline_for(s, next, &scan, now) : BVT_NO_DEADLINE;
	return next;
}

static uint64_t ref_run_time(const struct ref_sched *s, const struct ref_vcpu *e, uint64_t now)
{
	if (e == s->current && now > e->dispatched_at) {
		return e->run_ns + (now - e->dispatched_at);
	}
	return e->run_ns;
}

/* The driver: the same operations on bvt.c and on the reference, and their comparison. */

#define EQ_VCPUS 4
#define MS 1000000ULL

struct pair {
	struct bvt_sched s;
	struct bvt_vcpu v[EQ_VCPUS];
	struct ref_sched rs;
	struct ref_vcpu rv[EQ_VCPUS];
	unsigned int n; /* vCPUs in play */
	uint64_t now;
	uint64_t seed; /* the random generator's state */
	uint64_t id;   /* the run's seed, for messages */
	unsigned int step;
	unsigned int decisions;
	unsigned int fast_shapes; /* decisions in the shape of bvt.c's yield fast path */
};

static uint64_t rnd(struct pair *p)
{
	/* xorshift64* */
	p->seed ^= p->seed >> 12;
	p->seed ^= p->seed << 25;
	p->seed ^= p->seed >> 27;
	return p->seed * 0x2545F4914F6CDD1DULL;
}

static uint64_t rnd_below(struct pair *p, uint64_t bound)
{
	return rnd(p) % bound;
}

static long idx_of(const struct pair *p, const struct bvt_vcpu *e)
{
	return e ? e - p->v : -1;
}

static long ref_idx_of(const struct pair *p, const struct ref_vcpu *e)
{
	return e ? e - p->rv : -1;
}

#define SAME(a, b, what, ...)                                                                    \
	cr_assert_eq((uint64_t)(a), (uint64_t)(b),                                               \
		     "seed %llu step %u: " what ": %llu, the reference %llu",                    \
		     (unsigned long long)p->id, p->step, ##__VA_ARGS__, (unsigned long long)(a), \
		     (unsigned long long)(b))

static void assert_same(const struct pair *p)
{
	SAME(p->s.svt, p->rs.svt, "SVT");
	SAME(p->s.ctx_allow_ns, p->rs.ctx_allow_ns, "C");
	SAME(p->s.ctx_allow_mcus, p->rs.ctx_allow_mcus, "C in MCUs");
	SAME(idx_of(p, p->s.current), ref_idx_of(p, p->rs.current), "current");
	SAME(idx_of(p, p->s.head), ref_idx_of(p, p->rs.head), "head");
	SAME(idx_of(p, p->s.tail), ref_idx_of(p, p->rs.tail), "tail");
	for (unsigned int i = 0; i < p->n; i++) {
		const struct bvt_vcpu *e = &p->v[i];
		const struct ref_vcpu *r = &p->rv[i];

		SAME(e->params.weight, r->params.weight, "v%u weight", i);
		SAME(e->params.warp_ns, r->params.warp_ns, "v%u W", i);
		SAME(e->params.warp_limit_ns, r->params.warp_limit_ns, "v%u L", i);
		SAME(e->params.unwarp_ns, r->params.unwarp_ns, "v%u U", i);
		SAME(e->mcu_advance, r->mcu_advance, "v%u mcu_advance", i);
		SAME(e->warp_vt, r->warp_vt, "v%u warp_vt", i);
		SAME(e->avt, r->avt, "v%u AVT", i);
		SAME(e->evt, ref_evt_of(r), "v%u EVT", i);
		SAME(bvt_evt(e), ref_evt_of(r), "v%u bvt_evt", i);
		SAME(e->charged_until, r->charged_until, "v%u charged_until", i);
		SAME(e->dispatched_at, r->dispatched_at, "v%u dispatched_at", i);
		SAME(e->run_ns, r->run_ns, "v%u run_ns", i);
		SAME(bvt_run_time(&p->s, e, p->now), ref_run_time(&p->rs, r, p->now),
		     "v%u run time", i);
		SAME(e->warped_run_ns, r->warped_run_ns, "v%u warped_run_ns", i);
		SAME(e->unwarped_at, r->unwarped_at, "v%u unwarped_at", i);
		SAME(e->runnable, r->runnable, "v%u runnable", i);
		SAME(e->warped, r->warped, "v%u warped", i);
		SAME(e->has_warped, r->has_warped, "v%u has_warped", i);
		SAME(e->yielded, r->yielded, "v%u yielded", i);
		SAME(idx_of(p, e->prev), ref_idx_of(p, r->prev), "v%u prev", i);
		SAME(idx_of(p, e->next), ref_idx_of(p, r->next), "v%u next", i);
	}
}

static struct bvt_params random_params(struct pair *p)
{
	static const uint32_t weights[] = {1, 2, 3, 7, 10, 10, 10, 33, 100, 1000, 4095, 4096};
	static const uint64_t warps[] = {0,	 0,	 0,	  1,	   99999,
					 100000, 2 * MS, 20 * MS, 50 * MS, BVT_WARP_MAX_NS};
	static const uint64_t limits[] = {0,	  0,	  1,	   100000,
					  1 * MS, 3 * MS, 20 * MS, BVT_WARP_LIMIT_MAX_NS};
	static const uint64_t unwarps[] = {0, 0, 1 * MS, 30 * MS, BVT_UNWARP_MAX_NS};
	struct bvt_params params = {
	    .weight = rnd_below(p, 4) ? weights[rnd_below(p, ARRAY_SIZE(weights))]
				      : (uint32_t)(1 + rnd_below(p, BVT_WEIGHT_MAX)),
	    .warp_ns = warps[rnd_below(p, ARRAY_SIZE(warps))],
	    .warp_limit_ns = limits[rnd_below(p, ARRAY_SIZE(limits))],
	    .unwarp_ns = unwarps[rnd_below(p, ARRAY_SIZE(unwarps))],
	};

	return params;
}

/* Time moves on: mostly a little (a yield's worth), sometimes an MCU or more, rarely > 2^32. */
static void advance_time(struct pair *p)
{
	switch (rnd_below(p, 16)) {
	case 0:
		break;
	case 1:
	case 2:
	case 3:
	case 4:
	case 5:
		p->now += 1 + rnd_below(p, 3000);
		break;
	case 6:
	case 7:
	case 8:
		p->now += rnd_below(p, 300000);
		break;
	case 9:
	case 10:
	case 11:
		p->now += rnd_below(p, 20 * MS);
		break;
	case 12:
		p->now += 100000 * (1 + rnd_below(p, 3)) + rnd_below(p, 3) - 1;
		break;
	case 13:
	case 14:
		p->now += rnd_below(p, 200 * MS);
		break;
	default:
		if (rnd_below(p, 8) == 0) {
			p->now += (1ULL << 32) + rnd_below(p, 8000 * MS);
		} else {
			p->now += rnd_below(p, 2000 * MS);
		}
		break;
	}
}

static void pair_init(struct pair *p, unsigned int n, uint64_t seed)
{
	static const uint64_t bases[] = {0, 1ULL << 40, UINT64_MAX - 50 * BVT_ADVANCE_SCALE,
					 UINT64_MAX - 3 * BVT_ADVANCE_SCALE / 2};
	uint64_t base;

	*p = (struct pair){.n = n, .seed = seed * 2654435761ULL + 1, .id = seed};
	base = rnd_below(p, 2) ? bases[rnd_below(p, ARRAY_SIZE(bases))] : rnd(p);
	bvt_init(&p->s);
	ref_init(&p->rs);
	p->s.svt = p->rs.svt = base;
	p->now = rnd_below(p, 2) ? 0 : rnd_below(p, 1ULL << 50);
	for (unsigned int i = 0; i < n; i++) {
		struct bvt_params params = random_params(p);

		bvt_vcpu_init(&p->v[i]);
		ref_vcpu_init(&p->rv[i]);
		cr_assert_eq(bvt_vcpu_set_params(&p->v[i], &params), 0);
		cr_assert_eq(ref_vcpu_set_params(&p->rv[i], &params), 0);
		/* not warped: bvt.c's cached EVT is the AVT */
		p->v[i].avt = p->rv[i].avt = base + rnd_below(p, 4) * BVT_ADVANCE_SCALE;
		p->v[i].evt = p->v[i].avt;
	}
}

/* Is bvt.c's next decision in the shape of its yield fast path? */
static bool fast_shape(const struct bvt_sched *s)
{
	const struct bvt_vcpu *cur = s->current;
	const struct bvt_vcpu *other;

	if (!cur || !cur->yielded || !s->head || s->head->next != s->tail) {
		return false;
	}
	other = cur == s->head ? s->tail : s->head;
	return !other->yielded;
}

static void decide(struct pair *p)
{
	uint64_t deadline = 0, ref_deadline = 1;
	struct bvt_vcpu *next;
	struct ref_vcpu *ref_next;

	p->fast_shapes += fast_shape(&p->s);
	p->decisions++;
	next = bvt_schedule(&p->s, p->now, &deadline);
	ref_next = ref_schedule(&p->rs, p->now, &ref_deadline);
	SAME(idx_of(p, next), ref_idx_of(p, ref_next), "the pick");
	SAME(deadline, ref_deadline, "the deadline");
}

/* A yield by the current vCPU (or, rarely, by another), then a decision if one is due. */
static void yield(struct pair *p, unsigned int i)
{
	bool due = bvt_yield(&p->s, &p->v[i]);

	SAME(due, ref_yield(&p->rs, &p->rv[i]), "yield's answer");
	if (due && &p->v[i] == p->s.current) {
		decide(p);
	}
}

/* One random step; pingpong: mostly the current vCPU yields, as in the yield bench. */
static void random_step(struct pair *p, bool pingpong)
{
	unsigned int i = (unsigned int)rnd_below(p, p->n);
	unsigned int op = (unsigned int)rnd_below(p, 100);
	uint64_t when, ref_when;

	advance_time(p);
	if (pingpong && op < 70) {
		op = 0;
	} else if (pingpong) {
		op = 10 + (op - 70) * 3;
	}
	if (op < 25) {
		long cur = idx_of(p, p->s.current);

		yield(p, cur >= 0 ? (unsigned int)cur : i);
	} else if (op < 50) {
		decide(p);
	} else if (op < 70) {
		when = bvt_wake(&p->s, &p->v[i], p->now);
		ref_when = ref_wake(&p->rs, &p->rv[i], p->now);
		SAME(when, ref_when, "wake's deadline");
		if (when <= p->now) {
			decide(p);
		}
	} else if (op < 82) {
		bool was_current = &p->v[i] == p->s.current;

		bvt_sleep(&p->s, &p->v[i], p->now);
		ref_sleep(&p->rs, &p->rv[i], p->now);
		if (was_current) {
			decide(p);
		}
	} else if (op < 88) {
		yield(p, i);
	} else if (op < 96) {
		struct bvt_params params = random_params(p);

		cr_assert_eq(bvt_vcpu_set_params(&p->v[i], &params), 0);
		cr_assert_eq(ref_vcpu_set_params(&p->rv[i], &params), 0);
	} else {
		uint64_t c = rnd_below(p, 2) ? BVT_CTX_ALLOW_DEFAULT_NS
					     : BVT_MCU_NS + rnd_below(p, BVT_CTX_ALLOW_MAX_NS);

		cr_assert_eq(bvt_set_ctx_allow(&p->s, c), ref_set_ctx_allow(&p->rs, c));
	}
}

static void run(unsigned int n, bool pingpong, unsigned int seeds, unsigned int steps,
		unsigned int *fast_shapes)
{
	for (uint64_t seed = 1; seed <= seeds; seed++) {
		struct pair p;

		pair_init(&p, n, seed);
		assert_same(&p);
		for (p.step = 0; p.step < steps; p.step++) {
			random_step(&p, pingpong);
			assert_same(&p);
		}
		*fast_shapes += p.fast_shapes;
	}
}

TestSuite(bvt_equiv);

Test(bvt_equiv, two_vcpus_yielding_decide_as_the_reference)
{
	unsigned int fast = 0;

	run(2, true, 500, 2000, &fast);
	cr_log_info("bvt_equiv: %u decisions in the yield fast path's shape", fast);
	cr_assert_gt(fast, 200000, "the fast path was exercised (%u)", fast);
}

Test(bvt_equiv, two_vcpus_at_random_decide_as_the_reference)
{
	unsigned int fast = 0;

	run(2, false, 500, 2000, &fast);
	cr_assert_gt(fast, 80000, "%u", fast);
}

Test(bvt_equiv, three_and_four_vcpus_decide_as_the_reference)
{
	unsigned int fast = 0;

	run(3, false, 300, 2000, &fast);
	run(4, false, 300, 2000, &fast);
	run(4, true, 100, 2000, &fast);
	cr_assert_gt(fast, 100000, "two of them runnable, at times (%u)", fast);
}
