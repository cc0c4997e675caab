/*
 * bench_sched.c: the event and scheduling bench image (bench_sched.h). tools/bench boots
 * it with system.dts: domain 0 runs the operations and reports RINGO-BENCH lines (bench.h);
 * d1 (role=peer) is the other domain of the two-domain operations.
 *
 * Operations, in order:
 *   event_send_masked         EVTCHNOP_send to a masked port (an IPI port of domain 0's
 *                             own): the event stays pending, no upcall
 *   event_send_upcall_return  the same port unmasked: send, the upcall into the bench's
 *                             minimal entry (<arch>/), which takes the event, and its return
 *   sched_yield_alone         SCHEDOP_yield with no other domain runnable
 *   sched_yield               SCHEDOP_yield to the peer, which yields back: per yield,
 *                             the switch to the other domain included
 *   domain_switch             the difference of the two: what switching domains adds
 *   event_round_trip          domain 0 sends to the peer and polls; the peer, polling,
 *                             wakes, sends back and polls again (SCHEDOP_poll both sides)
 *   block_wake                domain 0 masks events, sends to the peer and blocks; the
 *                             peer, blocked, is woken by the event's upcall and does the
 *                             same back: per block-and-wake (half a round trip)
 * The peer moves from one phase to the next (wait, yield, poll echo, block echo) at each
 * event on its "next" port.
 */
#include "bench_sched.h"
#include "clock.h"
#include "lib.h"

struct evtchn_send bench_send_arg;
struct evtchn_send bench_echo_arg;
struct sched_poll bench_poll_arg;
xen_ulong_t *bench_pending;
struct vcpu_info *bench_vcpu;
xen_ulong_t *bench_pending_sel;
xen_ulong_t bench_echo_bit;
volatile xen_ulong_t bench_seen;
volatile unsigned long bench_upcalls;

/* Ports below 32, whatever the word size: the loops and the upcall entry use word 0. */
#define PORT_BIT(port) ((xen_ulong_t)1 << (port))
#define PEER_PORTS 2 /* echo, next */
#define SCAN_PORTS 32U

static evtchn_port_t echo_port, next_port, ipi_port;
static evtchn_port_t echo_ports[1];

static void events_masked(bool masked)
{
	__atomic_store_n(&bench_vcpu->evtchn_upcall_mask, masked, __ATOMIC_SEQ_CST);
}

/*
 * Forgets the upcall left due by events that were taken by polling (with delivery masked,
 * raising an event still sets evtchn_upcall_pending and the selector bit), so that the
 * next block waits for a new event rather than returning for a stale one.
 */
static void stale_upcall_clear(void)
{
	__atomic_store_n(bench_pending_sel, 0, __ATOMIC_SEQ_CST);
	__atomic_store_n(&bench_vcpu->evtchn_upcall_pending, 0, __ATOMIC_SEQ_CST);
}

/* Finds the event words and masks delivery (there is no callback yet). */
static bool shared_setup(void)
{
	struct shared_info *shared = guest_shared_info();

	if (!shared) {
		return false;
	}
	bench_pending = &shared->evtchn_pending[0];
	bench_vcpu = &shared->vcpu_info[0];
	bench_pending_sel = &bench_vcpu->evtchn_pending_sel;
	events_masked(true);
	return true;
}

/* ---- the peer (d1) ---- */

static bool seen_take(evtchn_port_t port)
{
	if (!(bench_seen & PORT_BIT(port))) {
		return false;
	}
	__atomic_fetch_and(&bench_seen, ~PORT_BIT(port), __ATOMIC_SEQ_CST);
	return true;
}

static void peer_wait_next(void)
{
	while (!evtchn_port_pending(next_port)) {
		sched_op_poll(&next_port, 1, 0);
	}
	evtchn_clear_port(next_port);
}

static void peer_yield_phase(void)
{
	bench_yield_until(PORT_BIT(next_port));
	evtchn_clear_port(next_port);
}

static void peer_poll_phase(void)
{
	evtchn_port_t ports[2] = {echo_port, next_port};

	for (;;) {
		sched_op_poll(ports, 2, 0);
		if (evtchn_port_pending(echo_port)) {
			evtchn_clear_port(echo_port);
			evtchn_send(echo_port);
		}
		if (evtchn_port_pending(next_port)) {
			evtchn_clear_port(next_port);
			return;
		}
	}
}

static void peer_block_phase(void)
{
	for (;;) {
		events_masked(true);
		if (seen_take(echo_port)) {
			evtchn_send(echo_port);
		}
		if (seen_take(next_port)) {
			return;
		}
		sched_op_block();
	}
}

static noreturn void peer(void)
{
	if (!shared_setup() || evtchn_alloc_unbound(DOMID_SELF, 0, &echo_port) ||
	    evtchn_alloc_unbound(DOMID_SELF, 0, &next_port) || echo_port >= SCAN_PORTS ||
	    next_port >= SCAN_PORTS) {
		printf("bench peer: no ports\n");
		guest_shutdown(SHUTDOWN_crash);
	}
	peer_wait_next();
	peer_yield_phase();
	peer_poll_phase();
	stale_upcall_clear();
	if (bench_upcall_install()) {
		peer_block_phase();
	}
	for (;;) {
		peer_wait_next();
	}
}

/* ---- domain 0 ---- */

/* Binds the lowest port d1 left unbound for domain 0 (bench peers offer theirs at once). */
static bool connect_peer(evtchn_port_t *local)
{
	uint64_t deadline = clock_system_ns() + NS_PER_SEC;

	while (clock_system_ns() < deadline) {
		for (evtchn_port_t port = 1; port < SCAN_PORTS; port++) {
			struct evtchn_status status;

			if (evtchn_status(1, port, &status) == 0 &&
			    status.status == EVTCHNSTAT_unbound && status.u.unbound.dom == 0) {
				if (evtchn_bind_interdomain(1, port, local) ||
				    *local >= SCAN_PORTS) {
					return false;
				}
				evtchn_clear_port(*local);
				return true;
			}
		}
		sched_op_poll(NULL, 0, clock_system_ns() + 100 * NS_PER_US);
	}
	return false;
}

static void peer_next(void)
{
	evtchn_send(next_port);
}

static void send_masked_setup(void)
{
	bench_send_arg.port = ipi_port;
	evtchn_mask_port(ipi_port);
}

static bool send_masked_check(void)
{
	bool pending = evtchn_port_pending(ipi_port);

	evtchn_clear_port(ipi_port);
	return pending && evtchn_send(ipi_port) == 0 && evtchn_port_pending(ipi_port);
}

static void send_masked_cleanup(void)
{
	evtchn_clear_port(ipi_port);
	evtchn_unmask(ipi_port);
	evtchn_clear_port(ipi_port);
}

static unsigned long upcalls_before;

static void upcall_setup(void)
{
	bench_send_arg.port = ipi_port;
	stale_upcall_clear();
	if (bench_upcall_install()) {
		events_masked(false);
	}
	upcalls_before = bench_upcalls;
}

/* Every send made one upcall (the warm-up pass and the check's own send included). */
static bool upcall_check(void)
{
	unsigned long expected = 1 + bench_iterations + 1;

	evtchn_send(ipi_port);
	return bench_upcalls - upcalls_before == expected && !evtchn_port_pending(ipi_port) &&
	       (bench_seen & PORT_BIT(ipi_port));
}

static void upcall_cleanup(void)
{
	events_masked(true);
	bench_upcall_remove();
	bench_seen = 0;
}

static void yield_with_peer_setup(void)
{
	peer_next(); /* the peer leaves its wait for its yield loop */
}

static void round_trip_setup(void)
{
	peer_next(); /* the yield loop ends; the peer polls for echoes */
	bench_echo_arg.port = echo_port;
	echo_ports[0] = echo_port;
	bench_poll_arg.ports = (unsigned long)echo_ports;
	bench_poll_arg.nr_ports = 1;
	bench_poll_arg.timeout = 0;
	bench_echo_bit = PORT_BIT(echo_port);
}

static void block_setup(void)
{
	peer_next(); /* the peer leaves its poll loop for its block loop */
	stale_upcall_clear();
	if (bench_upcall_install()) {
		events_masked(false);
	}
	bench_seen = 0;
	upcalls_before = bench_upcalls;
}

/* Each round trip ended in one upcall of the echo. */
static bool block_check(void)
{
	unsigned long upcalls = bench_upcalls - upcalls_before;

	if (upcalls != 1 + bench_iterations) {
		printf("block_wake: %lu echoes taken by upcalls for %lu round trips\n", upcalls,
		       1 + bench_iterations);
		return false;
	}
	return true;
}

static void block_cleanup(void)
{
	events_masked(true);
	bench_upcall_remove();
	peer_next(); /* the peer's block loop ends */
}

static const struct bench_op ops_alone[] = {
    {"event_send_masked", bench_send_loop, bench_sched_empty, 1, .setup = send_masked_setup,
     .check = send_masked_check, .cleanup = send_masked_cleanup},
    {"event_send_upcall_return", bench_send_loop, bench_sched_empty, 1, .setup = upcall_setup,
     .check = upcall_check, .cleanup = upcall_cleanup},
};

/*
 * The yields, measured here rather than by bench_run: domain_switch is the difference of
 * the two figures. Prints both and the difference, in tenths of an instruction.
 */
static void report(const char *name, int64_t tenths)
{
	printf("RINGO-BENCH: %s %lld.%lld insns\n", name, (long long)(tenths / 10),
	       (long long)(tenths < 0 ? -tenths % 10 : tenths % 10));
}

static int64_t per_op_tenths(uint64_t loop, uint64_t empty, uint64_t ops)
{
	int64_t diff = (int64_t)loop - (int64_t)empty;

	return (diff * 10 + (int64_t)ops / 2) / (int64_t)ops;
}

/* The yield loops' ticks: alone, the empty loop, and with the peer yielding back. */
static uint64_t yield_alone, yield_empty;

static void yields_alone(void)
{
	long n = (long)bench_iterations;

	bench_yield_loop(1);
	bench_sched_empty(1);
	yield_alone = (unsigned long)bench_yield_loop(n);
	yield_empty = (unsigned long)bench_sched_empty(n);
	report("sched_yield_alone", per_op_tenths(yield_alone, yield_empty, (uint64_t)n));
}

static void yields_with_peer(void)
{
	long n = (long)bench_iterations;
	uint64_t with_peer;
	int64_t alone_t, with_t;

	yield_with_peer_setup();
	bench_yield_loop(1);
	with_peer = (unsigned long)bench_yield_loop(n);
	/* Each pass: domain 0's yield and the switch, the peer's yield and the switch back. */
	alone_t = per_op_tenths(yield_alone, yield_empty, (uint64_t)n);
	with_t = per_op_tenths(with_peer, yield_empty, 2 * (uint64_t)n);
	report("sched_yield", with_t);
	report("domain_switch", with_t - alone_t);
}

static const struct bench_op ops_pair[] = {
    {"event_round_trip", bench_poll_round_trip_loop, bench_sched_empty, 1,
     .setup = round_trip_setup},
    {"block_wake", bench_block_round_trip_loop, bench_sched_empty, 2, .setup = block_setup,
     .check = block_check, .cleanup = block_cleanup},
};

static void dom0(void)
{
	if (!shared_setup() || evtchn_bind_ipi(0, &ipi_port) || ipi_port >= SCAN_PORTS) {
		bench_fail("setup", "no IPI port");
		return;
	}
	for (unsigned int i = 0; i < sizeof(ops_alone) / sizeof(ops_alone[0]); i++) {
		bench_run(&ops_alone[i]);
	}
	yields_alone();
	if (!connect_peer(&echo_port) || !connect_peer(&next_port)) {
		bench_fail("setup", "the peer (d1) offered no ports");
		return;
	}
	yields_with_peer();
	for (unsigned int i = 0; i < sizeof(ops_pair) / sizeof(ops_pair[0]); i++) {
		bench_run(&ops_pair[i]);
	}
	console_puts("RINGO-BENCH: done 0 -\n");
}

void guest_main(void)
{
	char role[16];

	if (cmdline_get((const char *)start_info->cmd_line, "role", role, sizeof(role)) &&
	    !strcmp(role, "peer")) {
		peer();
	}
	dom0();
}
