/*
 * arch/event.h: delivering the event upcall into a guest (ABI.md section 4).
 *
 * The core decides when an upcall is due (evtchn_upcall_deliverable() in event_channel.h:
 * evtchn_upcall_pending set and evtchn_upcall_mask clear in the vCPU's vcpu_info); the arch
 * knows how a guest takes one. No arch implements this yet: the scheduler's return-to-guest
 * path calls it once both do.
 */
#ifndef RINGO_ARCH_EVENT_H
#define RINGO_ARCH_EVENT_H

#include "domain.h"

/*
 * Called on every return to the guest on v, the current vCPU, after the scheduler chose it
 * and before its registers are loaded, with pending = evtchn_upcall_deliverable() of its
 * vcpu_info. x86: when pending, builds a bounce frame to the CALLBACKTYPE_event callback on
 * the guest's ring-1 stack as for a trap (EFLAGS.IF from !upcall_mask, the saved mask in CS
 * bits 16-23) and sets evtchn_upcall_mask = 1; when that frame cannot be written, the
 * failsafe callback instead, and a guest without either is crashed (domain_crash); does
 * nothing when !pending. ARM64: sets the virtual IRQ line (HCR_EL2.VI) to pending, so the
 * guest takes its VBAR_EL1 IRQ vector once PSTATE.I allows, and clears it otherwise.
 */
void arch_event_upcall(struct vcpu *v, bool pending);

#endif
