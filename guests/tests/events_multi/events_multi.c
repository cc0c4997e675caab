/*
 * events_multi.c: event channels between domains (system.dts: domain 0, d1 "peer", d2
 * "intruder"), both arches. Every domain runs each test; its role picks its part.
 *
 * The peer offers domain 0 a port (alloc_unbound for domain 0); domain 0 finds it with
 * EVTCHNOP_status on the peer's ports (it is privileged) and binds it. Domain 0 judges the
 * test and powers the machine off, so a domU that has a verdict to give prints its markers
 * and ends (its ports close, which domain 0 sees as its end of the channel turning
 * unbound) before domain 0 finishes. A domain with no part in a test just powers off.
 */
#include "clock.h"
#include "events.h"
#include "lib.h"
#include "schedule.h"
#include "test.h"

#define ROUNDS 10000U
#define PEER 1
#define INTRUDER 2
#define FIND_NS (5 * NS_PER_SEC)
#define REPLY_NS (2 * NS_PER_SEC)
#define GONE_NS (10 * NS_PER_SEC)

static volatile unsigned long received;
static volatile unsigned long sent;

static void count_delivery(evtchn_port_t port, void *data)
{
	(void)port;
	(void)data;
	received++;
}

/* The peer's reply: every event is answered on the same port, from the upcall. */
static void echo_delivery(evtchn_port_t port, void *data)
{
	(void)data;
	received++;
	if (evtchn_send(port) == 0) {
		sent++;
	}
}

/*
 * domU: offers domain 0 a port with handler; 0 when that failed. Delivery stays masked
 * until the handler is in place: domain 0 may bind and send the moment the port exists,
 * and an event delivered before its handler would be counted unhandled, never answered.
 */
static evtchn_port_t offer_port(evtchn_handler_t handler)
{
	evtchn_port_t port = 0;
	unsigned int saved;

	events_init();
	saved = events_save_and_mask();
	EXPECT_EQ(evtchn_alloc_unbound(DOMID_SELF, 0, &port), 0);
	if (port) {
		evtchn_set_handler(port, handler, NULL);
	}
	events_restore(saved);
	return port;
}

/*
 * Domain 0: connects to dom's offered port (returned in *remote when remote is not NULL),
 * collecting the event the bind raises on the new local port.
 */
static evtchn_port_t connect_to(domid_t dom, evtchn_handler_t handler, evtchn_port_t *remote)
{
	evtchn_port_t offered = 0, local = 0;

	events_init();
	EXPECT_EQ(evtchn_find_unbound(dom, 0, &offered, FIND_NS), 0);
	if (!offered) {
		return 0;
	}
	EXPECT_EQ(evtchn_connect(dom, offered, handler, NULL, &local), 0);
	if (!local) {
		return 0;
	}
	EXPECT_TRUE(events_wait_port(received == 1, local, REPLY_NS));
	EXPECT_EQ(received, 1);
	received = 0;
	if (remote) {
		*remote = offered;
	}
	return local;
}

static void peer_ping_pong(void)
{
	evtchn_port_t port = offer_port(echo_delivery);

	if (!port) {
		return;
	}
	events_wait_port(received >= ROUNDS, port, 60 * NS_PER_SEC);
	/* Anything beyond the rounds would show up here. */
	events_wait_port(received > ROUNDS, port, 50 * NS_PER_MS);
	EXPECT_EQ(received, ROUNDS);
	EXPECT_EQ(sent, ROUNDS);
	printf("peer: %lu events received, %lu sent\n", received, sent);
}

static void dom0_ping_pong(void)
{
	evtchn_port_t port = connect_to(PEER, count_delivery, NULL);
	uint64_t start;

	if (!port) {
		return;
	}
	start = clock_system_ns();
	for (unsigned long round = 1; round <= ROUNDS; round++) {
		if (evtchn_send(port) != 0) {
			EXPECT_EQ(evtchn_send(port), 0);
			break;
		}
		sent++;
		if (!events_wait_port(received == round, port, REPLY_NS)) {
			test_fail(__FILE__, __LINE__, "no reply to round %lu", round);
			break;
		}
	}
	EXPECT_EQ(sent, ROUNDS);
	EXPECT_EQ(received, ROUNDS);
	printf("dom0: %lu round trips in %llu us\n", received,
	       (unsigned long long)((clock_system_ns() - start) / NS_PER_US));
	/* The peer checks its own counts, prints them and ends. */
	EXPECT_TRUE(evtchn_wait_peer_gone(port, GONE_NS));
	EXPECT_EQ(received, ROUNDS);
}

TEST(events_ping_pong)
{
	if (guest_is_dom0()) {
		dom0_ping_pong();
	} else if (role_is("peer")) {
		peer_ping_pong();
	}
}

/* The peer closes its end: domain 0's sends are then dropped, its port unbound. */
static void peer_close_end(void)
{
	evtchn_port_t port = offer_port(count_delivery);

	if (!port) {
		return;
	}
	/* Domain 0 sends once when connected; then the peer closes its end. */
	EXPECT_TRUE(events_wait_port(received == 1, port, FIND_NS));
	EXPECT_EQ(evtchn_close(port), 0);
	EXPECT_EQ(evtchn_send(port), -EINVAL);
	/* Stay (blocked) until domain 0 has checked: it powers the machine off. */
	events_wait_until(false);
}

static void dom0_peer_closed(void)
{
	evtchn_port_t remote = 0;
	evtchn_port_t port = connect_to(PEER, count_delivery, &remote);
	struct evtchn_status st;

	if (!port) {
		return;
	}
	EXPECT_EQ(evtchn_send(port), 0);
	EXPECT_TRUE(evtchn_wait_peer_gone(port, GONE_NS));
	EXPECT_EQ(evtchn_status(DOMID_SELF, port, &st), 0);
	EXPECT_EQ(st.status, EVTCHNSTAT_unbound);
	/* Unbound again: bindable by the peer's domain only. */
	EXPECT_EQ(st.u.unbound.dom, PEER);
	/* Sends to a peer that closed its end are dropped, and succeed. */
	for (unsigned int i = 0; i < 10; i++) {
		EXPECT_EQ(evtchn_send(port), 0);
	}
	EXPECT_TRUE(!evtchn_port_pending(port));
	EXPECT_EQ(received, 0);
	/* The peer's side: its old port is closed (domain 0 may look). */
	EXPECT_EQ(evtchn_status(PEER, remote, &st), 0);
	EXPECT_EQ(st.status, EVTCHNSTAT_closed);
}

TEST(events_peer_closed_dropped)
{
	if (guest_is_dom0()) {
		dom0_peer_closed();
	} else if (role_is("peer")) {
		peer_close_end();
	}
}

/*
 * The intruder (unprivileged) tries, once domain 0 says the peer has offered its port, what
 * only domain 0 or a port's intended peer may do; each is refused with Xen's errno, and
 * domain 0 then finds the peer's port untouched.
 */
static void intruder_attempts(void)
{
	struct evtchn_status st;
	evtchn_port_t port;

	/* bind_interdomain to any of the peer's ports, its port for domain 0 among them. */
	for (evtchn_port_t p = 0; p < EVTCHN_SCAN_PORTS; p++) {
		EXPECT_EQ(evtchn_bind_interdomain(PEER, p, &port), -EINVAL);
	}
	EXPECT_EQ(evtchn_bind_interdomain(0, 1, &port), -EINVAL);
	/* status of another domain's port: -EPERM. */
	EXPECT_EQ(evtchn_status(PEER, 1, &st), -EPERM);
	EXPECT_EQ(evtchn_status(0, 1, &st), -EPERM);
	/* alloc_unbound in another domain: -EPERM. */
	EXPECT_EQ(evtchn_alloc_unbound(PEER, INTRUDER, &port), -EPERM);
	EXPECT_EQ(evtchn_alloc_unbound(0, DOMID_SELF, &port), -EPERM);
	/* A domain that does not exist. */
	EXPECT_EQ(evtchn_bind_interdomain(77, 1, &port), -ESRCH);
}

static void intruder_role(void)
{
	evtchn_port_t port = offer_port(count_delivery);
	struct evtchn_status st;

	if (!port) {
		return;
	}
	EXPECT_TRUE(events_wait_port(received >= 1, port, FIND_NS));
	intruder_attempts();
	/* Its own port: fine, and connected to domain 0. */
	EXPECT_EQ(evtchn_status(DOMID_SELF, port, &st), 0);
	EXPECT_EQ(st.status, EVTCHNSTAT_interdomain);
	EXPECT_EQ(st.u.interdomain.dom, 0);
}

static void dom0_permissions(void)
{
	evtchn_port_t peer_port = 0, intruder, bound;
	struct evtchn_status st;

	events_init();
	EXPECT_EQ(evtchn_find_unbound(PEER, 0, &peer_port, FIND_NS), 0);
	intruder = connect_to(INTRUDER, count_delivery, NULL);
	if (!peer_port || !intruder) {
		return;
	}
	/* The peer has offered its port: the intruder's go. */
	EXPECT_EQ(evtchn_send(intruder), 0);
	EXPECT_TRUE(evtchn_wait_peer_gone(intruder, GONE_NS));
	/* The peer's port is untouched: still unbound for domain 0, which may bind it. */
	EXPECT_EQ(evtchn_status(PEER, peer_port, &st), 0);
	EXPECT_EQ(st.status, EVTCHNSTAT_unbound);
	EXPECT_EQ(st.u.unbound.dom, 0);
	EXPECT_EQ(evtchn_bind_interdomain(PEER, peer_port, &bound), 0);
}

TEST(events_unprivileged_refused)
{
	if (guest_is_dom0()) {
		dom0_permissions();
	} else if (role_is("peer")) {
		offer_port(count_delivery);
		events_wait_until(false);
	} else if (role_is("intruder")) {
		intruder_role();
	}
}

/* The peer answers each event with a burst of BURST sends. */
#define BURST 5U

static void burst_delivery(evtchn_port_t port, void *data)
{
	(void)data;
	received++;
	for (unsigned int i = 0; i < BURST; i++) {
		if (evtchn_send(port) == 0) {
			sent++;
		}
	}
}

static void peer_burst(void)
{
	evtchn_port_t port = offer_port(burst_delivery);

	if (!port) {
		return;
	}
	EXPECT_TRUE(events_wait_port(received == 1, port, FIND_NS));
	EXPECT_EQ(sent, BURST);
	events_wait_until(false);
}

/*
 * Domain 0 masks its end, has the peer send a burst: the events stay pending (a poll on
 * the masked port still wakes), nothing is delivered, and unmasking delivers them once.
 */
static void dom0_masked_burst(void)
{
	evtchn_port_t port = connect_to(PEER, count_delivery, NULL);

	if (!port) {
		return;
	}
	evtchn_mask_port(port);
	EXPECT_EQ(evtchn_send(port), 0);
	EXPECT_TRUE(events_wait_port(evtchn_port_pending(port), port, REPLY_NS));
	/* Let the rest of the burst land too. */
	events_wait_port(false, port, 20 * NS_PER_MS);
	EXPECT_EQ(received, 0);
	EXPECT_TRUE(evtchn_port_pending(port));
	EXPECT_EQ(evtchn_unmask(port), 0);
	EXPECT_EQ(received, 1);
	events_wait_port(received > 1, port, 20 * NS_PER_MS);
	EXPECT_EQ(received, 1);
	EXPECT_TRUE(!evtchn_port_pending(port));
}

TEST(events_masked_burst_delivered_once)
{
	if (guest_is_dom0()) {
		dom0_masked_burst();
	} else if (role_is("peer")) {
		peer_burst();
	}
}
