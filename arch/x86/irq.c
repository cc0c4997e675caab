/*
 * irq.c (x86): the timer interrupt, the one interrupt the hypervisor takes.
 *
 * It arrives on X86_TIMER_VECTOR from a guest (ring 1 or 3, whose hardware IF is always
 * set, so a guest cannot hold it off) or from the idle loop (ring 0, inside arch_idle: the
 * only place the hypervisor runs with interrupts on). From a guest, the entry stub has
 * already saved the vCPU's registers whole in its frame and traps.c counted the entry;
 * after this the way back is x86_resume, which switches away when the scheduler asked
 * for it (sched_must_resume). From idle no vCPU was interrupted: the handler returns into
 * arch_idle, whose caller decides again. The gate has DPL 0, so a guest's `int $0xf0` is
 * a #GP, never this.
 */
#include "plat/timer.h"
#include "sched.h"

void x86_timer_interrupt(void)
{
	lapic_eoi();
	sched_timer_interrupt();
}
