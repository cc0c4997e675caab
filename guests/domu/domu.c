/*
 * domu.c: the unprivileged domain of the default system (dts/ringo-default.dts, boot
 * module 1), run twice with different roles from its command line.
 *
 * Each offers domain 0 an event channel (a port allocated unbound for domain 0, which
 * domain 0 finds with EVTCHNOP_status) and answers every event on it from the upcall.
 *   role=batch        computes between events: a CPU-bound domain, preempted by BVT.
 *   role=interactive  blocks between events: a latency-sensitive domain (warped in the
 *                     configuration), woken by each event.
 * Both run until the machine powers off (domain 0 decides).
 */
#include "clock.h"
#include "events.h"
#include "lib.h"
#include "schedule.h"

static volatile unsigned long answered;

static void answer(evtchn_port_t port, void *data)
{
	(void)data;
	if (evtchn_send(port) == 0) {
		answered++;
	}
}

/* Some arithmetic that the compiler cannot drop: the batch domain's work. */
static uint32_t work(uint32_t seed)
{
	for (unsigned int i = 0; i < 100000; i++) {
		seed = seed * 1103515245U + 12345U;
	}
	return seed;
}

void guest_main(void)
{
	evtchn_port_t port = 0;
	long rc;
	char role[32] = "none";
	volatile uint32_t result = 1;

	cmdline_get((const char *)start_info->cmd_line, "role", role, sizeof(role));
	events_init();
	rc = evtchn_alloc_unbound(DOMID_SELF, 0, &port);
	if (rc) {
		printf("domU (%s): alloc_unbound failed (%ld)\n", role, rc);
		return;
	}
	evtchn_set_handler(port, answer, NULL);
	printf("domU (%s): offering domain 0 port %u\n", role, (unsigned int)port);
	if (role_is("batch")) {
		for (;;) {
			result = work(result);
		}
	}
	events_wait_until(false);
}
