/*
 * bench.c: running one benchmark in a PV guest (bench.h).
 *
 * Both loops run once untimed first, so that whatever a first use costs (a table validated,
 * a page mapped, a trap table loaded) stays out of the figure; then each runs
 * bench_iterations times; the operation's check runs while its setup is still in place.
 * User-mode loops run through user_run, whose result is the loop's
 * return value; a user loop that faults instead is reported as failed.
 */
#include "bench.h"
#include "guest.h"
#include "user.h"

unsigned long bench_iterations = BENCH_ITERATIONS;

static bool run_loop(const struct bench_op *op, bench_loop_t loop, long iterations, uint64_t *ticks)
{
	struct user_result result;

	if (!op->user) {
		*ticks = (unsigned long)loop(iterations);
		return true;
	}
	user_run(loop, iterations, &result);
	if (result.faulted) {
		printf("RINGO-BENCH: %s failed user mode took vector %u at 0x%lx\n", op->name,
		       result.vector, result.pc);
		return false;
	}
	*ticks = (unsigned long)result.value;
	return true;
}

void bench_fail(const char *name, const char *why)
{
	printf("RINGO-BENCH: %s failed %s\n", name, why);
}

/* Both loops, warm-up passes first; false when one of them failed (reported). */
static bool run_loops(const struct bench_op *op, uint64_t *loop_ticks, uint64_t *empty_ticks)
{
	return run_loop(op, op->loop, 1, loop_ticks) && run_loop(op, op->empty, 1, empty_ticks) &&
	       run_loop(op, op->loop, (long)bench_iterations, loop_ticks) &&
	       run_loop(op, op->empty, (long)bench_iterations, empty_ticks);
}

void bench_run(const struct bench_op *op)
{
	uint64_t loop_ticks;
	uint64_t empty_ticks;
	char line[128];
	bool ran;
	bool worked;

	if (op->setup) {
		op->setup();
	}
	ran = run_loops(op, &loop_ticks, &empty_ticks);
	worked = ran && (!op->check || op->check());
	if (op->cleanup) {
		op->cleanup();
	}
	if (!ran) {
		return;
	}
	if (!worked) {
		bench_fail(op->name, "the operation's results were wrong");
		return;
	}
	bench_format(line, sizeof(line), op->name, loop_ticks, empty_ticks,
		     (uint64_t)bench_iterations * op->ops_per_pass);
	console_puts(line);
}
