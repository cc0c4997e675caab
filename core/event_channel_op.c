/*
 * event_channel_op.c: the event_channel_op hypercall (32).
 *
 * The command runs in evtchn_op() (evtchn_op.c, event_channel.c); what it raised goes to
 * the scheduler, which wakes a vCPU blocked or polling for it. The upcall itself is the
 * arch's business on the way back into the guest (arch/event.h). EVTCHNOP_send, the hot
 * one, goes straight to evtchn_send() with the same checks and results: its structure is
 * only read, and a send that raised nothing new (a port already pending) needs no
 * scheduler at all.
 */
#include "event_channel.h"
#include "guest_access.h"
#include "hypercall.h"
#include "public/errno.h"
#include "sched.h"

static long event_send(struct vcpu *v, gvaddr_t arg)
{
	struct evtchn_notify notify = {.vcpu = NULL, .flags = 0};
	struct evtchn_send request;
	int rc;

	if (copy_from_guest(&request, arg, sizeof(request))) {
		return -EFAULT;
	}
	rc = evtchn_send(v->domain, request.port, &notify);
	if (notify.flags) {
		sched_notify(&notify);
	}
	return rc;
}

long do_event_channel_op(struct vcpu *v, const struct hcall_args *args)
{
	struct evtchn_notify notify;
	long rc;

	if (args->arg[0] == EVTCHNOP_send) {
		return event_send(v, gvaddr(args->arg[1]));
	}
	rc = evtchn_op(v, args->arg[0], gvaddr(args->arg[1]), &notify);
	sched_notify(&notify);
	return rc;
}
