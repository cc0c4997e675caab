/*
 * hypercall.c (x86): the hypercall gate's register convention (ABI.md section 1), and
 * the long way back from a hypercall.
 *
 * EAX holds the number and EBX, ECX, EDX, ESI, EDI, EBP the arguments; the result goes
 * back in EAX. The frame at x86_guest_frame holds exactly those registers in that order
 * (plat/regs.h), and it is the loaded vCPU's own register state, so the entry
 * (x86_hypercall_entry, entry.S) hands the frame to the handler as its arguments and
 * writes the result into it, which reaches the guest on the way out unless the handler
 * stopped the vCPU. A 64-bit argument (a PTE, a machine address) takes two registers,
 * low half first. The way back (x86_resume, which traps share) skips the scheduler and a
 * full entry when nothing but registers changed and the scheduler has not asked for a
 * decision (sched_must_resume), and delivers a due event upcall on the way. The entry's
 * own fast return (entry.S) makes the same checks inline.
 */
#include "arch/event.h"
#include "arch/hypercall.h"
#include "event_channel.h"
#include "arch/vcpu.h"
#include "plat/cpu_state.h"
#include "plat/traps.h"
#include "sched.h"

noreturn void x86_hypercall_resume(void)
{
	sched_check_current();
	arch_vcpu_run(sched_current());
}

/*
 * Whether v, the loaded vCPU, may go straight back to its guest: sched_resched covers a
 * change of the current vCPU (a block, yield, crash or wake sets it), runnable is checked
 * as well, as the entry does.
 */
static bool may_resume(const struct vcpu *v)
{
	return !x86_full_exit && !sched_must_resume() && v->runnable;
}

uint32_t x86_resume(struct vcpu *v)
{
	if (!may_resume(v)) {
		x86_hypercall_resume();
	}
	/* v->arch.vcpu_info: set when v entered (arch_vcpu_run), as entry.S relies on. */
	if (evtchn_upcall_deliverable(v->arch.vcpu_info)) {
		arch_event_upcall(v);
		if (!may_resume(v)) {
			x86_hypercall_resume(); /* the upcall could not be delivered: crashed */
		}
	}
	return (uint32_t)maddr_value(v->arch.cr3);
}
