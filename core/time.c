/*
 * time.c: system time, its scaling to and from the arch counter, and each guest's view
 * (vcpu_time_info, the wall clock in shared_info).
 *
 * Scaling is Xen's: ns = ((ticks << shift) * mul) >> 32, shift signed (a right shift when
 * negative) and mul a 32-bit fraction, exactly what a guest finds in tsc_to_system_mul and
 * tsc_shift, so hypervisor and guests compute the same time. The reverse scale (ns to
 * ticks, for the one-shot timer) is the same form, computed once, so no path after boot
 * divides. System time 0 is the counter's value at time_init().
 */
#include "time.h"
#include "arch/time.h"
#include "check.h"
#include "console.h"

#define NS_PER_SEC 1000000000ULL

struct time_scale time_ticks_to_ns_scale;
static struct time_scale ns_to_ticks_scale;
uint64_t time_origin_ticks;
static uint64_t wallclock_sec; /* the wall time at system time 0 */
static uint32_t wallclock_nsec;

/*
 * The scale from a from_hz clock to a to_hz one, as Xen's set_time_scale: from_hz is
 * shifted into (to_hz, 2 * to_hz], so the fraction to_hz / from_hz lies in [1/2, 1) and
 * takes all 32 bits of mul. The fraction is computed bit by bit (to_hz may exceed 2^32).
 */
static struct time_scale scale_compute(uint64_t from_hz, uint64_t to_hz)
{
	struct time_scale s = {.mul = 0, .shift = 0};
	uint64_t rem = to_hz;

	CHECK(from_hz && to_hz);
	while (from_hz > 2 * to_hz) {
		from_hz >>= 1;
		s.shift--;
	}
	while (from_hz <= to_hz) {
		from_hz <<= 1;
		s.shift++;
	}
	for (int bit = 0; bit < 32; bit++) {
		rem <<= 1;
		s.mul <<= 1;
		if (rem >= from_hz) {
			rem -= from_hz;
			s.mul |= 1;
		}
	}
	return s;
}

void time_init(void)
{
	uint64_t hz = arch_time_counter_hz();
	uint64_t seconds;

	CHECK(hz != 0);
	time_ticks_to_ns_scale = scale_compute(hz, NS_PER_SEC);
	ns_to_ticks_scale = scale_compute(NS_PER_SEC, hz);
	time_origin_ticks = arch_time_counter();
	if (arch_wallclock_read(&seconds) != 0) {
		printk("ringo: no real-time clock: the wall clock starts at 1970\n");
		seconds = 0;
	}
	wallclock_sec = seconds;
	wallclock_nsec = 0;
}

uint64_t time_ticks_to_ns(uint64_t ticks)
{
	return time_scale_apply(ticks, time_ticks_to_ns_scale);
}

uint64_t time_ns_to_ticks(uint64_t ns)
{
	return time_scale_apply(ns, ns_to_ticks_scale);
}

void time_update_vcpu(struct vcpu *v)
{
	struct vcpu_time_info *t = &v->domain->shared_info->vcpu_info[v->id].time;
	uint64_t now = arch_time_counter();
	uint64_t system_time = time_ticks_to_ns(now - time_origin_ticks);

	__atomic_store_n(&t->version, t->version + 1, __ATOMIC_RELAXED); /* odd: writing */
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	t->tsc_timestamp = now - arch_time_guest_counter_offset(v);
	t->system_time = system_time;
	v->time_refresh_ns = system_time + TIME_REFRESH_NS;
	t->tsc_to_system_mul = time_ticks_to_ns_scale.mul;
	t->tsc_shift = time_ticks_to_ns_scale.shift;
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	__atomic_store_n(&t->version, t->version + 1, __ATOMIC_RELAXED); /* even: done */
}

void time_update_wallclock(struct domain *d)
{
	struct shared_info *s = d->shared_info;

	__atomic_store_n(&s->wc_version, s->wc_version + 1, __ATOMIC_RELAXED);
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	s->wc_sec = (uint32_t)wallclock_sec;
	s->wc_nsec = wallclock_nsec;
	s->arch.wc_sec_hi = (uint32_t)(wallclock_sec >> 32);
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	__atomic_store_n(&s->wc_version, s->wc_version + 1, __ATOMIC_RELAXED);
}
