/*
 * ringo_sched_ctl.c: the ringo_sched_ctl hypercall (54): ringo_sched_ctl(cmd, arg), domain
 * 0's control of BVT scheduling (public/ringo_sched.h has the commands).
 *
 * Only a privileged domain may call it (-EPERM); the structure is read whole (-EFAULT) and
 * checked before anything changes; get and get_global write it back (-EFAULT).
 */
#include "domain.h"
#include "guest_access.h"
#include "hypercall.h"
#include "public/errno.h"
#include "public/ringo_sched.h"
#include "sched.h"

static struct domain *target_of(struct vcpu *v, domid_t id)
{
	return id == DOMID_SELF ? v->domain : domain_lookup(id);
}

static void fill_get(struct ringo_sched_ctl *ctl, const struct vcpu *t)
{
	const struct bvt_vcpu *e = &t->bvt;

	ctl->weight = e->params.weight;
	ctl->warp_ns = e->params.warp_ns;
	ctl->warp_limit_ns = e->params.warp_limit_ns;
	ctl->unwarp_ns = e->params.unwarp_ns;
	ctl->run_ns = sched_vcpu_run_ns(t);
	ctl->avt = e->avt;
	ctl->evt = bvt_evt(e);
	ctl->warped = e->warped;
	ctl->runstate = (uint32_t)t->runstate.state;
}

static long run_ctl(struct vcpu *v, unsigned long cmd, struct ringo_sched_ctl *ctl)
{
	struct domain *target;
	struct bvt_params p;

	switch (cmd) {
	case RINGO_SCHED_CTL_get_global:
		ctl->ctx_allow_ns = sched_ctx_allow_ns();
		return 0;
	case RINGO_SCHED_CTL_set_global:
		return sched_set_ctx_allow(ctl->ctx_allow_ns);
	case RINGO_SCHED_CTL_get:
	case RINGO_SCHED_CTL_set:
		break;
	default:
		return -ENOSYS;
	}
	target = target_of(v, ctl->domid);
	if (!target || target->dying) {
		return -ESRCH;
	}
	if (cmd == RINGO_SCHED_CTL_get) {
		fill_get(ctl, &target->vcpu[0]);
		return 0;
	}
	p = (struct bvt_params){
	    .weight = ctl->weight,
	    .warp_ns = ctl->warp_ns,
	    .warp_limit_ns = ctl->warp_limit_ns,
	    .unwarp_ns = ctl->unwarp_ns,
	};
	return sched_set_params(v->domain, target, &p);
}

HOT_CALL long do_ringo_sched_ctl(struct vcpu *v, const struct hcall_args *args)
{
	unsigned long cmd = args->arg[0];
	gvaddr_t arg = gvaddr(args->arg[1]);
	struct ringo_sched_ctl ctl;
	bool writes_back = cmd == RINGO_SCHED_CTL_get || cmd == RINGO_SCHED_CTL_get_global;
	long rc;

	if (!v->domain->privileged) {
		return -EPERM;
	}
	if (copy_from_guest(&ctl, arg, sizeof(ctl))) {
		return -EFAULT;
	}
	if (writes_back && copy_to_guest(arg, &ctl, sizeof(ctl))) {
		return -EFAULT;
	}
	rc = run_ctl(v, cmd, &ctl);
	if (rc == 0 && writes_back && copy_to_guest(arg, &ctl, sizeof(ctl))) {
		return -EFAULT;
	}
	return rc;
}
