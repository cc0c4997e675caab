/*
 * test_time.c: system time (core/time.c): Xen's scaling over counters from 1 MHz to 5 GHz,
 * its inverse, the origin, vcpu_time_info's version protocol and the wall clock.
 */
#include <criterion/criterion.h>
#include <criterion/parameterized.h>

#include "fake.h"

#include "arch/time.h"
#include "domain.h"
#include "time.h"

static void setup(void)
{
	fake_boot();
}

TestSuite(time, .init = setup);

/* What a guest computes from its vcpu_time_info: Xen's formula, in 128-bit arithmetic. */
static uint64_t guest_scale(uint64_t ticks, uint32_t mul, int8_t shift)
{
	unsigned __int128 t = shift < 0 ? ticks >> -shift : ticks << shift;

	return (uint64_t)((t * mul) >> 32);
}

static uint64_t exact_ns(uint64_t ticks, uint64_t hz)
{
	return (uint64_t)((unsigned __int128)ticks * 1000000000ULL / hz);
}

Test(time, vcpu_record_refreshed_only_when_due)
{
	struct domain *d;
	struct vcpu *v;
	struct vcpu_time_info *t;

	fake_time_set_hz(1000000000ULL);
	time_init();
	d = domain_create(1, false);
	cr_assert_not_null(d);
	v = &d->vcpu[0];
	t = &d->shared_info->vcpu_info[0].time;
	time_update_vcpu(v);
	cr_assert_eq(v->time_refresh_ns, t->system_time + TIME_REFRESH_NS);
	fake_time_advance_ns(TIME_REFRESH_NS - 1);
	t->version = 40; /* what the guest does to its own record is not read back */
	time_refresh_vcpu(v, time_now_ns());
	cr_assert_eq(t->version, 40, "not due yet: untouched");
	fake_time_advance_ns(1);
	time_refresh_vcpu(v, time_now_ns());
	cr_assert_eq(t->version, 42, "due: rewritten under the version protocol");
	cr_assert_eq(t->system_time, time_now_ns());
	cr_assert_eq(v->time_refresh_ns, time_now_ns() + TIME_REFRESH_NS);
}

static const uint64_t rates[] = {1000000ULL,	3579545ULL,    19200000ULL,   62500000ULL,
				 1000000000ULL, 2399987000ULL, 4294967296ULL, 5000000000ULL};

Test(time, scaling_is_within_a_ppm_over_1mhz_to_5ghz)
{
	for (size_t i = 0; i < ARRAY_SIZE(rates); i++) {
		uint64_t hz = rates[i];

		fake_time_set_hz(hz);
		fake_time_set_counter(0);
		time_init();
		/* one second, one hour, a year */
		const uint64_t spans[] = {hz, hz * 3600, hz * 3600 * 24 * 365};
		for (size_t j = 0; j < ARRAY_SIZE(spans); j++) {
			uint64_t want = exact_ns(spans[j], hz);
			uint64_t got = time_ticks_to_ns(spans[j]);
			uint64_t err = got > want ? got - want : want - got;

			cr_assert_leq(err, want / 1000000 + 1,
				      "%llu Hz, %llu ticks: %llu ns, want %llu",
				      (unsigned long long)hz, (unsigned long long)spans[j],
				      (unsigned long long)got, (unsigned long long)want);
		}
	}
}

Test(time, inverse_scaling_round_trips)
{
	for (size_t i = 0; i < ARRAY_SIZE(rates); i++) {
		uint64_t hz = rates[i];

		fake_time_set_hz(hz);
		time_init();
		for (uint64_t ns = 1000; ns < 100000000000ULL; ns *= 7) {
			uint64_t back = time_ticks_to_ns(time_ns_to_ticks(ns));
			uint64_t tick_ns = 1000000000ULL / hz + 1;

			cr_assert_leq(back, ns, "%llu Hz: %llu ns came back as %llu",
				      (unsigned long long)hz, (unsigned long long)ns,
				      (unsigned long long)back);
			cr_assert_geq(back + 2 * tick_ns + ns / 1000000, ns,
				      "%llu Hz: %llu -> %llu", (unsigned long long)hz,
				      (unsigned long long)ns, (unsigned long long)back);
		}
	}
}

Test(time, system_time_starts_at_time_init)
{
	fake_time_set_hz(2000000000ULL);
	fake_time_set_counter(123456789ULL);
	time_init();
	cr_assert_eq(time_now_ns(), 0);
	fake_time_set_counter(123456789ULL + 2000000000ULL);
	cr_assert_eq(time_now_ns(), 1000000000ULL);
}

Test(time, vcpu_time_info_agrees_with_the_hypervisor)
{
	struct domain *d;
	struct vcpu_time_info *t;
	uint64_t later;

	fake_time_set_hz(2399987000ULL);
	fake_time_set_counter(5000);
	fake_time_set_guest_offset(1000);
	time_init();
	d = domain_create(1, false);
	cr_assert_not_null(d);
	fake_time_advance_ns(3000000);
	t = &d->shared_info->vcpu_info[0].time;
	t->version = 6;
	time_update_vcpu(&d->vcpu[0]);
	cr_assert_eq(t->version, 8, "version advanced by two, even");
	cr_assert_eq(t->tsc_timestamp, arch_time_counter() - 1000, "in the guest's counter terms");
	cr_assert_eq(t->system_time, time_now_ns());
	/* Later, the guest's own computation matches the hypervisor's to the ns. */
	fake_time_advance_ns(777777777);
	later = t->system_time + guest_scale(arch_time_counter() - 1000 - t->tsc_timestamp,
					     t->tsc_to_system_mul, t->tsc_shift);
	cr_assert_leq(later > time_now_ns() ? later - time_now_ns() : time_now_ns() - later, 1);
}

Test(time, wallclock_written_with_its_version)
{
	struct domain *d;
	struct shared_info *s;

	fake_time_set_wallclock(true, 0x123456789ULL);
	time_init();
	d = domain_create(2, false);
	s = d->shared_info;
	time_update_wallclock(d);
	cr_assert_eq(s->wc_sec, 0x23456789U);
	cr_assert_eq(s->arch.wc_sec_hi, 1);
	cr_assert_eq(s->wc_nsec, 0);
	cr_assert_eq(s->wc_version % 2, 0);
	cr_assert_gt(s->wc_version, 0);
}

Test(time, no_rtc_leaves_the_epoch)
{
	struct domain *d;

	fake_time_set_wallclock(false, 0);
	time_init();
	d = domain_create(2, false);
	time_update_wallclock(d);
	cr_assert_eq(d->shared_info->wc_sec, 0);
}
