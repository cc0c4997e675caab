/*
 * plat/timer.h (x86): the clock hardware behind arch/time.h, and the timer interrupt.
 *
 * The TSC is the counter; the local APIC timer in one-shot mode is the deadline, on vector
 * X86_TIMER_VECTOR (an interrupt gate of DPL 0: `int $0xf0` from a guest is a #GP); the
 * PIT's channel 2 is the reference both are calibrated against once at boot; the CMOS RTC
 * is the wall clock. The 8259 PICs stay masked (pic.c).
 */
#ifndef RINGO_PLAT_TIMER_H
#define RINGO_PLAT_TIMER_H

#include "domain.h"

/* The local APIC timer's vector, and the APIC's spurious vector (never EOIed). */
#define X86_TIMER_VECTOR 0xf0
#define X86_SPURIOUS_VECTOR 0xff

/* apic.c: the local APIC, mapped uncached, enabled, every local interrupt masked. */
void lapic_init(void);
void lapic_eoi(void);
/* Starts the timer counting down from count (0: stops it); it interrupts at 0 unless masked. */
void lapic_timer_start(uint32_t count, bool masked);
uint32_t lapic_timer_count(void);

/*
 * pit.c: channel 2 as a one-shot reference interval of ticks of the PIT's clock (gate on,
 * speaker off), and whether it has run out (its output, read through port 0x61).
 */
#define PIT_HZ 1193182U
void pit_channel2_start(uint16_t ticks);
bool pit_channel2_done(void);
/* Its counter now: it counts down from ticks, through 0, on from 0xffff. */
uint16_t pit_channel2_count(void);

static inline uint64_t x86_rdtsc(void)
{
	uint32_t low, high;

	__asm__ volatile("rdtsc" : "=a"(low), "=d"(high));
	return (uint64_t)high << 32 | low;
}

/* irq.c: the timer interrupt, from a guest (traps.c) or from the idle loop (ring 0). */
void x86_timer_interrupt(void);

#endif
