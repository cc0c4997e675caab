/*
 * plat/irq.h (arm64): physical interrupts at EL2 and the devices behind them.
 *
 * boot.c hands the device tree's findings to the interrupt and clock code once
 * (irq_platform_set); arch_time_init (timer.c) then brings up the GIC and the EL2 physical
 * timer. irq.c takes the interrupts: from a guest (the lower-EL IRQ vector) and from EL2
 * itself, which happens only inside arch_idle's window.
 */
#ifndef RINGO_PLAT_IRQ_H
#define RINGO_PLAT_IRQ_H

#include "domain.h"
#include "plat/platform.h"

/* Records the board's GIC, timer and RTC; called once by arch_boot before core_start. */
void irq_platform_set(const struct platform_info *platform);

/* What irq_platform_set recorded. */
const struct platform_info *irq_platform(void);

/* The INTID of the EL2 physical timer (timer.c); 0 before arch_time_init. */
uint32_t timer_intid(void);

/* The timer's interrupt: masks it until the scheduler sets the next deadline (timer.c). */
void timer_interrupt(void);

/* The vectors' entries (vectors.S): an IRQ while a guest ran, and one taken at EL2. */
void arch_irq_guest(struct guest_regs *regs);
void arch_irq_hypervisor(void);

/* Every return to the interrupted guest: the scheduler's check, then the event upcall. */
void guest_return_check(struct vcpu *v);

#endif
