/*
 * arch/event.h: delivering the event upcall into a guest (ABI.md section 4).
 *
 * The core decides when an upcall is due: evtchn_upcall_deliverable() (event_channel.h) of
 * the vCPU's vcpu_info, that is evtchn_upcall_pending set and evtchn_upcall_mask clear.
 * Every path that returns to a guest (arch_vcpu_run, the hypercall fast return, the return
 * from a trap or interrupt) first asks sched_must_resume() (sched.h), then
 * arch_event_upcall_due(v), and when due calls arch_event_upcall() before loading the
 * guest's registers.
 */
#ifndef RINGO_ARCH_EVENT_H
#define RINGO_ARCH_EVENT_H

#include "domain.h"

/*
 * True when v (the current vCPU, about to re-enter its guest) must take the upcall now:
 * evtchn_upcall_deliverable() and, on ARM64, the guest's PSTATE.I clear (an EL1 kernel
 * that masked IRQs is not interrupted, as a real IRQ would not be).
 */
bool arch_event_upcall_due(const struct vcpu *v);

/*
 * Enters v's event callback as if an interrupt had arrived, and sets evtchn_upcall_mask
 * to 1 in its vcpu_info (the guest clears it when it is ready for more, and makes any
 * hypercall to collect events that arrived meanwhile, as Xen guests do).
 *   x86: a bounce frame on the ring-1 stack (from ring 3: the stack_switch stack) to the
 *        CALLBACKTYPE_event callback, exactly as for a trap without error code, the saved
 *        upcall mask in bits 16-23 of the saved CS (the iret hypercall restores it). When
 *        the frame cannot be written: the failsafe callback; a guest without either is
 *        crashed (domain_crash).
 *   ARM64: a software-injected IRQ exception: ELR_EL1/SPSR_EL1 get the guest's PC and
 *        PSTATE, the guest enters VBAR_EL1 + 0x280 (from EL1) or + 0x480 (from EL0) at
 *        EL1h with DAIF masked, as inject.c does for undefined instructions.
 */
void arch_event_upcall(struct vcpu *v);

#endif
