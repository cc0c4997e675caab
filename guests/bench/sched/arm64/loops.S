/*
 * loops.S (arm64): the event and scheduling bench's timed loops (arm64/bench_loop.h).
 * Hypercalls go through stubs shaped like a Linux arm64 kernel's (`mov x16, #n;
 * hvc #0xEA1; ret`, called with bl), as in the PV bench; the arguments come from the
 * globals of bench_sched.h.
 */
#include "arm64/bench_loop.h"

#define HYPERVISOR_sched_op 29
#define HYPERVISOR_event_channel_op 32
#define SCHEDOP_yield 0
#define SCHEDOP_block 1
#define SCHEDOP_poll 3
#define EVTCHNOP_send 4
#define VCPU_UPCALL_MASK 1 /* offset of evtchn_upcall_mask in vcpu_info */

	hypercall_stub bench_hvc_sched_op, HYPERVISOR_sched_op
	hypercall_stub bench_hvc_event_channel_op, HYPERVISOR_event_channel_op

.macro load_address reg, symbol
	adrp	\reg, \symbol
	add	\reg, \reg, :lo12:\symbol
.endm

.macro load_value reg, symbol
	adrp	\reg, \symbol
	ldr	\reg, [\reg, :lo12:\symbol]
.endm

BENCH_LOOP(bench_sched_empty)
BENCH_LOOP_END(bench_sched_empty)

/* EVTCHNOP_send(bench_send_arg). */
BENCH_LOOP(bench_send_loop)
	mov	x0, #EVTCHNOP_send
	load_address x1, bench_send_arg
	bl	bench_hvc_event_channel_op
BENCH_LOOP_END(bench_send_loop)

/* SCHEDOP_yield. */
BENCH_LOOP(bench_yield_loop)
	mov	x0, #SCHEDOP_yield
	mov	x1, xzr
	bl	bench_hvc_sched_op
BENCH_LOOP_END(bench_yield_loop)

/*
 * void bench_yield_until(xen_ulong_t bit): SCHEDOP_yield until bit is pending in
 * *bench_pending: the peer's side of the yield bench, as lean as domain 0's loop, so that
 * the figure is the hypervisor's path and not the peer's C.
 */
	.text
	.globl	bench_yield_until
	.type	bench_yield_until, %function
bench_yield_until:
	stp	x29, x30, [sp, #-32]!
	str	x19, [sp, #16]
	mov	x19, x0
	b	2f
1:	mov	x0, #SCHEDOP_yield
	mov	x1, xzr
	bl	bench_hvc_sched_op
2:	load_value x9, bench_pending
	ldr	x9, [x9]
	tst	x9, x19
	b.eq	1b
	ldr	x19, [sp, #16]
	ldp	x29, x30, [sp], #32
	ret
	.size	bench_yield_until, . - bench_yield_until

/* Send to the peer, poll until its echo is pending, take the echo. */
BENCH_LOOP(bench_poll_round_trip_loop)
	mov	x0, #EVTCHNOP_send
	load_address x1, bench_echo_arg
	bl	bench_hvc_event_channel_op
	mov	x0, #SCHEDOP_poll
	load_address x1, bench_poll_arg
	bl	bench_hvc_sched_op
	load_value x0, bench_pending
	load_value x1, bench_echo_bit
	mvn	x1, x1
2:	ldaxr	x2, [x0]
	and	x2, x2, x1
	stlxr	w3, x2, [x0]
	cbnz	w3, 2b
BENCH_LOOP_END(bench_poll_round_trip_loop)

/*
 * Mask events, send to the peer, block: SCHEDOP_block unmasks, and the echo's upcall runs
 * on the way back, whether the echo came before the block or woke it.
 */
BENCH_LOOP(bench_block_round_trip_loop)
	load_value x0, bench_vcpu
	mov	w1, #1
	strb	w1, [x0, #VCPU_UPCALL_MASK]
	mov	x0, #EVTCHNOP_send
	load_address x1, bench_echo_arg
	bl	bench_hvc_event_channel_op
	mov	x0, #SCHEDOP_block
	mov	x1, xzr
	bl	bench_hvc_sched_op
BENCH_LOOP_END(bench_block_round_trip_loop)
