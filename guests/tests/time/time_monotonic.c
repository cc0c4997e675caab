/*
 * time_monotonic.c: system time never goes backwards in any domain. Domain 0, d1 and d2
 * all read it in a loop for TIME_LOOP_NS, CPU-bound, so BVT preempts each of them many
 * times; every read must be >= the one before. Each domU counts its own reads, backward
 * steps and preemptions (gaps longer than TIME_GAP_NS) and reports ok or bad.
 */
#include "../sched/peer.h"
#include "test.h"

#define TIME_LOOP_NS (100 * NS_PER_MS)
#define TIME_GAP_NS (1 * NS_PER_MS)
#define TIME_READERS 2

struct reads {
	unsigned long count, backwards, gaps;
};

/* Reads the clock until stop() holds; counts into r. */
static void read_loop(struct reads *r, bool (*stop)(void))
{
	uint64_t last = clock_system_ns();

	*r = (struct reads){0};
	while (!stop()) {
		uint64_t now = clock_system_ns();

		r->count++;
		r->backwards += now < last;
		r->gaps += now - last > TIME_GAP_NS && now > last;
		last = now;
	}
}

static evtchn_port_t stop_port;
static uint64_t loop_end;

static bool stop_pending(void)
{
	return stop_port && evtchn_port_pending(stop_port);
}

static bool loop_done(void)
{
	return clock_system_ns() >= loop_end;
}

static noreturn void reader(void)
{
	struct reads r;
	evtchn_port_t ok, bad;

	stop_port = peer_listen();
	ok = peer_listen();
	bad = peer_listen();
	read_loop(&r, stop_pending);
	printf("time_monotonic: d%u: %lu reads, %lu backwards, %lu preemptions\n", peer_id(),
	       r.count, r.backwards, r.gaps);
	peer_report(ok, bad, r.count > 0 && r.backwards == 0 && r.gaps > 0);
	peer_park();
}

static void monotonic_driver(void)
{
	evtchn_port_t ports[TIME_READERS][3]; /* stop, ok, bad */
	struct reads r;

	for (unsigned int d = 0; d < TIME_READERS; d++) {
		for (unsigned int i = 0; i < 3; i++) {
			if (peer_connect((domid_t)(d + 1), &ports[d][i], PEER_CONNECT_TIMEOUT_NS)) {
				test_fail(__FILE__, __LINE__, "d%u offered no port %u", d + 1, i);
				return;
			}
		}
	}
	loop_end = clock_system_ns() + TIME_LOOP_NS;
	read_loop(&r, loop_done);
	printf("time_monotonic: d0: %lu reads, %lu backwards, %lu preemptions\n", r.count,
	       r.backwards, r.gaps);
	EXPECT_EQ(r.backwards, 0);
	EXPECT_TRUE(r.count > 1000);
	EXPECT_TRUE(r.gaps > 0);
	for (unsigned int d = 0; d < TIME_READERS; d++) {
		EXPECT_EQ(evtchn_send(ports[d][0]), 0);
		EXPECT_EQ(ports_wait(&ports[d][1], 2, clock_system_ns() + PEER_REPLY_TIMEOUT_NS),
			  0);
	}
}

TEST(time_monotonic)
{
	peer_start();
	if (role_is("reader")) {
		reader();
	}
	monotonic_driver();
}
