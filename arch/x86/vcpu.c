/*
 * vcpu.c (x86): a vCPU's start-of-day state, entering it, and letting go of it.
 *
 * A PV guest kernel runs in ring 1 on the flat ring-1 segments (ABI.md section 3) with
 * interrupts architecturally enabled and IOPL 0, so cli, in and out are its to ask for,
 * not to do. Entering loads the vCPU's page tables and irets from its saved frame, both
 * in the trampoline (entry.S).
 */
#include "arch/vcpu.h"
#include "check.h"
#include "plat/paging.h"
#include "plat/traps.h"

void arch_vcpu_init(struct vcpu *v, const struct vcpu_start *start)
{
	v->arch.regs = (struct x86_regs){
	    .eip = (uint32_t)start->entry,
	    .esi = (uint32_t)start->start_info,
	    .esp = (uint32_t)start->stack_top,
	    .cs = FLAT_RING1_CS,
	    .ss = FLAT_RING1_SS,
	    .ds = FLAT_RING1_DS,
	    .es = FLAT_RING1_DS,
	    .fs = FLAT_RING1_DS,
	    .gs = FLAT_RING1_DS,
	    .eflags = X86_EFLAGS_IF | X86_EFLAGS_RESERVED,
	};
	v->arch.cr3 = start->pt_base;
}

noreturn void arch_vcpu_run(struct vcpu *v)
{
	uint64_t cr3 = maddr_value(v->arch.cr3);

	/* A guest frame with ring 0 in it would hand the guest the hypervisor. */
	CHECK(x86_regs_ring(&v->arch.regs) != 0);
	/* PAE cr3: a 32-byte aligned L3 below 4 GiB. */
	CHECK(cr3 && cr3 < (1ULL << 32) && cr3 % 32 == 0);
	x86_enter_guest(&v->arch.regs, (uint32_t)cr3);
}

void arch_vcpu_destroy(struct vcpu *v)
{
	/*
	 * The hypervisor runs on its own tables, so the CPU is not walking v's while the
	 * core frees them; forget them so that nothing enters v again.
	 */
	v->arch.cr3 = maddr(0);
}
