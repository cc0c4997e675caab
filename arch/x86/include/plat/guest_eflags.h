/*
 * guest_eflags.h (x86): the EFLAGS a PV guest's trap frame shows (ABI.md section 5), shared
 * by the trap bounces (bounce.c) and the event upcall's direct way (event.c).
 *
 * IF is the inverse of the event mask, the guest's virtual interrupt flag; IOPL is 0, or
 * the virtual IOPL for a domain that asked for architectural IOPL (vm_assist).
 */
#ifndef RINGO_PLAT_GUEST_EFLAGS_H
#define RINGO_PLAT_GUEST_EFLAGS_H

#include "domain.h"
#include "plat/regs.h"

#define X86_EFLAGS_IOPL 0x00003000
#define X86_EFLAGS_IOPL_SHIFT 12

/* v's EFLAGS as its guest sees them, with event mask `mask`. */
static inline uint32_t x86_guest_eflags(const struct vcpu *v, uint8_t mask)
{
	uint32_t eflags = v->arch.regs->eflags & ~(X86_EFLAGS_IF | X86_EFLAGS_IOPL);

	if (v->domain->vm_assist & (1UL << VMASST_TYPE_architectural_iopl)) {
		eflags |= v->arch.iopl << X86_EFLAGS_IOPL_SHIFT;
	}
	return eflags | (mask ? 0 : X86_EFLAGS_IF);
}

#endif
