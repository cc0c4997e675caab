/*
 * bench_format.c: the report line of a benchmark (bench.h), in a file of its own so that
 * the bare-metal native images link it without the PV guest's console and hypercalls.
 */
#include "bench.h"
#include "lib.h"

void bench_format(char *line, size_t size, const char *name, uint64_t loop_ticks,
		  uint64_t empty_ticks, uint64_t ops)
{
	/* Tenths, rounded; an empty loop slower than the operation's is a broken bench. */
	uint64_t diff = loop_ticks > empty_ticks ? loop_ticks - empty_ticks : 0;
	uint64_t tenths = ops ? (diff * 10 + ops / 2) / ops : 0;
	unsigned long whole = (unsigned long)(tenths / 10);
	unsigned int fraction = (unsigned int)(tenths % 10);

	if (fraction) {
		snprintf(line, size, "RINGO-BENCH: %s %lu.%u insns\n", name, whole, fraction);
	} else {
		snprintf(line, size, "RINGO-BENCH: %s %lu insns\n", name, whole);
	}
}
