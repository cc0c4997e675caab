/*
 * events_peer.c: meeting other domains over event channels (see events.h): finding a
 * domain's unbound port, connecting to it, and noticing that the peer went away.
 */
#include "clock.h"
#include "events.h"
#include "schedule.h"

/* One scan of dom's ports for one unbound for for_dom; 0 with *port, 1 none, or an error. */
static long scan_unbound(domid_t dom, domid_t for_dom, evtchn_port_t *port)
{
	for (evtchn_port_t p = 1; p < EVTCHN_SCAN_PORTS; p++) {
		struct evtchn_status status;
		long rc = evtchn_status(dom, p, &status);

		if (rc == -ESRCH) {
			return 1; /* not built yet, or gone: keep waiting */
		}
		if (rc) {
			return rc;
		}
		if (status.status == EVTCHNSTAT_unbound && status.u.unbound.dom == for_dom) {
			*port = p;
			return 0;
		}
	}
	return 1;
}

long evtchn_find_unbound(domid_t dom, domid_t for_dom, evtchn_port_t *port, uint64_t timeout_ns)
{
	uint64_t deadline = clock_system_ns() + timeout_ns;

	for (;;) {
		long rc = scan_unbound(dom, for_dom, port);

		if (rc <= 0) {
			return rc;
		}
		if (clock_system_ns() >= deadline) {
			return -ETIME;
		}
		sched_op_yield();
	}
}

long evtchn_connect(domid_t dom, evtchn_port_t remote_port, evtchn_handler_t handler, void *data,
		    evtchn_port_t *local_port)
{
	unsigned int saved = events_save_and_mask();
	long rc = evtchn_bind_interdomain(dom, remote_port, local_port);

	if (rc == 0) {
		rc = evtchn_set_handler(*local_port, handler, data);
	}
	events_restore(saved);
	return rc;
}

bool evtchn_wait_peer_gone(evtchn_port_t port, uint64_t timeout_ns)
{
	uint64_t deadline = clock_system_ns() + timeout_ns;

	for (;;) {
		struct evtchn_status status;

		if (evtchn_status(DOMID_SELF, port, &status) == 0 &&
		    status.status != EVTCHNSTAT_interdomain) {
			return true;
		}
		if (clock_system_ns() >= deadline) {
			return false;
		}
		sched_op_yield();
	}
}
