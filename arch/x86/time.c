/*
 * time.c (x86): arch/time.h on the TSC and the local APIC timer.
 *
 * The TSC is the counter guests read too (rdtsc is open to every ring), so the
 * guest's counter offset is 0. Neither its rate nor the APIC timer's is architectural, so
 * both are measured once at boot against the PIT's channel 2 (pit.c): the reference that
 * stays right under QEMU's -icount, where the TSC advances one tick per instruction. A deadline
 * becomes an APIC count from the time left, at the measured rate; one beyond the APIC's range fires
 * early, and the scheduler arms it again (sched_timer_interrupt re-arms for what is still ahead).
 * Idling opens the interrupt window only at hlt.
 */
#include "arch/time.h"
#include "check.h"
#include "console.h"
#include "plat/timer.h"
#include "time.h"

/*
 * The calibration: CALIBRATION_ROUNDS intervals of 20 ms of the PIT's clock, each measured
 * by reading the PIT's counter beside the TSC and the APIC timer at both ends (a host that
 * stalls QEMU between the PIT running out and the read lengthens the interval, not the
 * error); the median of the rounds is taken.
 */
#define CALIBRATION_TICKS (PIT_HZ / 50)
#define CALIBRATION_ROUNDS 3
#define NS_PER_SECOND 1000000000ULL
/* Deadlines further than this are armed for this and re-armed when it fires. */
#define DEADLINE_MAX_NS (1ULL << 30)

struct calibration {
	uint64_t tsc_hz;
	uint64_t apic_hz;
};

static uint64_t tsc_hz;
static uint64_t apic_hz;
/* APIC timer counts per ns, as a 32.32 fixed-point number. */
static uint64_t apic_per_ns;

static struct calibration calibrate_once(void)
{
	uint64_t tsc_start, tsc_end;
	uint32_t apic_start, apic_end;
	uint16_t pit_start, pit_end;
	uint32_t elapsed;

	lapic_timer_start(UINT32_MAX, true);
	pit_channel2_start(CALIBRATION_TICKS);
	pit_start = pit_channel2_count();
	tsc_start = x86_rdtsc();
	apic_start = lapic_timer_count();
	while (!pit_channel2_done()) {
		__asm__ volatile("pause");
	}
	pit_end = pit_channel2_count();
	tsc_end = x86_rdtsc();
	apic_end = lapic_timer_count();
	elapsed = (uint16_t)(pit_start - pit_end);
	CHECK(elapsed);
	return (struct calibration){
	    .tsc_hz = (tsc_end - tsc_start) * PIT_HZ / elapsed,
	    .apic_hz = (uint64_t)(apic_start - apic_end) * PIT_HZ / elapsed,
	};
}

static void sort_u64(uint64_t *values, unsigned int count)
{
	for (unsigned int i = 1; i < count; i++) {
		for (unsigned int j = i; j > 0 && values[j - 1] > values[j]; j--) {
			uint64_t swap = values[j];

			values[j] = values[j - 1];
			values[j - 1] = swap;
		}
	}
}

static void calibrate(void)
{
	uint64_t tsc[CALIBRATION_ROUNDS], apic[CALIBRATION_ROUNDS];

	for (unsigned int i = 0; i < CALIBRATION_ROUNDS; i++) {
		struct calibration c = calibrate_once();

		tsc[i] = c.tsc_hz;
		apic[i] = c.apic_hz;
	}
	lapic_timer_start(0, true);
	sort_u64(tsc, CALIBRATION_ROUNDS);
	sort_u64(apic, CALIBRATION_ROUNDS);
	tsc_hz = tsc[CALIBRATION_ROUNDS / 2];
	apic_hz = apic[CALIBRATION_ROUNDS / 2];
	CHECK(tsc_hz && apic_hz && apic_hz < NS_PER_SECOND * 4);
	apic_per_ns = (apic_hz << 32) / NS_PER_SECOND;
}

void arch_time_init(void)
{
	lapic_init();
	calibrate();
	printk("ringo: TSC %lu kHz, APIC timer %lu kHz, vector 0x%x\n",
	       (unsigned long)(tsc_hz / 1000), (unsigned long)(apic_hz / 1000), X86_TIMER_VECTOR);
}

uint64_t arch_time_counter(void)
{
	return x86_rdtsc();
}

uint64_t arch_time_counter_hz(void)
{
	return tsc_hz;
}

uint64_t arch_time_guest_counter_offset(const struct vcpu *v)
{
	(void)v;
	return 0;
}

void arch_timer_set_deadline(uint64_t deadline_ns)
{
	uint64_t now;
	uint64_t left;
	uint64_t count;

	if (deadline_ns == TIME_NEVER) {
		lapic_timer_start(0, true);
		return;
	}
	now = time_now_ns();
	left = deadline_ns > now ? deadline_ns - now : 0;
	if (left > DEADLINE_MAX_NS) {
		left = DEADLINE_MAX_NS;
	}
	/* Rounded up: an interrupt before the deadline would find nothing due. */
	count = ((left * apic_per_ns) >> 32) + 1;
	lapic_timer_start((uint32_t)(count > UINT32_MAX ? UINT32_MAX : count), false);
}

void arch_idle(void)
{
	/*
	 * sti holds interrupts off for one more instruction: none slips in before the hlt.
	 * The timer interrupt returns here with IF clear (traps.c), so the cli is for any
	 * other wake-up.
	 */
	__asm__ volatile("sti; hlt; cli" : : : "memory");
}
