/*
 * peer.c: ports between domain 0 and the domUs of a test configuration, waiting and
 * sleeping with SCHEDOP_poll, and the bodies of idle domUs (see peer.h).
 */
#include "peer.h"
#include "lib.h"
#include "test.h"

/* Ports a domU offers are among its first ones. */
#define PEER_SCAN_PORTS 64U

void peer_start(void)
{
	events_init();
	events_mask();
}

evtchn_port_t peer_listen(void)
{
	evtchn_port_t port = 0;

	if (evtchn_alloc_unbound(DOMID_SELF, 0, &port) != 0) {
		printf("peer: alloc_unbound for domain 0 failed\n");
		return 0;
	}
	return port;
}

/* The lowest port of dom left unbound for domain 0, or 0 when there is none yet. */
static evtchn_port_t offered_port(domid_t dom)
{
	for (evtchn_port_t port = 1; port < PEER_SCAN_PORTS; port++) {
		struct evtchn_status status;

		if (evtchn_status(dom, port, &status) == 0 && status.status == EVTCHNSTAT_unbound &&
		    status.u.unbound.dom == 0) {
			return port;
		}
	}
	return 0;
}

long peer_connect(domid_t dom, evtchn_port_t *local, uint64_t timeout_ns)
{
	uint64_t deadline = clock_system_ns() + timeout_ns;

	for (;;) {
		evtchn_port_t remote = offered_port(dom);

		if (remote) {
			long rc = evtchn_bind_interdomain(dom, remote, local);

			if (rc == 0) {
				evtchn_clear_port(*local);
			}
			return rc;
		}
		if (clock_system_ns() >= deadline) {
			return -EAGAIN;
		}
		sleep_ns(100 * NS_PER_US);
	}
}

int ports_wait(const evtchn_port_t *ports, unsigned int nr, uint64_t deadline_ns)
{
	for (;;) {
		for (unsigned int i = 0; i < nr; i++) {
			if (evtchn_port_pending(ports[i])) {
				evtchn_clear_port(ports[i]);
				return (int)i;
			}
		}
		if (deadline_ns && clock_system_ns() >= deadline_ns) {
			return -1;
		}
		sched_op_poll(ports, nr, deadline_ns);
	}
}

bool port_wait(evtchn_port_t port, uint64_t deadline_ns)
{
	return ports_wait(&port, 1, deadline_ns) == 0;
}

void sleep_ns(uint64_t ns)
{
	uint64_t deadline = clock_system_ns() + ns;

	while (clock_system_ns() < deadline) {
		sched_op_poll(NULL, 0, deadline);
	}
}

void peer_report(evtchn_port_t ok, evtchn_port_t bad, bool good)
{
	evtchn_send(good ? ok : bad);
}

/* Long straight runs of nops: QEMU's TCG runs them in few translation blocks. */
noreturn void peer_spin(void)
{
	for (;;) {
		__asm__ volatile(".rept 256\n\tnop\n\t.endr" ::: "memory");
	}
}

noreturn void peer_park(void)
{
	for (;;) {
		sched_op_block();
	}
}

unsigned int peer_id(void)
{
	char value[16];

	if (!cmdline_get((const char *)start_info->cmd_line, "id", value, sizeof(value))) {
		return 0;
	}
	return (unsigned int)strtoul(value, NULL, 10);
}

uint64_t peer_run_ns(domid_t domid)
{
	struct ringo_sched_ctl ctl;
	long rc = ringo_sched_get(domid, &ctl);

	if (rc != 0) {
		test_fail(__FILE__, __LINE__, "ringo_sched_ctl get of d%u: %ld", domid, rc);
		return 0;
	}
	return ctl.run_ns;
}
