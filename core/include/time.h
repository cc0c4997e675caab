/*
 * time.h: system time, the wall clock and each guest's view of them (ABI.md section 5).
 *
 * System time is ns since boot, scaled from the arch counter (arch/time.h) with the same
 * multiplier and shift every guest finds in its vcpu_time_info, so the hypervisor and its
 * guests agree to the ns. The wall clock (wc_sec/wc_nsec in shared_info) is the wall time
 * at system time 0, read once from the arch's battery-backed clock at boot.
 */
#ifndef RINGO_TIME_H
#define RINGO_TIME_H

#include "arch/time.h"
#include "domain.h"

#define TIME_NEVER UINT64_MAX

/* Reads the counter's frequency and the wall clock; call once after arch_time_init(). */
void time_init(void);

/* to = ((from << shift) * mul) >> 32: Xen's scaling (time.c). */
struct time_scale {
	uint32_t mul;
	int8_t shift;
};

/* ((value << shift) * mul) >> 32, without a 128-bit product (as Xen's scale_delta). */
static inline uint64_t time_scale_apply(uint64_t value, struct time_scale s)
{
	if (s.shift < 0) {
		value >>= -s.shift;
	} else {
		value <<= s.shift;
	}
	return (value >> 32) * s.mul + (((value & 0xFFFFFFFFULL) * s.mul) >> 32);
}

/* time.c's: the counter's scale to ns, and its value at system time 0. */
extern struct time_scale time_ticks_to_ns_scale;
extern uint64_t time_origin_ticks;

/* ns since boot (inline: every switch and send reads it). */
static inline __attribute__((always_inline)) uint64_t time_now_ns(void)
{
	return time_scale_apply(arch_time_counter() - time_origin_ticks, time_ticks_to_ns_scale);
}

/* ns -> counter ticks and back, with the scaling of vcpu_time_info. */
uint64_t time_ns_to_ticks(uint64_t ns);
uint64_t time_ticks_to_ns(uint64_t ticks);

/*
 * Rewrites v's vcpu_info.time (tsc_timestamp, system_time, tsc_to_system_mul, tsc_shift)
 * under the version protocol: version odd while writing, even and advanced when done. The
 * next rewrite is due TIME_REFRESH_NS later (v->time_refresh_ns).
 */
void time_update_vcpu(struct vcpu *v);

/*
 * time_update_vcpu(v) when its record is due, as v is about to run at system time now_ns:
 * every TIME_REFRESH_NS. The scaling never changes, so a guest extrapolating from an older
 * record computes the system time the hypervisor would, to the rounding of the split
 * multiply (under 2 ns, never ahead of it); the bound only keeps the delta a guest scales
 * small. The due time is the hypervisor's own: like Xen, it never reads the record back,
 * so a guest that scribbles on its own record has wrong time until the next rewrite, and
 * nobody else is affected. Inline: a switch pays one comparison.
 */
#define TIME_REFRESH_NS 1000000000ULL
static inline void time_refresh_vcpu(struct vcpu *v, uint64_t now_ns)
{
	if (now_ns >= v->time_refresh_ns) {
		time_update_vcpu(v);
	}
}

/* Writes the wall clock into d's shared_info under wc_version (at domain build). */
void time_update_wallclock(struct domain *d);

#endif
