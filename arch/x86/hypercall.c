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
 * full entry when nothing but registers changed.
 */
#include "arch/hypercall.h"
#include "arch/vcpu.h"
#include "plat/cpu_state.h"
#include "plat/traps.h"
#include "sched.h"

noreturn void x86_hypercall_resume(void)
{
	sched_check_current();
	arch_vcpu_run(sched_current());
}

uint32_t x86_resume(struct vcpu *v)
{
	if (x86_full_exit || v != sched_current() || !v->runnable) {
		x86_hypercall_resume();
	}
	return (uint32_t)maddr_value(v->arch.cr3);
}

uint64_t arch_hcall_arg_u64(const struct hcall_args *args, unsigned int index, unsigned int *next)
{
	*next = index + 2;
	return (uint64_t)(uint32_t)args->arg[index + 1] << 32 | (uint32_t)args->arg[index];
}
