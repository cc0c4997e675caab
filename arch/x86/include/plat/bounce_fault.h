/*
 * bounce_fault.h (x86): the common bounce of a fault with an error code (#PF), inline in
 * the trap path: the frame of ABI.md section 5 (error code, EIP, CS with the saved event
 * mask in bits 16-23, EFLAGS, and from ring 3 the interrupted ESP and SS) on the guest
 * kernel's stack, or from ring 3 on the stack_switch stack, when it lies in the page of the
 * vCPU's last bounce and no page table or base changed since (bounce.c keeps that page's
 * view). It writes what x86_bounce_trap would write; anything else (no handler, no stack,
 * another page, a frame across pages) is left to x86_bounce_trap, which decides it all,
 * the failsafe callback included.
 */
#ifndef RINGO_PLAT_BOUNCE_FAULT_H
#define RINGO_PLAT_BOUNCE_FAULT_H

#include "mm.h"
#include "plat/guest_eflags.h"
#include "public/arch_x86.h"
#include "public/xen.h"

#define X86_BOUNCE_EFLAGS_CLEARED 0x00034100 /* TF, NT, RF, VM, as a trap gate clears */

/* Where a frame of size bytes at guest address frame goes in v's kept page; or NULL. */
static inline uint32_t *x86_bounce_kept_target(const struct vcpu *v, uint32_t frame, uint32_t size)
{
	const struct x86_bounce_page *kept = &v->arch.bounce_page;
	/* Below the page, this wraps past any bound: one compare says "inside, whole". */
	uint32_t offset = frame - kept->page;

	if (offset > PAGE_SIZE - size || kept->changes != mm_pt_changes || !kept->target) {
		return NULL;
	}
	return (uint32_t *)(kept->target + offset);
}

/*
 * The frame onto the stack ss:sp (outer: the stack_switch stack, from ring 3, with the
 * interrupted SS:ESP), each case compiled on its own with its size known.
 */
static inline __attribute__((always_inline)) bool x86_bounce_fault_onto(
    struct vcpu *v, const struct x86_trap_entry *entry, uint32_t ss, uint32_t sp, bool outer)
{
	struct x86_regs *regs = v->arch.regs;
	uint8_t *mask = &v->arch.vcpu_info->evtchn_upcall_mask;
	uint32_t size = outer ? 6 * sizeof(uint32_t) : 4 * sizeof(uint32_t);
	uint32_t *words;
	uint8_t old_mask;

	/*
	 * sp < size needs no test of its own: sp - size then wraps to the top 24 bytes, far
	 * above any guest page the kept one can be, and the kept page's test fails.
	 */
	if (!entry->eip || !ss || !(words = x86_bounce_kept_target(v, sp - size, size))) {
		return false;
	}
	/* Read before the frame is written: the compiler cannot tell them apart. */
	old_mask = *mask;
	words[3] = x86_guest_eflags(v, old_mask);
	words[2] = (regs->cs & 0xffff) | (uint32_t)old_mask << BOUNCE_CS_MASK_SHIFT;
	words[1] = regs->eip;
	words[0] = regs->error_code;
	if (outer) {
		words[4] = regs->esp;
		words[5] = regs->ss;
	}
	regs->esp = sp - size;
	regs->ss = ss;
	regs->cs = entry->cs;
	regs->eip = entry->eip;
	regs->eflags &= ~X86_BOUNCE_EFLAGS_CLEARED;
	if (entry->flags & TI_MASK_EVENTS) {
		*mask = 1;
	}
	return true;
}

/*
 * Bounces fault `vector` to v's handler the direct way, with the error code the CPU pushed
 * (in v's frame); true when done, false with nothing changed when x86_bounce_trap must
 * decide. v->arch.vcpu_info is set (v entered through arch_vcpu_run).
 */
static inline __attribute__((always_inline)) bool x86_bounce_fault_direct(struct vcpu *v,
									  unsigned int vector)
{
	const struct x86_trap_entry *entry = &v->arch.traps[vector & 0xff];
	const struct x86_regs *regs = v->arch.regs;

	if (x86_regs_ring(regs) != 1) {
		return x86_bounce_fault_onto(v, entry, v->arch.kernel_ss, v->arch.kernel_sp, true);
	}
	return x86_bounce_fault_onto(v, entry, regs->ss, regs->esp, false);
}

#endif
