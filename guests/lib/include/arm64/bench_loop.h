/*
 * arm64/bench_loop.h (arm64, assembly): the timed loops of the benchmarks (bench.h).
 *
 *   BENCH_LOOP(name)
 *           <body>
 *   BENCH_LOOP_END(name)
 *
 * defines `long name(long iterations)`: it reads CNTVCT_EL0, runs the body `iterations`
 * times (at least once), reads CNTVCT_EL0 again and returns the difference converted to
 * nanoseconds of QEMU's virtual clock, ticks * 10^9 / CNTFRQ_EL0. Under -icount shift=0
 * that clock advances 1 ns per instruction, so the result counts instructions (the
 * 62.5 MHz counter of QEMU virt ticks every 16; the difference of two loops is exact to
 * that grain, which the iterations average out). Each read follows an ISB, so it is taken
 * after everything before it; the calibration operation (guests/bench/pv/arm64/) checks
 * the scale with a body of known length.
 *
 * The body may use x0-x18 freely, call functions (x30 is saved) and use the stack if it
 * leaves it balanced, as a hypercall or an `svc` that preserves all but x0 does; x19
 * counts and x20 holds the start. Runs at EL1 or, through user_run, at EL0, where the
 * kernel must have set CNTKCTL_EL1.EL0VCTEN. Every loop shares the same prologue and
 * epilogue, so the empty loop's figure is exactly what a loop costs besides its body.
 *
 *   hypercall_stub name, number
 *
 * defines `name`, a hypercall stub shaped like a Linux arm64 kernel's (`mov x16, #number;
 * hvc #0xEA1; ret`, called with bl), which the loops call as a kernel would.
 */
#ifndef GUEST_ARM64_BENCH_LOOP_H
#define GUEST_ARM64_BENCH_LOOP_H

/* 10^9 = 0x3b9aca00: nanoseconds per second, in two halves for movz/movk. */
#define BENCH_NS_PER_S_HIGH 0x3b9a
#define BENCH_NS_PER_S_LOW 0xca00

/* The macros are assembly, laid out as such. */
/* clang-format off */
#define BENCH_LOOP(name)				\
	.text;						\
	.global	name;					\
	.type	name, %function;			\
	.p2align 4;					\
name:	stp	x19, x20, [sp, #-32]!;			\
	str	x30, [sp, #16];				\
	mov	x19, x0;				\
	isb;						\
	mrs	x20, cntvct_el0;			\
	.p2align 4;					\
1:

#define BENCH_LOOP_END(name)				\
	subs	x19, x19, #1;				\
	b.ne	1b;					\
	isb;						\
	mrs	x0, cntvct_el0;				\
	sub	x0, x0, x20;				\
	movz	x1, #BENCH_NS_PER_S_LOW;		\
	movk	x1, #BENCH_NS_PER_S_HIGH, lsl #16;	\
	mul	x0, x0, x1;				\
	mrs	x1, cntfrq_el0;				\
	udiv	x0, x0, x1;				\
	ldr	x30, [sp, #16];				\
	ldp	x19, x20, [sp], #32;			\
	ret;						\
	.size	name, . - name

#define RINGO_HVC_IMMEDIATE 0xEA1

.macro hypercall_stub name, number
	.text
	.p2align 4
\name:
	mov	x16, #\number
	hvc	#RINGO_HVC_IMMEDIATE
	ret
.endm
/* clang-format on */

#endif
