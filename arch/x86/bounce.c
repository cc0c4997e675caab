/*
 * bounce.c (x86): delivering a trap to the guest kernel (ABI.md section 5).
 *
 * The hypervisor does in software what the CPU does for a gate into ring 1: it writes the
 * frame the guest's handler expects on the guest kernel's stack and resumes the vCPU at
 * the handler. From ring 1 the frame goes on the current stack; from ring 3 on the
 * stack_switch stack, with the interrupted SS:ESP first. From high to low addresses:
 *
 *     [SS, ESP]   when the frame is not on the interrupted stack (from ring 3)
 *     EFLAGS      IF = !upcall_mask: the guest's virtual interrupt flag (and IOPL the
 *                 virtual IOPL under vm_assist architectural_iopl)
 *     CS          bits 16-23: the upcall mask before the bounce
 *     EIP
 *     [error]     for the exceptions that have one
 *     [GS, FS, ES, DS]  failsafe callback only, DS lowest
 *
 * The handler runs with the trap entry's CS and events masked if the entry asks for it.
 * The frame is written at the linear address ESP: guest stack segments are taken to be
 * flat, as every PV kernel's are. Writing it is a copy_to_guest through the guest's own
 * tables, so a bad guest stack is a failed copy, never a hypervisor fault. When the frame
 * cannot be written (a fault while delivering a fault), the guest gets one chance through
 * its failsafe callback: on the interrupted ring-1 stack if that works, else on the
 * stack_switch stack (then with the interrupted SS:ESP, as from ring 3); if that fails
 * too, or it has none, or a failsafe bounce is still on its way, the domain is crashed
 * alone. The same failsafe path serves a return to the guest that faulted on a guest
 * selector (entry.S), as Xen's does: the frame then holds the selectors that failed, and
 * the guest resumes with null data segments.
 *
 * The event upcall (arch_event_upcall, event.c) is bounced the same way as an interrupt
 * without error code, to the CALLBACKTYPE_event callback, always with events masked.
 */
#include "console.h"
#include "guest_access.h"
#include "lib.h"
#include "plat/cpu_state.h"
#include "plat/guest_window.h"
#include "plat/traps.h"
#include "public/errno.h"

#define EFLAGS_TF 0x00000100
#define EFLAGS_IF 0x00000200
#define EFLAGS_IOPL 0x00003000
#define EFLAGS_IOPL_SHIFT 12
#define EFLAGS_NT 0x00004000
#define EFLAGS_RF 0x00010000
#define EFLAGS_VM 0x00020000
#define FRAME_WORDS_MAX 10

struct bounce {
	uint16_t cs;
	uint32_t eip;
	bool mask_events;
	bool failsafe;
	const uint32_t *error_code;
	bool switch_stack; /* the frame goes on another stack than the interrupted one */
};

uint8_t *x86_upcall_mask(struct vcpu *v)
{
	return &v->domain->shared_info->vcpu_info[v->id].evtchn_upcall_mask;
}

static bool from_kernel(const struct x86_regs *regs)
{
	return x86_regs_ring(regs) == 1;
}

/* Where a bounce from regs goes: the same ring-1 stack, or the stack_switch stack. */
static bool needs_stack_switch(const struct x86_regs *regs)
{
	return !from_kernel(regs);
}

/*
 * The guest's view of EFLAGS: IF is the inverse of the event mask; IOPL is 0, or the
 * virtual IOPL for a domain that asked for architectural IOPL (vm_assist).
 */
static uint32_t frame_eflags(const struct vcpu *v, uint8_t mask)
{
	uint32_t eflags = v->arch.regs->eflags & ~(EFLAGS_IF | EFLAGS_IOPL);

	if (v->domain->vm_assist & (1UL << VMASST_TYPE_architectural_iopl)) {
		eflags |= v->arch.iopl << EFLAGS_IOPL_SHIFT;
	}
	return eflags | (mask ? 0 : EFLAGS_IF);
}

/* How many words the frame of b takes. */
static unsigned int frame_words(const struct bounce *b)
{
	return (b->failsafe ? 4 : 0) + (b->error_code ? 1 : 0) + 3 + (b->switch_stack ? 2 : 0);
}

/* The frame's words, lowest address first. */
static void frame_build(struct vcpu *v, const struct bounce *b, uint32_t *words)
{
	const struct x86_regs *regs = v->arch.regs;
	uint8_t mask = *x86_upcall_mask(v);
	unsigned int n = 0;

	if (b->failsafe) {
		words[n++] = regs->ds;
		words[n++] = regs->es;
		words[n++] = regs->fs;
		words[n++] = regs->gs;
	}
	if (b->error_code) {
		words[n++] = *b->error_code;
	}
	words[n++] = regs->eip;
	words[n++] = (regs->cs & 0xffff) | (uint32_t)mask << BOUNCE_CS_MASK_SHIFT;
	words[n++] = frame_eflags(v, mask);
	if (b->switch_stack) {
		words[n++] = regs->esp;
		words[n++] = regs->ss;
	}
}

/*
 * Writes the frame and points v at the handler; changes nothing on failure. The frame
 * goes on the interrupted stack, or on the stack_switch stack when b->switch_stack. It is
 * built straight in the guest's stack when it lies in one page the hypervisor can reach
 * (the common case: x86_guest_window), else built here and copied.
 */
static int bounce_write(struct vcpu *v, const struct bounce *b)
{
	struct x86_regs *regs = v->arch.regs;
	uint32_t ss = b->switch_stack ? v->arch.kernel_ss : regs->ss;
	uint32_t sp = b->switch_stack ? v->arch.kernel_sp : regs->esp;
	size_t size = frame_words(b) * sizeof(uint32_t);
	uint32_t frame = sp - size;
	uint32_t words[FRAME_WORDS_MAX];
	uint32_t *target;

	if (!ss || sp < size) {
		return -EFAULT;
	}
	target =
	    x86_guest_window((uint32_t)maddr_value(v->arch.cr3), frame, size, X86_ACCESS_WRITE);
	frame_build(v, b, target ? target : words);
	if (!target && copy_to_guest(gvaddr(frame), words, size)) {
		return -EFAULT;
	}
	regs->esp = frame;
	regs->ss = ss;
	regs->cs = b->cs;
	regs->eip = b->eip;
	regs->eflags &= ~(EFLAGS_TF | EFLAGS_NT | EFLAGS_RF | EFLAGS_VM);
	if (b->failsafe) {
		/* The hypercall's quick way back reloads only ds and es (entry.S). */
		regs->ds = regs->es = regs->fs = regs->gs = 0;
		x86_full_exit = true;
	}
	if (b->mask_events) {
		*x86_upcall_mask(v) = 1;
	}
	return 0;
}

/* Tries the interrupted stack (from ring 1), then the stack_switch stack. */
static int failsafe_write(struct vcpu *v, struct bounce *b)
{
	b->switch_stack = needs_stack_switch(v->arch.regs);
	if (!bounce_write(v, b)) {
		return 0;
	}
	if (b->switch_stack) {
		return -EFAULT;
	}
	b->switch_stack = true;
	return bounce_write(v, b);
}

/*
 * A failsafe bounce made and not yet taken by the guest: no entry from the guest (which
 * every one counts in hypervisor_entries) since it was made.
 */
static bool failsafe_pending(const struct vcpu *v)
{
	return v->arch.failsafe_mark == v->hypervisor_entries + 1;
}

/* The failsafe callback; crashes the domain when it cannot be delivered. */
static int failsafe_deliver(struct vcpu *v, const char *why)
{
	const struct x86_callback *callback = &v->arch.callbacks[CALLBACKTYPE_failsafe];
	struct bounce b = {
	    .cs = callback->cs,
	    .eip = callback->eip,
	    .mask_events = callback->flags & CALLBACKF_mask_events,
	    .failsafe = true,
	};

	if (!callback->eip || failsafe_pending(v) || failsafe_write(v, &b)) {
		domain_crash(v->domain, "%s at eip 0x%08x (cs 0x%x, esp 0x%08x)%s", why,
			     v->arch.regs->eip, v->arch.regs->cs, v->arch.regs->esp,
			     callback->eip ? ", and the failsafe callback failed too"
					   : ", no failsafe callback");
		return -EFAULT;
	}
	v->arch.failsafe_mark = v->hypervisor_entries + 1;
	return 0;
}

void x86_bounce_failsafe(struct vcpu *v, const char *why)
{
	failsafe_deliver(v, why);
}

/* The frame of a trap could not be written: the failsafe callback, or a crash. */
static __attribute__((noinline, cold)) int fault_in_delivery(struct vcpu *v, unsigned int vector)
{
	char why[48];

	snprintf(why, sizeof(why), "fault while delivering vector %u", vector);
	return failsafe_deliver(v, why);
}

/* A trap's bounce the general way: the frame built here and copied, or the failsafe. */
static __attribute__((noinline)) int bounce_general(struct vcpu *v, unsigned int vector,
						    const struct x86_trap_entry *entry,
						    const uint32_t *error_code)
{
	struct bounce b = {
	    .cs = entry->cs,
	    .eip = entry->eip,
	    .mask_events = entry->flags & TI_MASK_EVENTS,
	    .error_code = error_code,
	    .switch_stack = needs_stack_switch(v->arch.regs),
	};

	return bounce_write(v, &b) ? fault_in_delivery(v, vector) : 0;
}

/*
 * Where a frame of size bytes at guest address frame goes, when it lies in one page the
 * guest's kernel may write: the page of v's last bounce while no page table or base has
 * changed since (a trap handler's stack stays put), else a fresh view of it
 * (plat/guest_window.h). NULL when the frame cannot go there so.
 */
static inline uint32_t *bounce_target(struct vcpu *v, uint32_t frame, uint32_t size)
{
	struct x86_bounce_page *kept = &v->arch.bounce_page;
	uint32_t offset = frame & (PAGE_SIZE - 1);
	uint32_t page = frame - offset;

	if (offset + size > PAGE_SIZE) {
		return NULL;
	}
	if (kept->page != page || kept->changes != mm_pt_changes) {
		uint8_t *target = x86_guest_window((uint32_t)maddr_value(v->arch.cr3), page,
						   PAGE_SIZE, X86_ACCESS_WRITE);

		if (!target) {
			return NULL;
		}
		*kept = (struct x86_bounce_page){page, target, mm_pt_changes};
	}
	return (uint32_t *)(kept->target + offset);
}

/*
 * The common bounce, in one pass: the frame of a trap (not the failsafe's) lies in one page
 * of the target stack that the guest's kernel may write (bounce_target). Writes the frame
 * there and points v at the handler; false, with nothing changed, when the frame cannot go
 * there so (the general way then tries, and finds out whether it can go anywhere).
 */
static inline __attribute__((always_inline)) bool bounce_direct(struct vcpu *v,
								const struct x86_trap_entry *entry,
								const uint32_t *error_code)
{
	struct x86_regs *regs = v->arch.regs;
	bool outer = needs_stack_switch(regs);
	uint32_t ss = outer ? v->arch.kernel_ss : regs->ss;
	uint32_t sp = outer ? v->arch.kernel_sp : regs->esp;
	uint32_t size = (uint32_t)((3 + (error_code ? 1 : 0) + (outer ? 2 : 0)) * sizeof(uint32_t));
	uint8_t *mask = x86_upcall_mask(v);
	uint32_t *words;

	if (!ss || sp < size) {
		return false;
	}
	words = bounce_target(v, sp - size, size);
	if (!words) {
		return false;
	}
	if (error_code) {
		*words++ = *error_code;
	}
	words[0] = regs->eip;
	words[1] = (regs->cs & 0xffff) | (uint32_t)*mask << BOUNCE_CS_MASK_SHIFT;
	words[2] = frame_eflags(v, *mask);
	if (outer) {
		words[3] = regs->esp;
		words[4] = regs->ss;
	}
	regs->esp = sp - size;
	regs->ss = ss;
	regs->cs = entry->cs;
	regs->eip = entry->eip;
	regs->eflags &= ~(EFLAGS_TF | EFLAGS_NT | EFLAGS_RF | EFLAGS_VM);
	if (entry->flags & TI_MASK_EVENTS) {
		*mask = 1;
	}
	return true;
}

int x86_bounce_trap(struct vcpu *v, unsigned int vector, const uint32_t *error_code)
{
	const struct x86_trap_entry *entry = &v->arch.traps[vector & 0xff];

	if (!entry->eip) {
		return -ENOENT;
	}
	if (bounce_direct(v, entry, error_code)) {
		return 0;
	}
	return bounce_general(v, vector, entry, error_code);
}

/* The event upcall the general way: the frame built here and copied, or the failsafe. */
static __attribute__((noinline)) int bounce_event_general(struct vcpu *v,
							  const struct x86_callback *callback)
{
	struct bounce b = {
	    .cs = callback->cs,
	    .eip = callback->eip,
	    .mask_events = true,
	    .switch_stack = needs_stack_switch(v->arch.regs),
	};

	return bounce_write(v, &b) ? failsafe_deliver(v, "fault while delivering the event upcall")
				   : 0;
}

int x86_bounce_event(struct vcpu *v)
{
	const struct x86_callback *callback = &v->arch.callbacks[CALLBACKTYPE_event];
	const struct x86_trap_entry entry = {
	    .eip = callback->eip,
	    .cs = callback->cs,
	    .flags = TI_MASK_EVENTS,
	};

	if (!callback->eip) {
		return -ENOENT;
	}
	if (bounce_direct(v, &entry, NULL)) {
		return 0;
	}
	return bounce_event_general(v, callback);
}
