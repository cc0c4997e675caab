/*
 * vcpu.c (x86): a vCPU's start-of-day state, entering it, and letting go of it.
 *
 * A PV guest kernel runs in ring 1 on the flat ring-1 segments (ABI.md section 3) with
 * interrupts architecturally enabled and IOPL 0, so cli, in and out are its to ask for,
 * not to do. The L3 a vCPU enters with must hold slot 3, the hypervisor-sharing L2 with
 * the trampoline; one without it would make the guest's next trap a triple fault, so
 * such a vCPU's domain is crashed instead (the validator accepts an empty slot 3 today).
 * Entering loads the vCPU's share of the IDT, GDT and TSS and its registers (cpu_state.c),
 * then its page tables, and irets from its frame, both in the trampoline (entry.S).
 *
 * Those checks and loads are what a full entry does. A hypercall returns without them
 * (hypercall.c) unless x86_full_exit says that something they depend on may have changed:
 * the page-table base, an entry above level 1 (which the core follows with
 * arch_tlb_flush_local: slot 3 may have gone), the virtual CR0.TS. Every entry delivers a
 * due event upcall first (arch/event.h); the hypercall fast return finds the vcpu_info to
 * test through v->arch.vcpu_info, set here.
 */
#include "arch/event.h"
#include "arch/mm.h"
#include "arch/vcpu.h"
#include "check.h"
#include "event_channel.h"
#include "plat/cpu_state.h"
#include "plat/paging.h"
#include "plat/traps.h"
#include "sched.h"

bool x86_full_exit = true;

/* PAE cr3: a 32-byte aligned L3 below 4 GiB. */
static void check_cr3(maddr_t cr3)
{
	CHECK(maddr_value(cr3) && maddr_value(cr3) < (1ULL << 32) && maddr_value(cr3) % 32 == 0 &&
	      maddr_value(cr3) < x86_ram_map_end);
}

void arch_vcpu_init(struct vcpu *v, const struct vcpu_start *start)
{
	v->arch.regs = &v->arch.saved_regs;
	*v->arch.regs = (struct x86_regs){
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
	check_cr3(v->arch.cr3);
	v->arch.bounce_page = (struct x86_bounce_page){0};
	v->arch.syscall_gate = 0; /* no trap table yet: the hypervisor's gate */
	v->arch.vcpu_info = &v->domain->shared_info->vcpu_info[v->id];
	/* Until stack_switch says otherwise, traps from ring 3 land on the boot stack. */
	v->arch.kernel_ss = FLAT_RING1_SS;
	v->arch.kernel_sp = (uint32_t)start->stack_top;
}

/*
 * Whether the L3 at cr3 still has slot 3, the L2 holding the trampoline: without it the
 * CPU could not take the guest's next trap (a triple fault, the whole machine down).
 */
static bool top_maps_hypervisor(uint64_t cr3)
{
	const pae_entry_t *l3 = x86_ram_virt(cr3); /* check_cr3: in the RAM map */

	return l3[PAE_HV_L3_SLOT] & PAE_PRESENT;
}

HOT_CALL noreturn void arch_vcpu_run(struct vcpu *v)
{
	uint64_t cr3 = maddr_value(v->arch.cr3);

	/*
	 * A guest frame with ring 0 in it would hand the guest the hypervisor; one with IF
	 * clear would let it keep the timer interrupt out (its virtual IF is the event mask).
	 */
	CHECK(x86_regs_ring(v->arch.regs) != 0 && (v->arch.regs->eflags & X86_EFLAGS_IF));
	if (!top_maps_hypervisor(cr3)) {
		domain_crash(v->domain, "its L3 has no slot 3: the hypervisor's part is unmapped");
		sched_resume();
	}
	if (evtchn_upcall_deliverable(v->arch.vcpu_info)) { /* arch_event_upcall_due(v) */
		arch_event_upcall(v);
		if (sched_must_resume() || !v->runnable) {
			sched_resume(); /* the upcall could not be delivered: the domain crashed */
		}
	}
	cpu_state_enter(v);
	x86_full_exit = false;
	x86_enter_guest((uint32_t)cr3);
}

void arch_vcpu_set_pt_base(struct vcpu *v, mfn_t top)
{
	/*
	 * The hypervisor runs on its own tables, so the new base takes effect when v next
	 * enters the guest, which loads cr3 and so flushes the old base's translations; copies
	 * to and from the guest walk the new tables from now on (guest_access.c).
	 */
	v->arch.cr3 = mfn_to_maddr(top);
	check_cr3(v->arch.cr3);
	x86_full_exit = true;
}

void arch_vcpu_destroy(struct vcpu *v)
{
	/*
	 * The hypervisor runs on its own tables, so the CPU is not walking v's while the
	 * core frees them; forget them so that nothing enters v again. Its GDT frames go
	 * back to being plain pages before the core reclaims the domain's memory.
	 */
	cpu_state_forget(v);
	gdt_release(v);
	ldt_release(v);
	v->arch.cr3 = maddr(0);
}
