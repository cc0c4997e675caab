/*
 * peer.h: what the multi-domain scheduling, time and many-domain tests share: event
 * channels between domain 0 (the test driver) and the domUs of a test configuration,
 * waiting on ports with SCHEDOP_poll, sleeping, and the bodies of domUs that only spin or
 * stay blocked.
 *
 * A domU offers its ports with peer_listen() (unbound ports for domain 0, in order);
 * domain 0 connects to them, lowest first, with peer_connect(), which finds them with
 * EVTCHNOP_status (domain 0 may look at any domain's ports). Tests keep event delivery
 * masked (peer_start) and wait with SCHEDOP_poll, so pending bits stay set until the test
 * clears them (port_wait); the upcall dispatcher only runs while a test blocks.
 *
 * The sources live in guests/tests/sched/ and the time and many images include them.
 */
#ifndef TESTS_PEER_H
#define TESTS_PEER_H

#include "clock.h"
#include "events.h"
#include "schedule.h"

/* How long domain 0 waits for a domU to offer a port, and for replies. */
#define PEER_CONNECT_TIMEOUT_NS (2 * NS_PER_SEC)
#define PEER_REPLY_TIMEOUT_NS (2 * NS_PER_SEC)

/* BVT's default weight (core/include/bvt.h), which a test puts back. */
#define PEER_WEIGHT_DEFAULT 10U

/* Installs event delivery, then masks it: the tests poll. Call first in every domain. */
void peer_start(void);

/* domU: a fresh unbound port for domain 0 (0 when that failed: no port is 0 here). */
evtchn_port_t peer_listen(void);

/*
 * Domain 0: binds the lowest unbound port of dom offered to domain 0, waiting up to
 * timeout_ns for one to appear; clears the new local port (binding raises it once).
 * 0 or a negative errno (-EAGAIN when none appeared in time).
 */
long peer_connect(domid_t dom, evtchn_port_t *local, uint64_t timeout_ns);

/*
 * Polls until port is pending or system time reaches deadline_ns (0: no deadline);
 * returns whether it was pending, and clears it.
 */
bool port_wait(evtchn_port_t port, uint64_t deadline_ns);

/* Polls until one of ports is pending or deadline_ns; returns its index or -1. Clears it. */
int ports_wait(const evtchn_port_t *ports, unsigned int nr, uint64_t deadline_ns);

/* Sleeps (blocked, SCHEDOP_poll without ports) for ns of system time. */
void sleep_ns(uint64_t ns);

/* A domU's answer: one event on ok or on bad. */
void peer_report(evtchn_port_t ok, evtchn_port_t bad, bool good);

/* Bodies of domUs a test does not need: spin forever, or stay blocked forever. */
noreturn void peer_spin(void);
noreturn void peer_park(void);

/* A domU's id, from "id=<n>" in its bootargs (0 in domain 0, or when absent). */
unsigned int peer_id(void);

/* Reads domid's BVT figures; its run time, or 0 when that failed (reported). */
uint64_t peer_run_ns(domid_t domid);

#endif
