/*
 * arch/time.h: the clock, the one-shot timer and the idle wait the core's time and
 * scheduler need from an arch (DESIGN.md: no fixed busy tick).
 *
 * The core keeps system time (ns since boot, time.h) by scaling one free-running counter
 * the guest can read too: the TSC on x86, the generic timer's physical count on ARM64
 * (guests read CNTVCT_EL0 = CNTPCT_EL0 - CNTVOFF_EL2). One hardware deadline drives all
 * timed work: the scheduler's next decision and the earliest vCPU timer. When it fires,
 * the arch's interrupt handler calls sched_timer_interrupt() (sched.h) and then returns
 * to the guest the way every trap does (sched_check_current()).
 */
#ifndef RINGO_ARCH_TIME_H
#define RINGO_ARCH_TIME_H

#include "domain.h"

/* Brings up the counter, the timer and its interrupt (masked in the hypervisor). */
void arch_time_init(void);

/* The free-running counter (TSC / CNTPCT_EL0); monotonic, never wraps in practice. */
uint64_t arch_time_counter(void);

/* Its frequency in Hz (x86: calibrated against the PIT at arch_time_init; ARM64: CNTFRQ). */
uint64_t arch_time_counter_hz(void);

/*
 * What the guest's counter reads less than arch_time_counter() on v (ARM64: v's domain's
 * CNTVOFF_EL2; x86: 0). vcpu_time_info.tsc_timestamp is written in the guest's terms.
 */
uint64_t arch_time_guest_counter_offset(const struct vcpu *v);

/*
 * Arms the one-shot timer to fire at system time deadline_ns (time.h), replacing any
 * earlier setting; a deadline already past fires at once; TIME_NEVER disarms it. x86: the
 * local APIC timer in one-shot mode; ARM64: the EL2 physical timer (CNTHP_CVAL_EL2).
 */
void arch_timer_set_deadline(uint64_t deadline_ns);

/*
 * The idle vCPU's body: waits with interrupts enabled until one arrives (its handler runs,
 * sched_timer_interrupt() included) and returns with interrupts disabled again. An
 * interrupt that became pending before the call ends the wait at once (x86: sti; hlt;
 * ARM64: wfi with IRQs masked, then unmask).
 */
void arch_idle(void);

/*
 * The wall clock at this moment, from the battery-backed clock (x86: the CMOS RTC; ARM64:
 * the PL031): seconds since 1970-01-01 00:00 UTC. -ENODEV when there is none.
 */
int arch_wallclock_read(uint64_t *seconds);

#endif
