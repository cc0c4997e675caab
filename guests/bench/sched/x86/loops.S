/*
 * loops.S (x86): the event and scheduling bench's timed loops (x86/bench_loop.h). Each
 * hypercall goes through its slot of the hypercall page, as a Xen kernel makes it; the
 * arguments come from the globals of bench_sched.h.
 */
#include "x86/bench_loop.h"

#define HYPERCALL_SLOT(nr) (hypercall_page + (nr) * 32)
#define HYPERVISOR_sched_op 29
#define HYPERVISOR_event_channel_op 32
#define SCHEDOP_yield 0
#define SCHEDOP_block 1
#define SCHEDOP_poll 3
#define EVTCHNOP_send 4
#define VCPU_UPCALL_MASK 1 /* offset of evtchn_upcall_mask in vcpu_info */

BENCH_LOOP(bench_sched_empty)
BENCH_LOOP_END(bench_sched_empty)

/* EVTCHNOP_send(bench_send_arg). */
BENCH_LOOP(bench_send_loop)
	mov	$EVTCHNOP_send, %ebx
	mov	$bench_send_arg, %ecx
	call	HYPERCALL_SLOT(HYPERVISOR_event_channel_op)
BENCH_LOOP_END(bench_send_loop)

/* SCHEDOP_yield. */
BENCH_LOOP(bench_yield_loop)
	mov	$SCHEDOP_yield, %ebx
	xor	%ecx, %ecx
	call	HYPERCALL_SLOT(HYPERVISOR_sched_op)
BENCH_LOOP_END(bench_yield_loop)

/*
 * void bench_yield_until(xen_ulong_t bit): SCHEDOP_yield until bit is pending in
 * *bench_pending: the peer's side of the yield bench, as lean as domain 0's loop, so that
 * the figure is the hypervisor's path and not the peer's C.
 */
	.text
	.globl	bench_yield_until
	.type	bench_yield_until, @function
bench_yield_until:
	push	%ebx
	push	%esi
	mov	12(%esp), %esi
	jmp	2f
1:	mov	$SCHEDOP_yield, %ebx
	xor	%ecx, %ecx
	call	HYPERCALL_SLOT(HYPERVISOR_sched_op)
2:	mov	bench_pending, %eax
	test	%esi, (%eax)
	jz	1b
	pop	%esi
	pop	%ebx
	ret
	.size	bench_yield_until, . - bench_yield_until

/* Send to the peer, poll until its echo is pending, take the echo. */
BENCH_LOOP(bench_poll_round_trip_loop)
	mov	$EVTCHNOP_send, %ebx
	mov	$bench_echo_arg, %ecx
	call	HYPERCALL_SLOT(HYPERVISOR_event_channel_op)
	mov	$SCHEDOP_poll, %ebx
	mov	$bench_poll_arg, %ecx
	call	HYPERCALL_SLOT(HYPERVISOR_sched_op)
	mov	bench_pending, %eax
	mov	bench_echo_bit, %edx
	not	%edx
	lock and %edx, (%eax)
BENCH_LOOP_END(bench_poll_round_trip_loop)

/*
 * Mask events, send to the peer, block: SCHEDOP_block unmasks, and the echo's upcall (the
 * bench's entry, upcall.S) runs on the way back, whether the echo came before the block
 * or woke it.
 */
BENCH_LOOP(bench_block_round_trip_loop)
	mov	bench_vcpu, %eax
	movb	$1, VCPU_UPCALL_MASK(%eax)
	mov	$EVTCHNOP_send, %ebx
	mov	$bench_echo_arg, %ecx
	call	HYPERCALL_SLOT(HYPERVISOR_event_channel_op)
	mov	$SCHEDOP_block, %ebx
	xor	%ecx, %ecx
	call	HYPERCALL_SLOT(HYPERVISOR_sched_op)
BENCH_LOOP_END(bench_block_round_trip_loop)
