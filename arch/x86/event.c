/*
 * event.c (x86): the event upcall (arch/event.h).
 *
 * An upcall is due when the vCPU's vcpu_info has an event pending and events unmasked;
 * the hardware interrupt flag plays no part (it is always set while a guest runs). The
 * upcall itself is a bounce to the event callback (bounce.c): the guest kernel's stack, or
 * the stack_switch stack when the vCPU was in ring 3, gets EIP, CS with the old mask in
 * bits 16-23 and EFLAGS, and the kernel returns through the iret hypercall or, from ring 1
 * to ring 1, a plain iret. A guest that unmasked events without registering an event
 * callback cannot take them, and is crashed alone.
 *
 * The bounce is x86_bounce_event's (bounce.c), whose direct way writes the frame through
 * the kept view of the page of the vCPU's last bounce. The hypercall exit's common case,
 * an upcall from ring 1 onto that page, is written in assembly on the way out (entry.S,
 * hypercall_event_pending) with the same checks and frame, and comes here for the rest.
 */
#include "arch/event.h"
#include "event_channel.h"
#include "plat/traps.h"
#include "public/errno.h"

bool arch_event_upcall_due(const struct vcpu *v)
{
	return evtchn_upcall_deliverable(&v->domain->shared_info->vcpu_info[v->id]);
}

void arch_event_upcall(struct vcpu *v)
{
	if (x86_bounce_event(v) == -ENOENT) {
		domain_crash(v->domain, "event upcall due at eip 0x%08x, no event callback",
			     v->arch.regs->eip);
	}
}
