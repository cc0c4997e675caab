/*
 * sched_block.c: blocking, the idle vCPU, yield, poll and the refusals of
 * ringo_sched_ctl.
 *
 * sched_block_until_event: d4 blocks (SCHEDOP_block) with nothing pending and no timer.
 * While domain 0 sleeps 100 ms, d4 stays blocked and its run time does not move, and as
 * every domain is blocked the idle vCPU halts the CPU (RINGO_DEBUG_idle_ns grows by about
 * the whole 100 ms). An event wakes d4; it checks that its hypervisor-entry count moved
 * only by the block and the count's own read (plus the upcall's return) and answers.
 */
#include "peer.h"
#include "test.h"

#define BLOCK_WINDOW_NS (100 * NS_PER_MS)
/* Entries between the two reads around SCHEDOP_block: the block, the second read, and
 * at most one for the upcall's return (x86's iret hypercall). */
#define BLOCK_MAX_ENTRIES 3

/* d4: blocks until domain 0's event, then says whether its entry count stood still. */
static noreturn void blocker(void)
{
	evtchn_port_t go = peer_listen();
	evtchn_port_t ok = peer_listen();
	evtchn_port_t bad = peer_listen();
	unsigned long upcalls = evtchn_upcall_count();
	long before, after;

	before = ringo_hypervisor_entries();
	sched_op_block();
	after = ringo_hypervisor_entries();
	events_mask();
	printf("sched_block: d4 woke: %ld hypervisor entries across the block, %lu upcall(s)\n",
	       after - before, evtchn_upcall_count() - upcalls);
	peer_report(ok, bad,
		    go && after - before <= BLOCK_MAX_ENTRIES && evtchn_upcall_count() > upcalls);
	peer_park();
}

static uint32_t runstate_of(domid_t domid)
{
	struct ringo_sched_ctl ctl;

	return ringo_sched_get(domid, &ctl) == 0 ? ctl.runstate : UINT32_MAX;
}

static bool wait_blocked(domid_t domid)
{
	uint64_t deadline = clock_system_ns() + PEER_CONNECT_TIMEOUT_NS;

	while (runstate_of(domid) != RUNSTATE_blocked) {
		if (clock_system_ns() >= deadline) {
			return false;
		}
		sleep_ns(NS_PER_MS);
	}
	return true;
}

static uint64_t idle_now(void)
{
	uint64_t idle = 0;

	EXPECT_EQ(ringo_idle_ns(&idle), 0);
	return idle;
}

static void block_driver(void)
{
	evtchn_port_t ports[3]; /* go, ok, bad */
	uint64_t run0, run1, idle0, idle1, start, elapsed;

	for (unsigned int i = 0; i < 3; i++) {
		if (peer_connect(4, &ports[i], PEER_CONNECT_TIMEOUT_NS) != 0) {
			test_fail(__FILE__, __LINE__, "d4 offered no port %u", i);
			return;
		}
	}
	EXPECT_TRUE(wait_blocked(4));
	run0 = peer_run_ns(4);
	idle0 = idle_now();
	start = clock_system_ns();
	sleep_ns(BLOCK_WINDOW_NS);
	elapsed = clock_system_ns() - start;
	idle1 = idle_now();
	run1 = peer_run_ns(4);
	printf("sched_block: over %llu us d4 ran %llu ns; the CPU was idle %llu us\n",
	       (unsigned long long)(elapsed / NS_PER_US), (unsigned long long)(run1 - run0),
	       (unsigned long long)((idle1 - idle0) / NS_PER_US));
	EXPECT_EQ(runstate_of(4), RUNSTATE_blocked);
	EXPECT_EQ(run1, run0);
	EXPECT_TRUE(idle1 - idle0 >= BLOCK_WINDOW_NS * 9 / 10 && idle1 - idle0 <= elapsed);
	EXPECT_EQ(evtchn_send(ports[0]), 0);
	EXPECT_EQ(ports_wait(&ports[1], 2, clock_system_ns() + PEER_REPLY_TIMEOUT_NS), 0);
	EXPECT_TRUE(peer_run_ns(4) > run1);
}

TEST(sched_block_until_event)
{
	peer_start();
	if (role_is("echo")) {
		blocker();
	}
	if (!guest_is_dom0()) {
		peer_park();
	}
	block_driver();
}

/*
 * sched_yield: with d1 spinning, every SCHEDOP_yield of domain 0 returns 0 after d1 has
 * run; with nobody else runnable (sched_poll below) it returns at once.
 */
#define YIELD_ROUNDS 10U

TEST(sched_yield)
{
	unsigned int ran = 0;

	peer_start();
	if (role_is("spin") && peer_id() == 1) {
		peer_spin();
	}
	if (!guest_is_dom0()) {
		peer_park();
	}
	sleep_ns(NS_PER_MS);
	for (unsigned int i = 0; i < YIELD_ROUNDS; i++) {
		uint64_t before = peer_run_ns(1);

		EXPECT_EQ(sched_op_yield(), 0);
		ran += peer_run_ns(1) > before;
	}
	printf("sched_yield: d1 ran during %u of %u yields\n", ran, YIELD_ROUNDS);
	EXPECT_EQ(ran, YIELD_ROUNDS);
}

/*
 * sched_poll: SCHEDOP_poll with a timeout and nothing pending returns at the timeout;
 * with a port already pending at once; without a timeout when another domain's event
 * arrives (d4 sends it 10 ms after domain 0's go); bad requests are refused. Also a yield
 * with nobody else runnable returns at once.
 */
#define POLL_TIMEOUT_NS (5 * NS_PER_MS)
#define POLL_PEER_DELAY_NS (10 * NS_PER_MS)
#define POLL_AT_ONCE_NS NS_PER_MS

static noreturn void poll_peer(void)
{
	evtchn_port_t go = peer_listen();
	evtchn_port_t reply = peer_listen();

	if (go && reply && port_wait(go, 0)) {
		sleep_ns(POLL_PEER_DELAY_NS);
		evtchn_send(reply);
	}
	peer_park();
}

static void poll_refusals(evtchn_port_t port)
{
	evtchn_port_t many[129];

	for (unsigned int i = 0; i < 129; i++) {
		many[i] = port;
	}
	EXPECT_EQ(sched_op_poll(many, 129, 0), -EINVAL);
	many[0] = EVTCHN_NR_PORTS;
	EXPECT_EQ(sched_op_poll(many, 1, 0), -EINVAL);
	EXPECT_EQ(sched_op_poll((const evtchn_port_t *)guest_arch_hypervisor_va, 1, 0), -EFAULT);
	EXPECT_EQ(sched_op_poll((const evtchn_port_t *)guest_arch_unmapped_va, 1, 0), -EFAULT);
}

static void poll_driver(void)
{
	evtchn_port_t go, reply, timer;
	uint64_t start, took;

	start = clock_system_ns();
	EXPECT_EQ(sched_op_yield(), 0);
	EXPECT_TRUE(clock_system_ns() - start < POLL_AT_ONCE_NS);
	if (peer_connect(4, &go, PEER_CONNECT_TIMEOUT_NS) != 0 ||
	    peer_connect(4, &reply, PEER_CONNECT_TIMEOUT_NS) != 0) {
		test_fail(__FILE__, __LINE__, "d4 offered no ports");
		return;
	}
	/* A timeout, nothing pending. */
	start = clock_system_ns();
	EXPECT_EQ(sched_op_poll(&reply, 1, start + POLL_TIMEOUT_NS), 0);
	took = clock_system_ns() - start;
	printf("sched_poll: timeout of %llu us returned after %llu us\n",
	       (unsigned long long)(POLL_TIMEOUT_NS / NS_PER_US),
	       (unsigned long long)(took / NS_PER_US));
	EXPECT_TRUE(took >= POLL_TIMEOUT_NS);
	EXPECT_TRUE(!evtchn_port_pending(reply));
	/* Already pending: the timer, set in the past, fires at once. */
	EXPECT_EQ(evtchn_bind_virq(VIRQ_TIMER, 0, &timer), 0);
	EXPECT_EQ(HYPERVISOR_set_timer_op(1), 0);
	start = clock_system_ns();
	EXPECT_EQ(sched_op_poll(&timer, 1, start + NS_PER_SEC), 0);
	EXPECT_TRUE(clock_system_ns() - start < POLL_AT_ONCE_NS);
	EXPECT_TRUE(evtchn_port_pending(timer));
	evtchn_clear_port(timer);
	/* No timeout: d4's event ends it. */
	start = clock_system_ns();
	EXPECT_EQ(evtchn_send(go), 0);
	EXPECT_EQ(sched_op_poll(&reply, 1, 0), 0);
	took = clock_system_ns() - start;
	printf("sched_poll: without timeout, d4's event arrived after %llu us\n",
	       (unsigned long long)(took / NS_PER_US));
	EXPECT_TRUE(evtchn_port_pending(reply));
	EXPECT_TRUE(took >= POLL_PEER_DELAY_NS);
	poll_refusals(reply);
}

TEST(sched_poll)
{
	peer_start();
	if (role_is("echo")) {
		poll_peer();
	}
	if (!guest_is_dom0()) {
		peer_park();
	}
	poll_driver();
}
