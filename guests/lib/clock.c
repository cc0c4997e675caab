/*
 * clock.c: system time and the wall clock from shared_info (see clock.h).
 *
 * The scaling multiplies a 64-bit counter delta by the 32-bit tsc_to_system_mul and keeps
 * bits 32..95 of the product, done in two 32x32 halves so that it is exact on both arches
 * without 128-bit arithmetic.
 */
#include "clock.h"
#include "lib.h"

uint64_t clock_scale(const struct vcpu_time_info *time, uint64_t counter)
{
	uint64_t delta = counter - time->tsc_timestamp;
	uint64_t mul = time->tsc_to_system_mul;

	if (time->tsc_shift < 0) {
		delta >>= -time->tsc_shift;
	} else {
		delta <<= time->tsc_shift;
	}
	return time->system_time + (delta >> 32) * mul + (((delta & 0xffffffffULL) * mul) >> 32);
}

void clock_read_time_info(struct vcpu_time_info *out)
{
	struct shared_info *shared = guest_shared_info();
	const volatile struct vcpu_time_info *time;
	uint32_t version;

	if (!shared) {
		*out = (struct vcpu_time_info){0};
		return;
	}
	time = &shared->vcpu_info[0].time;
	do {
		version = time->version;
		__atomic_thread_fence(__ATOMIC_ACQUIRE);
		out->version = version;
		out->tsc_timestamp = time->tsc_timestamp;
		out->system_time = time->system_time;
		out->tsc_to_system_mul = time->tsc_to_system_mul;
		out->tsc_shift = time->tsc_shift;
		out->flags = time->flags;
		__atomic_thread_fence(__ATOMIC_ACQUIRE);
	} while ((version & 1) || version != time->version);
}

uint64_t clock_system_ns(void)
{
	struct vcpu_time_info time;

	clock_read_time_info(&time);
	if (!time.tsc_to_system_mul) {
		return time.system_time;
	}
	return clock_scale(&time, clock_counter());
}

void clock_wall(uint64_t *sec, uint32_t *nsec)
{
	struct shared_info *shared = guest_shared_info();
	const volatile struct shared_info *s = shared;
	uint32_t version, wc_nsec;
	uint64_t wc_sec, now, total_ns;

	if (!shared) {
		*sec = 0;
		*nsec = 0;
		return;
	}
	do {
		version = s->wc_version;
		__atomic_thread_fence(__ATOMIC_ACQUIRE);
		wc_sec = s->wc_sec | ((uint64_t)s->arch.wc_sec_hi << 32);
		wc_nsec = s->wc_nsec;
		__atomic_thread_fence(__ATOMIC_ACQUIRE);
	} while ((version & 1) || version != s->wc_version);
	now = clock_system_ns();
	total_ns = wc_nsec + now % NS_PER_SEC;
	*sec = wc_sec + now / NS_PER_SEC + total_ns / NS_PER_SEC;
	*nsec = (uint32_t)(total_ns % NS_PER_SEC);
}

void clock_spin_until(uint64_t deadline_ns)
{
	while (clock_system_ns() < deadline_ns) {
	}
}

/* Days since 1970-01-01 -> year, month, day (proleptic Gregorian; Hinnant's algorithm). */
static void civil_from_days(int64_t days, int64_t *year, unsigned int *month, unsigned int *day)
{
	int64_t z = days + 719468;
	int64_t era = (z >= 0 ? z : z - 146096) / 146097;
	uint64_t doe = (uint64_t)(z - era * 146097);
	uint64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	uint64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	uint64_t mp = (5 * doy + 2) / 153;

	*day = (unsigned int)(doy - (153 * mp + 2) / 5 + 1);
	*month = (unsigned int)(mp < 10 ? mp + 3 : mp - 9);
	*year = (int64_t)yoe + era * 400 + (*month <= 2);
}

void clock_format_utc(uint64_t sec, char *buf, size_t size)
{
	int64_t year;
	unsigned int month, day;
	uint64_t in_day = sec % 86400;

	civil_from_days((int64_t)(sec / 86400), &year, &month, &day);
	snprintf(buf, size, "%04lld-%02u-%02u %02u:%02u:%02u", (long long)year, month, day,
		 (unsigned int)(in_day / 3600), (unsigned int)(in_day / 60 % 60),
		 (unsigned int)(in_day % 60));
}
