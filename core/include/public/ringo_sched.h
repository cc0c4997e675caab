/*
 * public/ringo_sched.h: ringo_sched_ctl (54), domain 0's control of BVT scheduling.
 *
 * Ringo's own interface, in the range Xen leaves to each arch (48..55), as the paper's
 * domain 0 sets every domain's scheduling. ringo_sched_ctl(cmd, arg) with arg pointing at
 * a struct ringo_sched_ctl; the caller must be privileged (-EPERM), domid names the target
 * (DOMID_SELF allowed; -ESRCH when none). Layout identical on both arches.
 *
 *   RINGO_SCHED_CTL_get:  fills the BVT parameters of domid's vCPU 0 and its run figures.
 *   RINGO_SCHED_CTL_set:  applies weight, warp_ns, warp_limit_ns and unwarp_ns to every
 *                         vCPU of domid (-EINVAL, and no change, when one is out of the
 *                         bounds of bvt.h); the run figures are ignored.
 *   RINGO_SCHED_CTL_get_global / set_global: ctx_allow_ns, the context-switch allowance C
 *                         (domid ignored).
 */
#ifndef RINGO_PUBLIC_RINGO_SCHED_H
#define RINGO_PUBLIC_RINGO_SCHED_H

#include "abi.h"

#define RINGO_SCHED_CTL_get 0
#define RINGO_SCHED_CTL_set 1
#define RINGO_SCHED_CTL_get_global 2
#define RINGO_SCHED_CTL_set_global 3

struct ringo_sched_ctl {
	domid_t domid;
	uint16_t pad0;
	uint32_t weight;	/* BVT weight: virtual time advances inversely to it */
	uint64_t warp_ns;	/* W */
	uint64_t warp_limit_ns; /* L; 0: warped until it blocks */
	uint64_t unwarp_ns;	/* U */
	uint64_t ctx_allow_ns;	/* C (get_global / set_global only) */
	/* Outputs of get: */
	uint64_t run_ns;   /* real time its vCPU 0 has run (its virtual time) */
	uint64_t avt;	   /* actual virtual time */
	uint64_t evt;	   /* effective virtual time */
	uint32_t warped;   /* 1 while warped */
	uint32_t runstate; /* RUNSTATE_* of public/vcpu.h */
};

ABI_CHECK_OFFSET(struct ringo_sched_ctl, warp_ns, 8, 8);
ABI_CHECK_OFFSET(struct ringo_sched_ctl, run_ns, 40, 40);
ABI_CHECK_SIZE(struct ringo_sched_ctl, 72, 72);

#endif
