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
 * The common case, an upcall to a vCPU interrupted in ring 1 whose stack is in the page
 * its last bounce went to (bounce.c keeps that page's hypervisor view while no page table
 * or base changed), is written here directly: the same frame and state x86_bounce_event
 * would make, without its general choices. Anything else goes to x86_bounce_event. The
 * hypercall exit (entry.S, hypercall_event_pending) makes the same direct upcall in
 * assembly, from the same checks in the same order: a change here is a change there.
 */
#include "arch/event.h"
#include "event_channel.h"
#include "mm.h"
#include "plat/event.h"
#include "plat/guest_eflags.h"
#include "plat/traps.h"
#include "public/errno.h"

bool arch_event_upcall_due(const struct vcpu *v)
{
	return evtchn_upcall_deliverable(&v->domain->shared_info->vcpu_info[v->id]);
}

/* Where the upcall frame goes when bounce.c's kept page holds it; NULL otherwise. */
static uint32_t *kept_frame(const struct vcpu *v, uint32_t sp)
{
	const struct x86_bounce_page *kept = &v->arch.bounce_page;
	uint32_t offset = sp & (PAGE_SIZE - 1);

	if (sp - offset != kept->page || offset > PAGE_SIZE - X86_UPCALL_FRAME_SIZE ||
	    kept->changes != mm_pt_changes || !kept->target) {
		return NULL;
	}
	return (uint32_t *)(kept->target + offset);
}

/* The upcall from ring 1 onto the same stack, events unmasked (the mask byte 0). */
static bool upcall_direct(struct vcpu *v, const struct x86_callback *callback)
{
	struct x86_regs *regs = v->arch.regs;
	uint8_t *mask = &v->domain->shared_info->vcpu_info[v->id].evtchn_upcall_mask;
	uint32_t sp = regs->esp - X86_UPCALL_FRAME_SIZE;
	uint32_t *words;

	if (x86_regs_ring(regs) != 1 || regs->esp < X86_UPCALL_FRAME_SIZE || !regs->ss || *mask) {
		return false;
	}
	words = kept_frame(v, sp);
	if (!words) {
		return false;
	}
	words[0] = regs->eip;
	words[1] = regs->cs & 0xffff; /* the saved mask, bits 16-23, is 0 */
	words[2] = x86_guest_eflags(v, 0);
	regs->esp = sp;
	regs->cs = callback->cs;
	regs->eip = callback->eip;
	regs->eflags &= ~X86_EFLAGS_CLEARED_BY_BOUNCE;
	*mask = 1;
	return true;
}

bool x86_event_upcall(struct vcpu *v)
{
	const struct x86_callback *callback = &v->arch.callbacks[CALLBACKTYPE_event];

	if (callback->eip && upcall_direct(v, callback)) {
		return true;
	}
	if (x86_bounce_event(v) == -ENOENT) {
		domain_crash(v->domain, "event upcall due at eip 0x%08x, no event callback",
			     v->arch.regs->eip);
	}
	return false;
}

void arch_event_upcall(struct vcpu *v)
{
	x86_event_upcall(v);
}
