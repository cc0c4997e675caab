/*
 * bvt.h: Borrowed Virtual Time scheduling (Duda and Cheriton, SOSP 1999), as the Xen paper
 * uses it: the decisions only, over explicit times, with no clock and no timer of its own.
 *
 * Each schedulable vCPU has a weight; running for one minimum charging unit (MCU) of real
 * time advances its actual virtual time (AVT) by mcu_advance = BVT_ADVANCE_SCALE / weight,
 * so over time CPU shares follow the weights. The scheduler runs the runnable vCPU with the
 * lowest effective virtual time (EVT = AVT, minus the warp W while the vCPU is warped), but
 * leaves the current one running until its EVT passes the best other EVT by the
 * context-switch allowance C (converted to the current vCPU's virtual time), so vCPUs of
 * equal standing do not thrash. Time is charged in whole MCUs, rounded up: a vCPU that runs
 * at all pays at least one. A waking vCPU's AVT is raised to at least the scheduler virtual
 * time (SVT, the lowest AVT of the runnable vCPUs), so sleeping banks no credit.
 *
 * Warp is for latency: a vCPU with warp W > 0 is warped when it wakes, so its EVT drops by
 * W (W given as run time at its own weight) and it preempts vCPUs that are not that far
 * behind. It stays warped until it blocks or has run warped for the warp limit L (0: no
 * limit); after a warped period ends it cannot warp again for the unwarp requirement U.
 * Warp borrows against the future: AVT keeps advancing, so shares are unchanged.
 *
 * The caller (sched.c) owns the clock and the timer. It calls bvt_wake() and bvt_sleep()
 * as vCPUs become runnable or block, and bvt_schedule() at each decision point (the
 * deadline it returned, a wake that asked for one, a block, a yield); bvt_schedule() says
 * who runs and until when. Virtual times are compared modulo 2^64, so they may wrap.
 */
#ifndef RINGO_BVT_H
#define RINGO_BVT_H

#include "types.h"

struct domain;

#define BVT_MCU_NS 100000ULL /* the minimum charging unit: 100 us, as in Xen */
#define BVT_ADVANCE_SCALE (1ULL << 20)
#define BVT_WEIGHT_MIN 1U
#define BVT_WEIGHT_MAX 4096U
#define BVT_WEIGHT_DEFAULT 10U
#define BVT_WARP_MAX_NS 1000000000ULL	    /* W <= 1 s */
#define BVT_WARP_LIMIT_MAX_NS 1000000000ULL /* L <= 1 s */
#define BVT_UNWARP_MAX_NS 10000000000ULL    /* U <= 10 s */
#define BVT_CTX_ALLOW_DEFAULT_NS 5000000ULL /* C: 5 ms, as in Xen */
#define BVT_CTX_ALLOW_MAX_NS 1000000000ULL
#define BVT_NO_DEADLINE UINT64_MAX

/* The parameters dom0 sets for a domain (all times in ns of real time). */
struct bvt_params {
	uint32_t weight;	/* BVT_WEIGHT_MIN .. BVT_WEIGHT_MAX */
	uint64_t warp_ns;	/* W; 0: never warps */
	uint64_t warp_limit_ns; /* L: longest warped run; 0: until it blocks */
	uint64_t unwarp_ns;	/* U: time unwarped before the next warp */
};

/* One schedulable vCPU (in struct vcpu). All fields belong to bvt.c. */
struct bvt_vcpu {
	struct bvt_params params;
	uint32_t mcu_advance;	/* AVT per MCU: BVT_ADVANCE_SCALE / weight (<= 2^20) */
	uint64_t warp_vt;	/* W in this vCPU's virtual time */
	uint64_t avt;		/* actual virtual time */
	uint64_t evt;		/* effective virtual time: avt, minus warp_vt while warped */
	uint64_t charged_until; /* real time paid for (whole MCUs: may lie ahead of now) */
	uint64_t dispatched_at; /* when it last started running, or was last charged */
	uint64_t run_ns;	/* real time run in all (exact, not rounded to MCUs) */
	uint64_t warped_run_ns; /* real time run in the current warped period */
	uint64_t unwarped_at;	/* when its last warped period ended */
	bool runnable;
	bool warped;
	bool has_warped;	      /* unwarped_at is meaningful */
	bool yielded;		      /* pass it over at the next decision if anyone else can run */
	struct bvt_vcpu *prev, *next; /* the run set, oldest first */
};

/* The scheduler of one CPU. */
struct bvt_sched {
	uint64_t ctx_allow_ns;	 /* C */
	uint32_t ctx_allow_mcus; /* C in whole MCUs, rounded up (<= 10^4) */
	uint64_t svt;		 /* lowest AVT of the runnable set, as last seen */
	struct bvt_vcpu *current;
	struct bvt_vcpu *head, *tail;
};

void bvt_init(struct bvt_sched *s);

/* C: BVT_MCU_NS .. BVT_CTX_ALLOW_MAX_NS, else -EINVAL. */
int bvt_set_ctx_allow(struct bvt_sched *s, uint64_t ctx_allow_ns);

/* A vCPU with the default parameters (weight BVT_WEIGHT_DEFAULT, no warp), not runnable. */
void bvt_vcpu_init(struct bvt_vcpu *e);

/* 0 when every parameter is within its bounds (above), else -EINVAL. */
int bvt_params_check(const struct bvt_params *p);

/* Checks and applies p; the new weight applies to time not yet charged. -EINVAL: no change. */
int bvt_vcpu_set_params(struct bvt_vcpu *e, const struct bvt_params *p);

/*
 * The privileged operation behind dom0's "BVT parameters of a domain": caller must be
 * privileged (-EPERM otherwise); set applies p to every vCPU of target (-EINVAL, and no
 * change, when p is out of bounds); get reads them.
 */
int bvt_domain_set(const struct domain *caller, struct domain *target, const struct bvt_params *p);
int bvt_domain_get(const struct domain *caller, const struct domain *target, struct bvt_params *p);

/*
 * e becomes runnable at now. Returns the latest time at which the caller must call
 * bvt_schedule() because of this wake: now when e should preempt the current vCPU (or the
 * CPU is idle); otherwise when the current vCPU's EVT will have passed e's by C. The caller
 * keeps the earlier of this and the deadline it already has. Waking a runnable vCPU does
 * nothing and returns BVT_NO_DEADLINE.
 */
uint64_t bvt_wake(struct bvt_sched *s, struct bvt_vcpu *e, uint64_t now);

/*
 * e blocks (or goes away) at now: it leaves the run set, is charged if it was running, and
 * its warp ends. If it was current, the CPU needs a decision (bvt_schedule).
 */
void bvt_sleep(struct bvt_sched *s, struct bvt_vcpu *e, uint64_t now);

/*
 * e gives up the CPU at the next decision if another vCPU is runnable; call bvt_schedule.
 * Returns false, changing nothing, when e is the only runnable vCPU: then the yield is a
 * no-op and no decision is needed (the time e runs is charged at the next one). Inline:
 * it is the whole of SCHEDOP_yield's own work. (The current vCPU, the one that yields, is
 * seldom the tail: testing that first mostly settles it in one compare.)
 */
static inline bool bvt_yield(struct bvt_sched *s, struct bvt_vcpu *e)
{
	if (s->tail == e && s->head == e) {
		return false; /* alone in the run set: nobody to give the CPU to */
	}
	e->yielded = true;
	return true;
}

/*
 * A decision at now: charges the current vCPU, picks who runs, and sets *deadline to when
 * the next decision is due (BVT_NO_DEADLINE: none, as when a vCPU runs alone unwarped or
 * the CPU idles). Returns the vCPU to run, NULL when none is runnable (idle).
 */
HOT_CALL struct bvt_vcpu *bvt_schedule(struct bvt_sched *s, uint64_t now, uint64_t *deadline);

/* e's effective virtual time (as last charged). */
uint64_t bvt_evt(const struct bvt_vcpu *e);

/* Real time e has run up to now, including its current run (a domain's "virtual time"). */
uint64_t bvt_run_time(const struct bvt_sched *s, const struct bvt_vcpu *e, uint64_t now);

#endif
