/*
 * many.c: 64 domains at once. Domain 0 and domUs 1..63 boot from system.dts and all run
 * concurrently: each domU offers domain 0 a port and waits on it; domain 0 connects to all
 * 63 (so all of them are alive at the same time), sends each a go, and counts the distinct
 * domUs whose answer comes back on their own channel: 63. At the end all 63 still exist,
 * have run and are not offline.
 */
#include "../sched/peer.h"
#include "test.h"

#define MANY_DOMUS 63
#define MANY_TIMEOUT_NS (20 * NS_PER_SEC)

static noreturn void reporter(void)
{
	evtchn_port_t port = peer_listen();

	if (port && port_wait(port, 0)) {
		evtchn_send(port);
	}
	peer_park();
}

/* Connects to every domU; returns how many offered a port in time. */
static unsigned int connect_all(evtchn_port_t *local)
{
	unsigned int connected = 0;

	for (unsigned int d = 1; d <= MANY_DOMUS; d++) {
		long rc = peer_connect((domid_t)d, &local[d], MANY_TIMEOUT_NS);

		if (rc != 0) {
			test_fail(__FILE__, __LINE__, "d%u: no port (%ld)", d, rc);
			local[d] = 0;
			continue;
		}
		connected++;
	}
	return connected;
}

/* Waits for the answers; returns how many distinct domUs answered. */
static unsigned int collect(const evtchn_port_t *local, bool *answered)
{
	evtchn_port_t waiting[MANY_DOMUS];
	uint64_t deadline = clock_system_ns() + MANY_TIMEOUT_NS;
	unsigned int count = 0;

	for (;;) {
		unsigned int nr = 0;

		for (unsigned int d = 1; d <= MANY_DOMUS; d++) {
			if (local[d] && !answered[d] && evtchn_port_pending(local[d])) {
				evtchn_clear_port(local[d]);
				answered[d] = true;
				count++;
			}
			if (local[d] && !answered[d]) {
				waiting[nr++] = local[d];
			}
		}
		if (!nr || clock_system_ns() >= deadline) {
			return count;
		}
		sched_op_poll(waiting, nr, deadline);
	}
}

/* How many domUs exist, each having run, all at once (ringo_sched_ctl get of each). */
static unsigned int alive(void)
{
	unsigned int count = 0;

	for (unsigned int d = 1; d <= MANY_DOMUS; d++) {
		struct ringo_sched_ctl ctl;

		count += ringo_sched_get((domid_t)d, &ctl) == 0 && ctl.run_ns > 0 &&
			 ctl.runstate != RUNSTATE_offline;
	}
	return count;
}

TEST(many_domains)
{
	evtchn_port_t local[MANY_DOMUS + 1] = {0};
	bool answered[MANY_DOMUS + 1] = {false};
	unsigned int connected, reported;

	peer_start();
	if (role_is("reporter")) {
		reporter();
	}
	connected = connect_all(local);
	for (unsigned int d = 1; d <= MANY_DOMUS; d++) {
		if (local[d]) {
			EXPECT_EQ(evtchn_send(local[d]), 0);
		}
	}
	reported = collect(local, answered);
	printf("many_domains: %u domUs connected, %u distinct reports\n", connected, reported);
	for (unsigned int d = 1; d <= MANY_DOMUS; d++) {
		if (!answered[d]) {
			printf("many_domains: d%u did not report\n", d);
		}
	}
	EXPECT_EQ(connected, MANY_DOMUS);
	EXPECT_EQ(reported, MANY_DOMUS);
	EXPECT_EQ(alive(), MANY_DOMUS);
}
