/*
 * irq.c: physical interrupts at EL2 and the idle wait (core/include/arch/time.h).
 *
 * Ringo runs with IRQs masked at EL2. While a guest runs, HCR_EL2.IMO takes every physical
 * IRQ to EL2 whatever the guest's PSTATE.I: the lower-EL vector saves the guest's registers
 * (vectors.S) and arch_irq_guest counts the entry, handles the interrupt and returns to the
 * guest through the scheduler's check and the event upcall, like every trap. At EL2 an IRQ
 * can arrive only inside arch_idle, which unmasks for the length of one instruction after
 * WFI; the EL2 vector saves the caller-saved registers on the stack and calls
 * arch_irq_hypervisor, and the idle loop in the scheduler makes the decision afterwards.
 * The only interrupt enabled is the EL2 physical timer; a spurious INTID (1020-1023) is
 * ignored, any other is acknowledged, reported and ended.
 */
#include "arch/event.h"
#include "arch/time.h"
#include "check.h"
#include "console.h"
#include "plat/gic.h"
#include "plat/irq.h"
#include "sched.h"

static const struct platform_info *board;

void irq_platform_set(const struct platform_info *platform)
{
	board = platform;
}

const struct platform_info *irq_platform(void)
{
	CHECK(board);
	return board;
}

/* Acknowledges, handles and ends one interrupt. */
static void irq_dispatch(void)
{
	uint32_t intid = gic_ack();

	if (intid >= GIC_INTID_SPECIAL_FIRST) {
		return;
	}
	if (intid == timer_intid()) {
		timer_interrupt();
		sched_timer_interrupt();
	} else {
		printk("ringo: arm64: unexpected interrupt %u ignored\n", intid);
	}
	gic_eoi(intid);
}

void guest_return_check(struct vcpu *v)
{
	sched_check_current();
	if (arch_event_upcall_due(v)) {
		arch_event_upcall(v);
	}
}

void arch_irq_guest(struct guest_regs *regs)
{
	struct vcpu *v = sched_current();

	CHECK(v && regs == &v->arch.regs);
	v->hypervisor_entries++;
	irq_dispatch();
	guest_return_check(v);
}

void arch_irq_hypervisor(void)
{
	irq_dispatch();
}

void arch_idle(void)
{
	/*
	 * WFI wakes on a pending IRQ even while it is masked; the ISB takes it right there, and
	 * the EL2 vector returns with IRQs masked again (vectors.S), so one is taken at most.
	 */
	__asm__ volatile("dsb sy\n\t"
			 "wfi\n\t"
			 "msr daifclr, #2\n\t"
			 "isb\n\t"
			 "msr daifset, #2"
			 :
			 :
			 : "memory");
}
