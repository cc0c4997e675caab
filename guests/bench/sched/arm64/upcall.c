/*
 * upcall.c (arm64): the bench's upcall is the library's (the EL1 IRQ vector and the
 * dispatcher of events.h), with a handler on every port of word 0 that ORs the port into
 * bench_seen and counts the delivery in bench_upcalls (one port per upcall in this bench).
 * So ARM64's "send + upcall + return" includes the library's dispatcher. Removing it only
 * masks events.
 */
#include "../bench_sched.h"

#define BENCH_WORD0_PORTS 32U

static void take(evtchn_port_t port, void *data)
{
	(void)data;
	__atomic_fetch_or(&bench_seen, (xen_ulong_t)1 << port, __ATOMIC_SEQ_CST);
	bench_upcalls++;
}

bool bench_upcall_install(void)
{
	events_init();
	for (evtchn_port_t port = 1; port < BENCH_WORD0_PORTS; port++) {
		if (evtchn_set_handler(port, take, NULL)) {
			return false;
		}
	}
	return true;
}

void bench_upcall_remove(void)
{
	__atomic_store_n(&bench_vcpu->evtchn_upcall_mask, 1, __ATOMIC_SEQ_CST);
}
