/*
 * bench_sched.h: the event and scheduling bench image (tools/bench boots it with its
 * system.dts: domain 0 measures, d1 is its peer), shared by its portable part
 * (bench_sched.c) and each arch's loops and upcall entry (<arch>/).
 *
 * The loops read these globals, which the portable part fills in before they run:
 *   bench_send_arg    struct evtchn_send of the port the send loops use
 *   bench_echo_arg    struct evtchn_send of the channel to the peer
 *   bench_poll_arg    struct sched_poll: the echo port, no timeout
 *   bench_pending     &shared_info->evtchn_pending[0] (every bench port is below 32)
 *   bench_vcpu        &shared_info->vcpu_info[0]
 *   bench_pending_sel &bench_vcpu->evtchn_pending_sel
 *   bench_echo_bit    the echo port's bit in that word
 * The arch's upcall entry (bench_upcall_install) takes every pending port of word 0 at
 * each upcall, ORs them into bench_seen and counts the upcall in bench_upcalls.
 */
#ifndef BENCH_SCHED_H
#define BENCH_SCHED_H

#include "bench.h"
#include "events.h"
#include "schedule.h"

extern struct evtchn_send bench_send_arg;
extern struct evtchn_send bench_echo_arg;
extern struct sched_poll bench_poll_arg;
extern xen_ulong_t *bench_pending;
extern struct vcpu_info *bench_vcpu;
extern xen_ulong_t *bench_pending_sel;
extern xen_ulong_t bench_echo_bit;
extern volatile xen_ulong_t bench_seen;
extern volatile unsigned long bench_upcalls;

/* The timed loops (each arch's loops.S). */
long bench_sched_empty(long iterations);
long bench_send_loop(long iterations);		   /* EVTCHNOP_send of bench_send_arg */
long bench_yield_loop(long iterations);		   /* SCHEDOP_yield */
long bench_poll_round_trip_loop(long iterations);  /* send to the peer, poll for its reply */
long bench_block_round_trip_loop(long iterations); /* mask, send to the peer, SCHEDOP_block */

/* The peer's yield phase: SCHEDOP_yield until bit is pending in *bench_pending. */
void bench_yield_until(xen_ulong_t bit);

/* The arch's minimal upcall entry in place of the library's, and back (<arch>/upcall.c). */
bool bench_upcall_install(void);
void bench_upcall_remove(void);

#endif
