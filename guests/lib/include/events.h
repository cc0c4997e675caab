/*
 * events.h: event channels in the guest (ABI.md section 4; Xen's 2-level ABI).
 *
 * Every EVTCHNOP has a wrapper returning the hypercall's result (0 or a negative Xen
 * errno) with the outputs stored through its pointer arguments. A guest that wants events
 * delivered calls events_init(), which installs the upcall entry (x86: the
 * CALLBACKTYPE_event callback; ARM64: the EL1 IRQ vector of the library's vector table,
 * with PSTATE.I cleared) and unmasks delivery. The upcall runs evtchn_do_upcall(), which
 * walks evtchn_pending_sel and evtchn_pending & ~evtchn_mask as Linux does, clears each
 * pending bit atomically and calls the port's handler (evtchn_set_handler), with events
 * masked; a port without a handler is only counted (evtchn_unhandled_count).
 *
 * events_mask()/events_unmask() are the guest's "interrupt flag" (vcpu_info's
 * evtchn_upcall_mask). events_unmask() forces a callback with a cheap hypercall when an
 * upcall became pending while masked. events_wait_until(cond) is the race-free idle loop:
 * mask, test, SCHEDOP_block (which unmasks, as Xen does), test again.
 *
 * Single vCPU guests: everything works on vcpu_info[0].
 */
#ifndef GUEST_EVENTS_H
#define GUEST_EVENTS_H

#include "guest.h"
#include "public/event_channel.h"

/* Ports of the 2-level ABI: one bit per port in evtchn_pending[EVTCHN_WORDS]. */
#define EVTCHN_BITS_PER_WORD (sizeof(xen_ulong_t) * 8)
#define EVTCHN_NR_PORTS (EVTCHN_WORDS * EVTCHN_BITS_PER_WORD)

static inline long HYPERVISOR_event_channel_op(unsigned int cmd, void *arg)
{
	return hypercall2(__HYPERVISOR_event_channel_op, cmd, (unsigned long)arg);
}

/* A fresh unbound port of dom (DOMID_SELF, or any domain for domain 0) for remote_dom. */
long evtchn_alloc_unbound(domid_t dom, domid_t remote_dom, evtchn_port_t *port);
/* Connects a new local port to remote_dom's unbound remote_port. */
long evtchn_bind_interdomain(domid_t remote_dom, evtchn_port_t remote_port,
			     evtchn_port_t *local_port);
long evtchn_bind_virq(uint32_t virq, uint32_t vcpu, evtchn_port_t *port);
long evtchn_bind_ipi(uint32_t vcpu, evtchn_port_t *port);
long evtchn_bind_pirq(uint32_t pirq, uint32_t flags, evtchn_port_t *port);
long evtchn_bind_vcpu(evtchn_port_t port, uint32_t vcpu);
long evtchn_close(evtchn_port_t port);
long evtchn_send(evtchn_port_t port);
/* EVTCHNOP_status of dom's port (DOMID_SELF, or any domain for domain 0). */
long evtchn_status(domid_t dom, evtchn_port_t port, struct evtchn_status *status);
/* EVTCHNOP_unmask: clears the mask bit and re-raises the port if it is pending. */
long evtchn_unmask(evtchn_port_t port);

/* ---- delivery ---- */

typedef void (*evtchn_handler_t)(evtchn_port_t port, void *data);

/* Installs the upcall entry and unmasks delivery (idempotent). */
void events_init(void);

/* handler(port, data) runs for each delivery on port; NULL removes it. -EINVAL: bad port. */
long evtchn_set_handler(evtchn_port_t port, evtchn_handler_t handler, void *data);

/* Deliveries on ports without a handler since boot. */
unsigned long evtchn_unhandled_count(void);

/* Upcalls taken since boot (the entry ran the dispatcher). */
unsigned long evtchn_upcall_count(void);

/* The dispatcher the upcall entry runs (events masked); callable directly when polling. */
void evtchn_do_upcall(void);

/* This vCPU's vcpu_info (vcpu_info[0] of shared_info). */
struct vcpu_info *events_vcpu_info(void);

/* The per-port bits in shared_info, for the guest's own masking. */
void evtchn_mask_port(evtchn_port_t port);
bool evtchn_port_pending(evtchn_port_t port);
void evtchn_clear_port(evtchn_port_t port);

/* Local delivery control (evtchn_upcall_mask); events_unmask forces a pending callback. */
void events_mask(void);
void events_unmask(void);
/* Saves the mask and masks; events_restore(saved) puts it back (unmasking as above). */
unsigned int events_save_and_mask(void);
void events_restore(unsigned int saved);

/* Makes the hypervisor deliver a pending upcall now (a cheap hypercall). */
void events_force_callback(void);

/*
 * Blocks (SCHEDOP_block) until cond holds; cond is re-tested with events masked before
 * every block, so no event between the test and the block is lost. Returns unmasked.
 */
#define events_wait_until(cond)                                   \
	do {                                                      \
		for (;;) {                                        \
			events_mask();                            \
			if (cond) {                               \
				events_unmask();                  \
				break;                            \
			}                                         \
			HYPERVISOR_sched_op(SCHEDOP_block, NULL); \
		}                                                 \
	} while (0)

/*
 * Waits with events masked until cond holds or timeout_ns of system time has passed,
 * sleeping in SCHEDOP_poll on port (whose event is what makes cond true) with the
 * deadline as the poll's timeout, and letting the upcall run between tests. Evaluates to
 * cond's final value. Needs clock.h and schedule.h.
 */
#define events_wait_port(cond, port, timeout_ns)                       \
	({                                                             \
		uint64_t deadline_ = clock_system_ns() + (timeout_ns); \
		evtchn_port_t wait_port_ = (port);                     \
		bool met_;                                             \
		for (;;) {                                             \
			events_mask();                                 \
			met_ = (cond);                                 \
			if (met_ || clock_system_ns() >= deadline_) {  \
				break;                                 \
			}                                              \
			sched_op_poll(&wait_port_, 1, deadline_);      \
			events_unmask();                               \
		}                                                      \
		events_unmask();                                       \
		met_;                                                  \
	})

/* ---- finding peers (events_peer.c) ---- */

/* How many ports evtchn_find_unbound looks at (1 .. this - 1). */
#define EVTCHN_SCAN_PORTS 64U

/*
 * Domain 0's way to meet another domain: waits up to timeout_ns (yielding) for dom to have
 * a port allocated unbound for for_dom (EVTCHNOP_status on dom's ports, which needs
 * privilege) and returns it in *port. 0, -ETIME when none appeared, or the status error.
 */
long evtchn_find_unbound(domid_t dom, domid_t for_dom, evtchn_port_t *port, uint64_t timeout_ns);

/*
 * Binds to dom's port found by evtchn_find_unbound and installs handler on the new local
 * port, with events masked across both steps so the event the bind raises on the new port
 * reaches the handler. 0 or the error of the failing step.
 */
long evtchn_connect(domid_t dom, evtchn_port_t remote_port, evtchn_handler_t handler, void *data,
		    evtchn_port_t *local_port);

/*
 * Waits up to timeout_ns for the other end of the interdomain channel on local port to go
 * away (its domain closed it or shut down), seen as the port turning unbound. True if so.
 */
bool evtchn_wait_peer_gone(evtchn_port_t port, uint64_t timeout_ns);

/* ---- per arch (arch/<arch>/events_arch.c) ---- */

/* Installs the upcall entry point (x86: callback_op; ARM64: nothing beyond the vectors). */
void events_arch_init(void);
/* ARM64: clears PSTATE.I so the injected IRQ can be taken; x86: nothing. */
void events_arch_enable(void);

#endif
