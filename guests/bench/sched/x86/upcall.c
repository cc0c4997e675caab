/*
 * upcall.c (x86): registers the bench's minimal event callback (upcall.S) with
 * callback_op. Removing it only masks events: the image has no other callback.
 */
#include "../bench_sched.h"
#include "x86/hypercalls.h"

extern char bench_upcall_entry[];

bool bench_upcall_install(void)
{
	struct callback_register event = {
	    .type = CALLBACKTYPE_event,
	    .cs = FLAT_RING1_CS,
	    .eip = (uint32_t)(uintptr_t)bench_upcall_entry,
	};

	return HYPERVISOR_callback_op(CALLBACKOP_register, &event) == 0;
}

void bench_upcall_remove(void)
{
	__atomic_store_n(&bench_vcpu->evtchn_upcall_mask, 1, __ATOMIC_SEQ_CST);
}
