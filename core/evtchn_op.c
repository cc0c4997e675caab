/*
 * evtchn_op.c: the body of the event_channel_op hypercall (32): event_channel_op(cmd, arg).
 *
 * Copies the command's structure in, runs the command (event_channel.c) and copies the
 * structure back for the commands with outputs. The write-back is tried before the command
 * runs, so a guest whose structure cannot be written gets -EFAULT with nothing allocated
 * (Xen would leave the port allocated). The caller, the hypercall handler, passes what the
 * command raised (notify) to the scheduler.
 */
#include "domain.h"
#include "event_channel.h"
#include "guest_access.h"
#include "public/errno.h"

union evtchn_request {
	struct evtchn_alloc_unbound alloc_unbound;
	struct evtchn_bind_interdomain bind_interdomain;
	struct evtchn_bind_virq bind_virq;
	struct evtchn_bind_ipi bind_ipi;
	struct evtchn_close close;
	struct evtchn_send send;
	struct evtchn_status status;
	struct evtchn_unmask unmask;
};

/* Each command's structure: how much to copy in, and whether it is copied back out. */
static const struct {
	uint8_t size;
	bool writes_back;
} request_layout[] = {
    [EVTCHNOP_bind_interdomain] = {sizeof(struct evtchn_bind_interdomain), true},
    [EVTCHNOP_bind_virq] = {sizeof(struct evtchn_bind_virq), true},
    [EVTCHNOP_close] = {sizeof(struct evtchn_close), false},
    [EVTCHNOP_send] = {sizeof(struct evtchn_send), false},
    [EVTCHNOP_status] = {sizeof(struct evtchn_status), true},
    [EVTCHNOP_alloc_unbound] = {sizeof(struct evtchn_alloc_unbound), true},
    [EVTCHNOP_bind_ipi] = {sizeof(struct evtchn_bind_ipi), true},
    [EVTCHNOP_unmask] = {sizeof(struct evtchn_unmask), false},
};

static int run_request(struct vcpu *v, unsigned long cmd, union evtchn_request *req,
		       struct evtchn_notify *notify)
{
	struct domain *d = v->domain;

	switch (cmd) {
	case EVTCHNOP_bind_interdomain:
		return evtchn_bind_interdomain(d, &req->bind_interdomain, notify);
	case EVTCHNOP_bind_virq:
		return evtchn_bind_virq(d, &req->bind_virq);
	case EVTCHNOP_close:
		return evtchn_close(d, req->close.port);
	case EVTCHNOP_send:
		return evtchn_send(d, req->send.port, notify);
	case EVTCHNOP_status:
		return evtchn_status(d, &req->status);
	case EVTCHNOP_alloc_unbound:
		return evtchn_alloc_unbound(d, &req->alloc_unbound);
	case EVTCHNOP_bind_ipi:
		return evtchn_bind_ipi(d, &req->bind_ipi);
	case EVTCHNOP_unmask:
		return evtchn_unmask(d, req->unmask.port, notify);
	default:
		return -ENOSYS;
	}
}

long evtchn_op(struct vcpu *v, unsigned long cmd, gvaddr_t arg, struct evtchn_notify *notify)
{
	union evtchn_request req;
	size_t size;
	int rc;

	*notify = (struct evtchn_notify){.vcpu = NULL};
	if (cmd >= ARRAY_SIZE(request_layout) || !request_layout[cmd].size) {
		return -ENOSYS;
	}
	size = request_layout[cmd].size;
	if (copy_from_guest(&req, arg, size)) {
		return -EFAULT;
	}
	if (request_layout[cmd].writes_back && copy_to_guest(arg, &req, size)) {
		return -EFAULT;
	}
	rc = run_request(v, cmd, &req, notify);
	if (rc == 0 && request_layout[cmd].writes_back && copy_to_guest(arg, &req, size)) {
		return -EFAULT;
	}
	return rc;
}
