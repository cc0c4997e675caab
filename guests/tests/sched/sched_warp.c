/*
 * sched_warp.c: BVT's warp gives a latency-sensitive domain the CPU at once. The echo
 * domain d4 answers every event from domain 0 with one back; d1..d3 spin. Domain 0
 * measures send -> reply round trips (it waits blocked in SCHEDOP_poll, warped itself so
 * that the reply wakes it at once): with d4 warped (W > C) each round trip ends well
 * within the context-switch allowance C; after domain 0 resets d4's BVT parameters (no
 * warp) d4 waits its turn behind the spinners, for about C. Both latencies are printed.
 */
#include "peer.h"
#include "test.h"

#define WARP_ROUNDS 16
#define WARP_W_NS (10 * NS_PER_MS)
#define WARP_ALLOWANCE_NS (5 * NS_PER_MS)
#define WARP_GAP_NS (3 * NS_PER_MS)

struct latency {
	uint64_t min, max, sum;
	unsigned int count;
};

/* WARP_ROUNDS round trips to the echo domain, a gap of spinning domains between them. */
static void measure(evtchn_port_t port, struct latency *lat)
{
	*lat = (struct latency){.min = UINT64_MAX};
	for (unsigned int round = 0; round < WARP_ROUNDS; round++) {
		uint64_t start, took;

		sleep_ns(WARP_GAP_NS);
		start = clock_system_ns();
		evtchn_send(port);
		if (!port_wait(port, start + PEER_REPLY_TIMEOUT_NS)) {
			test_fail(__FILE__, __LINE__, "no reply from d4 in round %u", round);
			return;
		}
		took = clock_system_ns() - start;
		lat->min = took < lat->min ? took : lat->min;
		lat->max = took > lat->max ? took : lat->max;
		lat->sum += took;
		lat->count++;
	}
}

static void print_latency(const char *what, const struct latency *lat)
{
	printf("sched_warp: %s: round trip min %llu us, mean %llu us, max %llu us (%u rounds)\n",
	       what, (unsigned long long)(lat->min / NS_PER_US),
	       (unsigned long long)(lat->count ? lat->sum / lat->count / NS_PER_US : 0),
	       (unsigned long long)(lat->max / NS_PER_US), lat->count);
}

static void warp_driver(void)
{
	struct latency warped, unwarped;
	evtchn_port_t port;
	uint64_t allowance = 0;

	EXPECT_EQ(ringo_sched_get_allowance(&allowance), 0);
	EXPECT_EQ(ringo_sched_set_allowance(WARP_ALLOWANCE_NS), 0);
	/* Domain 0 is warped too: the reply must wake it at once in both halves. */
	EXPECT_EQ(ringo_sched_set(DOMID_SELF, PEER_WEIGHT_DEFAULT, WARP_W_NS * 2, 0, 0), 0);
	EXPECT_EQ(ringo_sched_set(4, PEER_WEIGHT_DEFAULT, WARP_W_NS, 0, 0), 0);
	if (peer_connect(4, &port, PEER_CONNECT_TIMEOUT_NS) != 0) {
		test_fail(__FILE__, __LINE__, "d4 offered no port");
		return;
	}
	measure(port, &warped);
	EXPECT_EQ(ringo_sched_set(4, PEER_WEIGHT_DEFAULT, 0, 0, 0), 0);
	measure(port, &unwarped);
	print_latency("d4 warped by 10 ms", &warped);
	print_latency("d4 not warped", &unwarped);
	printf("sched_warp: context-switch allowance C = %llu us\n",
	       (unsigned long long)(WARP_ALLOWANCE_NS / NS_PER_US));
	EXPECT_EQ(warped.count, WARP_ROUNDS);
	EXPECT_EQ(unwarped.count, WARP_ROUNDS);
	/* Warped: it runs within C, and in fact at once. Unwarped: it waits its turn. */
	EXPECT_TRUE(warped.max < WARP_ALLOWANCE_NS);
	EXPECT_TRUE(unwarped.count && unwarped.sum / unwarped.count >= WARP_ALLOWANCE_NS / 2);
	EXPECT_TRUE(unwarped.min > warped.max);
	EXPECT_EQ(ringo_sched_set(DOMID_SELF, PEER_WEIGHT_DEFAULT, 0, 0, 0), 0);
	EXPECT_EQ(ringo_sched_set_allowance(allowance), 0);
}

/* d4: answers every event on its port with one back. */
static noreturn void echo(void)
{
	evtchn_port_t port = peer_listen();

	for (;;) {
		if (port && port_wait(port, 0)) {
			evtchn_send(port);
		}
	}
}

TEST(sched_warp)
{
	peer_start();
	if (role_is("spin")) {
		peer_spin();
	}
	if (role_is("echo")) {
		echo();
	}
	warp_driver();
}
