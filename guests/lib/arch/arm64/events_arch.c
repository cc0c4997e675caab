/*
 * events_arch.c (ARM64 guest): the event upcall and the counter.
 *
 * The upcall is an IRQ exception Ringo injects at VBAR_EL1 + 0x280 (from EL1) or + 0x480
 * (from EL0) with evtchn_upcall_mask set (arch/event.h); vectors.S saves the registers and
 * calls events_arch_upcall(). It is due only while PSTATE.I is clear, so
 * events_arch_enable() clears it (the guest starts with DAIF masked). There is no saved
 * mask to restore, as the upcall is only taken unmasked: the handler unmasks when done and
 * runs the dispatcher again for anything that arrived meanwhile (with PSTATE.I set, a
 * forced callback could not be taken here).
 */
#include "clock.h"
#include "events.h"

void events_arch_upcall(void);

void events_arch_init(void)
{
	/* The library's vector table (start.S) already holds the IRQ entries. */
}

void events_arch_enable(void)
{
	__asm__ volatile("msr daifclr, #2" ::: "memory");
}

void events_arch_upcall(void)
{
	struct vcpu_info *vcpu = events_vcpu_info();

	if (!vcpu) {
		return;
	}
	for (;;) {
		evtchn_do_upcall();
		__atomic_store_n(&vcpu->evtchn_upcall_mask, 0, __ATOMIC_SEQ_CST);
		if (!__atomic_load_n(&vcpu->evtchn_upcall_pending, __ATOMIC_SEQ_CST)) {
			break;
		}
		__atomic_store_n(&vcpu->evtchn_upcall_mask, 1, __ATOMIC_SEQ_CST);
	}
}

uint64_t clock_counter(void)
{
	uint64_t value;

	__asm__ volatile("isb; mrs %0, cntvct_el0" : "=r"(value)::"memory");
	return value;
}
