/*
 * clock.h: time in the guest (ABI.md section 4): system time and the wall clock.
 *
 * System time is ns since the hypervisor booted, computed from this vCPU's vcpu_time_info
 * and the arch counter (x86: rdtsc; ARM64: CNTVCT_EL0) exactly as the hypervisor computes
 * it: system_time + (((counter - tsc_timestamp) << tsc_shift) * tsc_to_system_mul >> 32),
 * a negative shift shifting right. The record is read under its version protocol (retry
 * while the version is odd or changed). The wall clock is shared_info's wc_sec/wc_nsec
 * (under wc_version) plus system time.
 */
#ifndef GUEST_CLOCK_H
#define GUEST_CLOCK_H

#include "guest.h"

#define NS_PER_US 1000ULL
#define NS_PER_MS 1000000ULL
#define NS_PER_SEC 1000000000ULL

/* The raw arch counter (x86: TSC; ARM64: the virtual counter CNTVCT_EL0). */
uint64_t clock_counter(void);

/* ns since boot (0 when shared_info cannot be mapped). */
uint64_t clock_system_ns(void);

/* The scaling itself, on a consistent copy of a vcpu_time_info: counter -> system ns. */
uint64_t clock_scale(const struct vcpu_time_info *time, uint64_t counter);

/* A consistent copy of this vCPU's vcpu_time_info (version even and unchanged). */
void clock_read_time_info(struct vcpu_time_info *out);

/* The wall clock now: seconds and ns since the Unix epoch. */
void clock_wall(uint64_t *sec, uint32_t *nsec);

/* Spins (without blocking) until system time reaches deadline_ns. */
void clock_spin_until(uint64_t deadline_ns);

/* Civil date of a Unix time, for printing: "YYYY-MM-DD hh:mm:ss" into buf (>= 20 bytes). */
void clock_format_utc(uint64_t sec, char *buf, size_t size);

#endif
