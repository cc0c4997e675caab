/*
 * time.c (fake arch): a counter the tests set, the deadline last armed, and an idle that
 * jumps time to that deadline and takes the timer interrupt there.
 *
 * The counter runs at fake_time_set_hz (default FAKE_TIME_HZ) and moves only when a test
 * advances it or arch_idle jumps it, so every scheduler test is exact. An idle with no
 * deadline armed could never end: it escapes to the test (FAKE_ESCAPE_IDLE) instead.
 */
#include "fake.h"

#include "arch/time.h"
#include "public/errno.h"
#include "sched.h"
#include "time.h"

static uint64_t counter;
static uint64_t counter_hz = FAKE_TIME_HZ;
static uint64_t deadline_ns = TIME_NEVER;
static unsigned int deadline_sets;
static unsigned int idle_count;
static uint64_t wallclock = FAKE_WALLCLOCK_SEC;
static bool wallclock_present = true;
static uint64_t guest_offset;

void fake_time_set_hz(uint64_t hz)
{
	counter_hz = hz;
}

void fake_time_set_counter(uint64_t ticks)
{
	counter = ticks;
}

void fake_time_advance_ns(uint64_t ns)
{
	counter += time_ns_to_ticks(ns);
}

void fake_time_set_wallclock(bool present, uint64_t seconds)
{
	wallclock_present = present;
	wallclock = seconds;
}

void fake_time_set_guest_offset(uint64_t ticks)
{
	guest_offset = ticks;
}

uint64_t fake_timer_deadline(void)
{
	return deadline_ns;
}

unsigned int fake_timer_set_count(void)
{
	return deadline_sets;
}

unsigned int fake_idle_count(void)
{
	return idle_count;
}

bool fake_timer_fire(void)
{
	uint64_t now = time_now_ns();

	if (deadline_ns == TIME_NEVER) {
		return false;
	}
	if (deadline_ns > now) {
		fake_time_advance_ns(deadline_ns - now);
		while (time_now_ns() < deadline_ns) {
			counter++; /* the reverse scale rounds down */
		}
	}
	deadline_ns = TIME_NEVER;
	sched_timer_interrupt();
	return true;
}

void arch_time_init(void)
{
}

uint64_t arch_time_counter(void)
{
	return counter;
}

uint64_t arch_time_counter_hz(void)
{
	return counter_hz;
}

uint64_t arch_time_guest_counter_offset(const struct vcpu *v)
{
	(void)v;
	return guest_offset;
}

void arch_timer_set_deadline(uint64_t ns)
{
	deadline_ns = ns;
	deadline_sets++;
}

void arch_idle(void)
{
	idle_count++;
	if (!fake_timer_fire()) {
		fake_escape_idle();
	}
}

int arch_wallclock_read(uint64_t *seconds)
{
	if (!wallclock_present) {
		return -ENODEV;
	}
	*seconds = wallclock;
	return 0;
}
