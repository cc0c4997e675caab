/*
 * bench.h: the guest side of `make bench` (tools/bench), portable.
 *
 * Benchmarks run under QEMU's -icount shift=0, where the clock a loop reads (x86: the TSC)
 * advances one tick per instruction, so a figure is an instruction path length, the same on
 * every run. An operation is measured by two loops that differ only in the operation: each
 * reads the clock, runs its body `iterations` times, reads the clock again and returns the
 * ticks in between. The figure is (ticks of the operation's loop - ticks of the empty loop)
 * divided by the number of operations the loop made, to a tenth.
 *
 * Each result goes to the console as one line, which tools/bench parses (its header
 * documents the same format):
 *
 *   RINGO-BENCH: <op> <value> <unit>        e.g. "RINGO-BENCH: null_hypercall 74 insns"
 *   RINGO-BENCH: <op> failed <reason...>    the operation did not do what it should
 *
 * <op> is [a-z0-9_]+, <value> a decimal number with at most one fractional digit, <unit>
 * "insns" for instruction counts. A bench image ends with "RINGO-BENCH: done 0 -".
 */
#ifndef GUEST_BENCH_H
#define GUEST_BENCH_H

#include "types.h"

/* Iterations of every timed loop (the issue asks for at least 1000). */
#define BENCH_ITERATIONS 1000

/*
 * The iterations bench_run uses: BENCH_ITERATIONS unless the image was told otherwise
 * (a profiling run compares the instruction traces of two small counts).
 */
extern unsigned long bench_iterations;

/*
 * A timed loop: runs its body `iterations` times between two clock reads and returns the
 * ticks in between. The signature is user_run's (user.h), so a loop can run in user mode.
 */
typedef long (*bench_loop_t)(long iterations);

struct bench_op {
	const char *name;	   /* <op> in the report line */
	bench_loop_t loop;	   /* the loop with the operation */
	bench_loop_t empty;	   /* the same loop without it */
	unsigned int ops_per_pass; /* operations one pass of the body makes (batches) */
	bool user;		   /* run both loops in user mode (ring 3 / EL0) */
	void (*setup)(void);	   /* before the loops (may be NULL) */
	void (*cleanup)(void);	   /* after them and the check (may be NULL) */
	bool (*check)(void);	   /* after the loops: did the operation work? (may be NULL) */
};

/* Measures one operation and prints its report line (or a "failed" line). */
void bench_run(const struct bench_op *op);

/*
 * Formats the report line of an operation whose loop took loop_ticks and the empty loop
 * empty_ticks for `ops` operations, newline included. Shared with the bare-metal native
 * images, which print it on their own UART.
 */
void bench_format(char *line, size_t size, const char *name, uint64_t loop_ticks,
		  uint64_t empty_ticks, uint64_t ops);

/* Prints "RINGO-BENCH: <name> failed <why>". */
void bench_fail(const char *name, const char *why);

#endif
