/*
 * event_channel_op.c: the event_channel_op hypercall (32).
 *
 * The command runs in evtchn_op() (evtchn_op.c, event_channel.c); what it raised goes to
 * the scheduler, which wakes a vCPU blocked or polling for it. The upcall itself is the
 * arch's business on the way back into the guest (arch/event.h). EVTCHNOP_send, the hot
 * one, goes straight to evtchn_send_port() (event_channel.c) with the same checks and
 * results: its structure is only read, and a send that raised nothing a vCPU waits for (a
 * port already pending, the usual case of a busy channel) needs no scheduler at all. An
 * arch whose hypercall entry reads the port itself (x86's, entry.S) goes there directly.
 */
#include "event_channel.h"
#include "guest_access.h"
#include "hypercall.h"
#include "public/errno.h"
#include "sched.h"

static long event_send(struct vcpu *v, gvaddr_t arg)
{
	struct evtchn_send request;

	if (copy_from_guest(&request, arg, sizeof(request))) {
		return -EFAULT;
	}
	return evtchn_send_port(v, request.port);
}

HOT_CALL long do_event_channel_op(struct vcpu *v, const struct hcall_args *args)
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
