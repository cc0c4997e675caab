/*
 * iret.c (x86): the iret hypercall (23) and stack_switch (3).
 *
 * A ring-1 kernel cannot iret everywhere it needs to: not with the virtual interrupt
 * flag (the event mask) restored from the frame, nor, on a bounce frame, past the mask
 * byte in the CS slot. The iret hypercall does it for the guest: the hypercall page's
 * slot 23 pushes EAX and traps, so the guest stack holds EAX, EIP, CS, EFLAGS and, for
 * a return to ring 2 or 3, ESP and SS (ABI.md section 5). Ringo restores them after
 * checking what it restores: no return to ring 0, only selectors a guest may use (its
 * own GDT or the flat ring-1/ring-3 segments), an SS of the same ring, an EIP below the
 * hole. EFLAGS keeps the arithmetic and control bits the guest owns; IF stays set and
 * IOPL 0 in the hardware, and the frame's IF becomes the event mask (its IOPL the virtual
 * IOPL, for a domain that enabled vm_assist architectural_iopl, as on Xen). A refused iret
 * returns an errno with the guest unchanged (Xen crashes the domain there); the
 * hypercall page's slot has no return after the trap, so a guest that wants to see the
 * refusal makes the call with `int $0x82` itself.
 *
 * stack_switch names the ring-1 stack for traps from ring 3: the CPU's (TSS) for the
 * direct system-call gate, the hypervisor's for bounces.
 */
#include "domain.h"
#include "guest_access.h"
#include "hypercall.h"
#include "plat/cpu_state.h"
#include "plat/descriptor.h"
#include "plat/traps.h"
#include "public/errno.h"

#define EFLAGS_IF 0x00000200
#define EFLAGS_IOPL 0x00003000
#define EFLAGS_IOPL_SHIFT 12
/* CF PF AF ZF SF TF DF OF AC ID: the guest's own; IOPL, NT, RF, VM, VIF, VIP are not. */
#define EFLAGS_GUEST 0x00240dd5

struct iret_frame {
	uint32_t eax;
	uint32_t eip;
	uint32_t cs;
	uint32_t eflags;
	uint32_t esp; /* only for a return to ring 2 or 3 */
	uint32_t ss;
};

#define IRET_INNER_SIZE offsetof(struct iret_frame, esp)

static int iret_check(const struct iret_frame *frame, bool outer)
{
	unsigned int ring = frame->cs & 3;

	if (ring == 0 || frame->eip >= HYPERVISOR_VIRT_START_X86) {
		return -EINVAL;
	}
	if (!outer) {
		return x86_selector_is_kernel_code(frame->cs) ? 0 : -EINVAL;
	}
	if (!x86_selector_is_guest(frame->cs) || !x86_selector_is_guest(frame->ss) ||
	    (frame->ss & 3) != ring) {
		return -EINVAL;
	}
	return 0;
}

HOT_CALL long do_iret(struct vcpu *v, const struct hcall_args *args)
{
	struct x86_regs *regs = v->arch.regs;
	struct iret_frame frame;
	bool outer;
	int rc;

	(void)args;
	if (copy_from_guest(&frame, gvaddr(regs->esp), IRET_INNER_SIZE)) {
		return -EFAULT;
	}
	frame.cs &= 0xffff; /* a bounce frame carries the event mask above the selector */
	outer = (frame.cs & 3) > 1;
	if (outer && copy_from_guest(&frame.esp, gvaddr(regs->esp + IRET_INNER_SIZE),
				     sizeof(frame.esp) + sizeof(frame.ss))) {
		return -EFAULT;
	}
	rc = iret_check(&frame, outer);
	if (rc) {
		return rc;
	}
	regs->eip = frame.eip;
	regs->cs = frame.cs;
	regs->eflags = (frame.eflags & EFLAGS_GUEST) | EFLAGS_IF | X86_EFLAGS_RESERVED;
	regs->esp = outer ? frame.esp : regs->esp + IRET_INNER_SIZE;
	regs->ss = outer ? frame.ss : regs->ss;
	*x86_upcall_mask(v) = !(frame.eflags & EFLAGS_IF);
	if (v->domain->vm_assist & (1UL << VMASST_TYPE_architectural_iopl)) {
		v->arch.iopl = (frame.eflags & EFLAGS_IOPL) >> EFLAGS_IOPL_SHIFT;
	}
	return (long)frame.eax; /* the return value is EAX: the guest's, restored */
}

HOT_CALL long do_stack_switch(struct vcpu *v, const struct hcall_args *args)
{
	uint32_t ss = (uint32_t)args->arg[0];
	unsigned long esp = args->arg[1];

	if (!x86_selector_is_kernel_stack(ss)) {
		return -EPERM;
	}
	/* The stack grows down from esp: its top may be the hole's first byte, not past it. */
	if (esp > HYPERVISOR_VIRT_START_X86) {
		return -EINVAL;
	}
	v->arch.kernel_ss = ss;
	v->arch.kernel_sp = (uint32_t)esp;
	cpu_state_stack_changed(v);
	return 0;
}
