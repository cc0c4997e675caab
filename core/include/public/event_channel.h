/*
 * public/event_channel.h: event_channel_op (32) commands, their structures, the VIRQ
 * numbers and the status codes (ABI.md section 4).
 *
 * The hypercall takes (cmd, pointer to the command's structure); outputs are written back
 * into the same structure. No field is an unsigned long, so every layout is the same on
 * both arches. The pending/mask bitmaps themselves live in shared_info (public/xen.h).
 */
#ifndef RINGO_PUBLIC_EVENT_CHANNEL_H
#define RINGO_PUBLIC_EVENT_CHANNEL_H

#include "abi.h"

typedef uint32_t evtchn_port_t;

#define EVTCHNOP_bind_interdomain 0
#define EVTCHNOP_bind_virq 1
#define EVTCHNOP_bind_pirq 2
#define EVTCHNOP_close 3
#define EVTCHNOP_send 4
#define EVTCHNOP_status 5
#define EVTCHNOP_alloc_unbound 6
#define EVTCHNOP_bind_ipi 7
#define EVTCHNOP_bind_vcpu 8
#define EVTCHNOP_unmask 9

/*
 * Virtual IRQs. TIMER, DEBUG, XENOPROF and XENPMU are per vCPU; the others are global and
 * are bound on vCPU 0.
 */
#define VIRQ_TIMER 0
#define VIRQ_DEBUG 1
#define VIRQ_CONSOLE 2
#define VIRQ_DOM_EXC 3
#define VIRQ_XENOPROF 6
#define VIRQ_XENPMU 13
#define NR_VIRQS 24

/* evtchn_status.status */
#define EVTCHNSTAT_closed 0
#define EVTCHNSTAT_unbound 1
#define EVTCHNSTAT_interdomain 2
#define EVTCHNSTAT_pirq 3
#define EVTCHNSTAT_virq 4
#define EVTCHNSTAT_ipi 5

/* A fresh port in dom that only remote_dom may bind (dom: DOMID_SELF, or any for dom0). */
struct evtchn_alloc_unbound {
	domid_t dom;
	domid_t remote_dom;
	evtchn_port_t port; /* out */
};

/* Connects a new local port to remote_dom's unbound port allocated for the caller. */
struct evtchn_bind_interdomain {
	domid_t remote_dom;
	evtchn_port_t remote_port;
	evtchn_port_t local_port; /* out */
};

struct evtchn_bind_virq {
	uint32_t virq;
	uint32_t vcpu;
	evtchn_port_t port; /* out */
};

struct evtchn_bind_ipi {
	uint32_t vcpu;
	evtchn_port_t port; /* out */
};

struct evtchn_close {
	evtchn_port_t port;
};

struct evtchn_send {
	evtchn_port_t port;
};

struct evtchn_status {
	domid_t dom;	    /* in: DOMID_SELF, or any domain for dom0 */
	evtchn_port_t port; /* in */
	uint32_t status;    /* out: EVTCHNSTAT_* */
	uint32_t vcpu;	    /* out: the vCPU the port notifies */
	union {
		struct {
			domid_t dom;
		} unbound; /* EVTCHNSTAT_unbound: who may bind it */
		struct {
			domid_t dom;
			evtchn_port_t port;
		} interdomain; /* EVTCHNSTAT_interdomain: the other end */
		uint32_t pirq;
		uint32_t virq;
	} u;
};

struct evtchn_unmask {
	evtchn_port_t port;
};

/* EVTCHNOP_bind_pirq: a physical IRQ to a port (Xen's layout). */
struct evtchn_bind_pirq {
	uint32_t pirq;
	uint32_t flags;
	evtchn_port_t port; /* out */
};

/* Moves port's notifications to vcpu. */
struct evtchn_bind_vcpu {
	evtchn_port_t port;
	uint32_t vcpu;
};

ABI_CHECK_OFFSET(struct evtchn_alloc_unbound, remote_dom, 2, 2);
ABI_CHECK_OFFSET(struct evtchn_alloc_unbound, port, 4, 4);
ABI_CHECK_SIZE(struct evtchn_alloc_unbound, 8, 8);

ABI_CHECK_OFFSET(struct evtchn_bind_interdomain, remote_port, 4, 4);
ABI_CHECK_OFFSET(struct evtchn_bind_interdomain, local_port, 8, 8);
ABI_CHECK_SIZE(struct evtchn_bind_interdomain, 12, 12);

ABI_CHECK_OFFSET(struct evtchn_bind_virq, vcpu, 4, 4);
ABI_CHECK_OFFSET(struct evtchn_bind_virq, port, 8, 8);
ABI_CHECK_SIZE(struct evtchn_bind_virq, 12, 12);

ABI_CHECK_OFFSET(struct evtchn_bind_ipi, port, 4, 4);
ABI_CHECK_SIZE(struct evtchn_bind_ipi, 8, 8);

ABI_CHECK_SIZE(struct evtchn_close, 4, 4);
ABI_CHECK_SIZE(struct evtchn_send, 4, 4);
ABI_CHECK_SIZE(struct evtchn_unmask, 4, 4);
ABI_CHECK_SIZE(struct evtchn_bind_pirq, 12, 12);
ABI_CHECK_SIZE(struct evtchn_bind_vcpu, 8, 8);

ABI_CHECK_OFFSET(struct evtchn_status, port, 4, 4);
ABI_CHECK_OFFSET(struct evtchn_status, status, 8, 8);
ABI_CHECK_OFFSET(struct evtchn_status, vcpu, 12, 12);
ABI_CHECK_OFFSET(struct evtchn_status, u, 16, 16);
ABI_CHECK_OFFSET(struct evtchn_status, u.unbound.dom, 16, 16);
ABI_CHECK_OFFSET(struct evtchn_status, u.interdomain.dom, 16, 16);
ABI_CHECK_OFFSET(struct evtchn_status, u.interdomain.port, 20, 20);
ABI_CHECK_OFFSET(struct evtchn_status, u.virq, 16, 16);
ABI_CHECK_SIZE(struct evtchn_status, 24, 24);

#endif
