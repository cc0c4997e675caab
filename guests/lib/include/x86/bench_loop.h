/*
 * x86/bench_loop.h (x86, assembly): the timed loops of the benchmarks (bench.h).
 *
 *   BENCH_LOOP(name)
 *           <body>
 *   BENCH_LOOP_END(name)
 *
 * defines `long name(long iterations)`: it reads the TSC, runs the body `iterations` times
 * (at least once), reads the TSC again and returns the low 32 bits of the difference (a
 * loop of a few hundred million instructions fits). Under -icount shift=0 the TSC counts
 * instructions, and rdtsc ends QEMU's translation block, so both reads are exact. The
 * counter lives in EBP and the start time on the stack: the body may use EAX, EBX, ECX,
 * EDX, ESI and EDI freely and the stack if it leaves it balanced, as a hypercall (which
 * preserves all but EAX) or an `int $0x80` does. Every loop shares the same prologue and
 * epilogue, so the empty loop's ticks are exactly what a loop costs besides its body.
 */
#ifndef GUEST_X86_BENCH_LOOP_H
#define GUEST_X86_BENCH_LOOP_H

/* Where the caller's argument is once the prologue pushed four registers. */
#define BENCH_LOOP_ARG 20

/* The macros are assembly, laid out as such. */
/* clang-format off */
#define BENCH_LOOP(name)			\
	.text;					\
	.globl	name;				\
	.type	name, @function;		\
	.p2align 4;				\
name:	push	%ebp;				\
	push	%ebx;				\
	push	%esi;				\
	push	%edi;				\
	mov	BENCH_LOOP_ARG(%esp), %ebp;	\
	rdtsc;					\
	push	%eax;				\
	.p2align 4;				\
1:

#define BENCH_LOOP_END(name)			\
	dec	%ebp;				\
	jnz	1b;				\
	rdtsc;					\
	pop	%ecx;				\
	sub	%ecx, %eax;			\
	pop	%edi;				\
	pop	%esi;				\
	pop	%ebx;				\
	pop	%ebp;				\
	ret;					\
	.size	name, . - name
/* clang-format on */

#endif
