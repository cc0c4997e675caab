/*
 * event_channel.c: the per-domain port table and the event_channel_op commands (Xen's
 * rules, ABI.md section 4), on kernel structures.
 *
 * Each command validates everything first and then commits; the commit cannot fail, so an
 * error leaves every table and bitmap as it was. Events themselves are bits in the target
 * domain's shared_info (evtchn_2l.c); what a raise asks of the scheduler is returned in a
 * struct evtchn_notify for the caller to act on; only evtchn_send_port(), the send
 * hypercall's body, hands it to the scheduler itself, so that the hot send is one function.
 * One CPU: no locks. When there are more, the two ends of an interdomain channel are locked
 * in domain-id order.
 */
#include "check.h"
#include "domain.h"
#include "event_channel.h"
#include "lib.h"
#include "public/errno.h"
#include "sched.h"

static bool port_in_range(evtchn_port_t port)
{
	return port < EVTCHN_MAX_PORTS;
}

static struct evtchn *port_of(struct domain *d, evtchn_port_t port)
{
	return &d->evtchn[port];
}

/* DOMID_SELF means the caller. */
static domid_t resolve_domid(const struct domain *caller, domid_t id)
{
	return id == DOMID_SELF ? caller->id : id;
}

/* The lowest free port of d (port 0 is reserved), or 0 when every port is in use. */
static evtchn_port_t free_port(const struct domain *d)
{
	for (evtchn_port_t port = 1; port < EVTCHN_MAX_PORTS; port++) {
		if (d->evtchn[port].state == EVTCHN_FREE) {
			return port;
		}
	}
	return 0;
}

/* A free port of d to fill in, or a negative errno. */
static long claim_port(const struct domain *d)
{
	evtchn_port_t port;

	if (d->dying) {
		return -EINVAL;
	}
	port = free_port(d);
	return port ? (long)port : -ENOSPC;
}

static bool virq_is_global(uint32_t virq)
{
	return virq != VIRQ_TIMER && virq != VIRQ_DEBUG && virq != VIRQ_XENOPROF &&
	       virq != VIRQ_XENPMU;
}

static void raise_port(struct domain *d, const struct evtchn *chn, evtchn_port_t port,
		       struct evtchn_notify *notify)
{
	notify->vcpu = &d->vcpu[chn->vcpu];
	notify->flags = evtchn_2l_set_pending(d->shared_info, chn->vcpu, port);
}

int evtchn_alloc_unbound(struct domain *caller, struct evtchn_alloc_unbound *req)
{
	struct domain *d = domain_lookup(resolve_domid(caller, req->dom));
	long port;

	if (!d) {
		return -ESRCH;
	}
	if (d != caller && !caller->privileged) {
		return -EPERM;
	}
	port = claim_port(d);
	if (port < 0) {
		return (int)port;
	}
	d->evtchn[port] = (struct evtchn){.state = EVTCHN_UNBOUND,
					  .remote_dom = resolve_domid(caller, req->remote_dom)};
	req->port = (evtchn_port_t)port;
	return 0;
}

int evtchn_bind_interdomain(struct domain *caller, struct evtchn_bind_interdomain *req,
			    struct evtchn_notify *notify)
{
	struct domain *remote = domain_lookup(resolve_domid(caller, req->remote_dom));
	struct evtchn *remote_chn;
	long port;

	if (!remote) {
		return -ESRCH;
	}
	if (!port_in_range(req->remote_port)) {
		return -EINVAL;
	}
	remote_chn = port_of(remote, req->remote_port);
	if (remote_chn->state != EVTCHN_UNBOUND || remote_chn->remote_dom != caller->id) {
		return -EINVAL;
	}
	port = claim_port(caller);
	if (port < 0) {
		return (int)port;
	}
	caller->evtchn[port] = (struct evtchn){
	    .state = EVTCHN_INTERDOMAIN, .remote_dom = remote->id, .value = req->remote_port};
	remote_chn->state = EVTCHN_INTERDOMAIN;
	remote_chn->value = (uint32_t)port;
	req->local_port = (evtchn_port_t)port;
	raise_port(caller, &caller->evtchn[port], (evtchn_port_t)port, notify);
	return 0;
}

int evtchn_bind_virq(struct domain *caller, struct evtchn_bind_virq *req)
{
	long port;

	if (req->virq >= NR_VIRQS || (virq_is_global(req->virq) && req->vcpu != 0)) {
		return -EINVAL;
	}
	if (req->vcpu >= ARRAY_SIZE(caller->vcpu)) {
		return -ENOENT;
	}
	if (caller->vcpu[req->vcpu].virq_port[req->virq]) {
		return -EEXIST;
	}
	port = claim_port(caller);
	if (port < 0) {
		return (int)port;
	}
	caller->evtchn[port] =
	    (struct evtchn){.state = EVTCHN_VIRQ, .vcpu = (uint8_t)req->vcpu, .value = req->virq};
	caller->vcpu[req->vcpu].virq_port[req->virq] = (evtchn_port_t)port;
	req->port = (evtchn_port_t)port;
	return 0;
}

int evtchn_bind_ipi(struct domain *caller, struct evtchn_bind_ipi *req)
{
	long port;

	if (req->vcpu >= ARRAY_SIZE(caller->vcpu)) {
		return -ENOENT;
	}
	port = claim_port(caller);
	if (port < 0) {
		return (int)port;
	}
	caller->evtchn[port] = (struct evtchn){.state = EVTCHN_IPI, .vcpu = (uint8_t)req->vcpu};
	req->port = (evtchn_port_t)port;
	return 0;
}

/* The peer of an interdomain port, which must name it back (a table invariant). */
static struct evtchn *peer_of(const struct domain *d, const struct evtchn *chn,
			      struct domain **peer_domain)
{
	struct domain *peer = domain_lookup(chn->remote_dom);
	struct evtchn *peer_chn;

	CHECK(peer && port_in_range(chn->value));
	peer_chn = port_of(peer, chn->value);
	CHECK(peer_chn->state == EVTCHN_INTERDOMAIN && peer_chn->remote_dom == d->id);
	*peer_domain = peer;
	return peer_chn;
}

/* Frees a port whose state allows it; cannot fail. */
static void close_port(struct domain *d, evtchn_port_t port)
{
	struct evtchn *chn = port_of(d, port);
	struct domain *peer;
	struct evtchn *peer_chn;

	switch (chn->state) {
	case EVTCHN_VIRQ:
		d->vcpu[chn->vcpu].virq_port[chn->value] = 0;
		break;
	case EVTCHN_INTERDOMAIN:
		peer_chn = peer_of(d, chn, &peer);
		peer_chn->state = EVTCHN_UNBOUND;
		peer_chn->remote_dom = d->id;
		peer_chn->value = 0;
		break;
	default:
		break;
	}
	*chn = (struct evtchn){.state = EVTCHN_FREE};
	evtchn_2l_clear_pending(d->shared_info, port);
}

int evtchn_close(struct domain *caller, evtchn_port_t port)
{
	if (!port_in_range(port) || caller->evtchn[port].state == EVTCHN_FREE) {
		return -EINVAL;
	}
	close_port(caller, port);
	return 0;
}

/* What a send raised: the port's domain and vCPU (domain NULL: nothing), EVTCHN_NOTIFY_*. */
struct raised {
	struct domain *domain;
	unsigned int vcpu;
	unsigned int flags;
};

static inline __attribute__((always_inline)) void raise_at(struct domain *d,
							   const struct evtchn *chn,
							   evtchn_port_t port, struct raised *out)
{
	out->domain = d;
	out->vcpu = chn->vcpu;
	out->flags = evtchn_2l_set_pending(d->shared_info, chn->vcpu, port);
}

/*
 * evtchn_send's rules, inline in both its callers; what it raised in out, which the send
 * hypercall's body turns into a struct evtchn_notify only when there is something to do.
 */
static inline __attribute__((always_inline)) int send(struct domain *caller, evtchn_port_t port,
						      struct raised *out)
{
	const struct evtchn *chn;
	struct domain *peer;
	struct evtchn *peer_chn;

	out->domain = NULL;
	out->flags = 0;
	if (!port_in_range(port)) {
		return -EINVAL;
	}
	chn = port_of(caller, port);
	switch (chn->state) {
	case EVTCHN_INTERDOMAIN:
		peer_chn = peer_of(caller, chn, &peer);
		raise_at(peer, peer_chn, chn->value, out);
		return 0;
	case EVTCHN_IPI:
		raise_at(caller, chn, port, out);
		return 0;
	case EVTCHN_UNBOUND:
		return 0;
	default:
		return -EINVAL;
	}
}

int evtchn_send(struct domain *caller, evtchn_port_t port, struct evtchn_notify *notify)
{
	struct raised raised;
	int rc = send(caller, port, &raised);

	if (raised.domain) {
		notify->vcpu = &raised.domain->vcpu[raised.vcpu];
		notify->flags = raised.flags;
	}
	return rc;
}

HOT_CALL long evtchn_send_port(struct vcpu *v, evtchn_port_t port)
{
	struct raised raised;
	int rc = send(v->domain, port, &raised);

	/* A runnable vCPU wants nothing of the scheduler (sched_notify's own first test). */
	if (raised.flags && !raised.domain->vcpu[raised.vcpu].runnable) {
		struct evtchn_notify notify = {&raised.domain->vcpu[raised.vcpu], raised.flags};

		sched_notify(&notify);
	}
	return rc;
}

static void fill_status(const struct evtchn *chn, struct evtchn_status *req)
{
	static const uint32_t status_of[] = {
	    [EVTCHN_FREE] = EVTCHNSTAT_closed,
	    [EVTCHN_UNBOUND] = EVTCHNSTAT_unbound,
	    [EVTCHN_INTERDOMAIN] = EVTCHNSTAT_interdomain,
	    [EVTCHN_VIRQ] = EVTCHNSTAT_virq,
	    [EVTCHN_IPI] = EVTCHNSTAT_ipi,
	};

	CHECK(chn->state < ARRAY_SIZE(status_of));
	req->status = status_of[chn->state];
	req->vcpu = chn->vcpu;
	memset(&req->u, 0, sizeof(req->u));
	switch (chn->state) {
	case EVTCHN_UNBOUND:
		req->u.unbound.dom = chn->remote_dom;
		break;
	case EVTCHN_INTERDOMAIN:
		req->u.interdomain.dom = chn->remote_dom;
		req->u.interdomain.port = chn->value;
		break;
	case EVTCHN_VIRQ:
		req->u.virq = chn->value;
		break;
	default:
		break;
	}
}

int evtchn_status(const struct domain *caller, struct evtchn_status *req)
{
	struct domain *d = domain_lookup(resolve_domid(caller, req->dom));

	if (!d) {
		return -ESRCH;
	}
	if (!port_in_range(req->port)) {
		return -EINVAL;
	}
	if (d != caller && !caller->privileged) {
		return -EPERM;
	}
	fill_status(port_of(d, req->port), req);
	return 0;
}

int evtchn_unmask(struct domain *caller, evtchn_port_t port, struct evtchn_notify *notify)
{
	unsigned int vcpu;

	if (!port_in_range(port)) {
		return -EINVAL;
	}
	vcpu = caller->evtchn[port].vcpu;
	notify->vcpu = &caller->vcpu[vcpu];
	notify->flags = evtchn_2l_unmask(caller->shared_info, vcpu, port);
	return 0;
}

unsigned int evtchn_raise_virq(struct vcpu *v, unsigned int virq)
{
	struct domain *d = v->domain;
	evtchn_port_t port;

	CHECK(virq < NR_VIRQS);
	port = v->virq_port[virq];
	if (!port) {
		return 0;
	}
	return evtchn_2l_set_pending(d->shared_info, d->evtchn[port].vcpu, port);
}

void evtchn_domain_destroy(struct domain *d)
{
	for (evtchn_port_t port = 1; port < EVTCHN_MAX_PORTS; port++) {
		if (d->evtchn[port].state != EVTCHN_FREE) {
			close_port(d, port);
		}
	}
}
