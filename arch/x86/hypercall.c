/*
 * hypercall.c (x86): the hypercall gate's register convention (ABI.md section 1).
 *
 * EAX holds the number and EBX, ECX, EDX, ESI, EDI, EBP the arguments; the result goes
 * back in EAX. The vCPU's saved registers are the guest's state, so the result is written
 * there and reaches the guest on the way out, unless the handler stopped the vCPU. A
 * 64-bit argument (a PTE, a machine address) takes two registers, low half first.
 */
#include "arch/hypercall.h"
#include "plat/traps.h"

void hypercall_from_guest(struct vcpu *v)
{
	struct x86_regs *regs = &v->arch.regs;
	struct hcall_args args = {
	    .number = regs->eax,
	    .arg = {regs->ebx, regs->ecx, regs->edx, regs->esi, regs->edi, regs->ebp},
	};

	regs->eax = (uint32_t)hypercall_dispatch(v, &args);
}

uint64_t arch_hcall_arg_u64(const struct hcall_args *args, unsigned int index, unsigned int *next)
{
	*next = index + 2;
	return (uint64_t)(uint32_t)args->arg[index + 1] << 32 | (uint32_t)args->arg[index];
}
