/*
 * events_arch.c (x86 guest): the event upcall entry and the counter.
 *
 * The upcall is the CALLBACKTYPE_event callback (callback_op), entered in ring 1 by a
 * bounce frame like an interrupt without error code (trap_entry.S, event_callback_entry).
 * An upcall that interrupts ring 3 lands on the stack_switch stack, so traps_init() runs
 * first. No failsafe callback is registered: a frame the hypervisor cannot write crashes
 * the domain with the hypervisor's own message, which says more than a guest could.
 */
#include "clock.h"
#include "events.h"
#include "x86/hypercalls.h"
#include "x86/traps.h"

extern char event_callback_entry[];

void events_arch_init(void)
{
	struct callback_register event = {
	    .type = CALLBACKTYPE_event,
	    .cs = FLAT_RING1_CS,
	    .eip = (uint32_t)(uintptr_t)event_callback_entry,
	};
	long rc;

	traps_init();
	rc = HYPERVISOR_callback_op(CALLBACKOP_register, &event);
	if (rc) {
		printf("events_init: callback_op refused the event callback (%ld)\n", rc);
		guest_shutdown(SHUTDOWN_crash);
	}
}

void events_arch_enable(void)
{
	/* x86 guests have no interrupt flag of their own: evtchn_upcall_mask is it. */
}

uint64_t clock_counter(void)
{
	uint32_t low, high;

	__asm__ volatile("rdtsc" : "=a"(low), "=d"(high));
	return ((uint64_t)high << 32) | low;
}
