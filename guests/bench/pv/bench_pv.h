/*
 * bench_pv.h: what the PV bench image's portable part prepares and its arch part uses.
 *
 * The portable part (bench_pv.c) builds the objects the operations work on, with the PV
 * MMU layer: a scratch level-1 table hooked into an empty level-2 slot, two pages to map
 * through it, two arrays of mmu_update requests (each writes the first BENCH_BATCH_MAX
 * entries of the scratch table, one array mapping page 0 writable, the other page 1) and
 * an array of null multicall entries. The arch part (<arch>/) holds the timed loops, which
 * alternate between the two request arrays and the two entries so that every update really
 * changes a mapping (references taken and dropped), and the table of operations.
 */
#ifndef BENCH_PV_H
#define BENCH_PV_H

#define BENCH_BATCH_MAX 512
#define BENCH_MULTICALL_ENTRIES 64

#ifndef __ASSEMBLY__
#include "bench.h"
#include "public/xen.h"

/* update_va_mapping: the address, its next entry, and what turns one entry into the other. */
extern unsigned long bench_uvm_va;
extern uint64_t bench_uvm_pte;
extern uint64_t bench_uvm_toggle;
/* The scratch table's entry for bench_uvm_va, as the kernel sees it (mapped read-only). */
extern uint64_t *bench_uvm_entry;

/* mmu_update: the request array of the next call and the other one (the loops swap them). */
extern struct mmu_update *bench_mmu_requests[2];

/* multicall: BENCH_MULTICALL_ENTRIES calls of xen_version(XENVER_version). */
extern struct multicall_entry bench_calls[BENCH_MULTICALL_ENTRIES];

/* The operations, from the arch part, and what it prepares before they run. */
extern const struct bench_op bench_ops[];
extern const unsigned int bench_op_count;
void bench_arch_setup(void);

/* Checks for the operations' tables: each runs the operation once more and checks it. */
bool bench_check_null_hypercall(void);
bool bench_check_update_va_mapping(void);
bool bench_check_mmu_update_1(void);
bool bench_check_mmu_update_64(void);
bool bench_check_mmu_update_512(void);
bool bench_check_multicall(void);

/* The hypercall loops, in each arch's assembly: run the operation `iterations` times. */
long bench_null_hypercall_loop(long iterations);
long bench_uvm_loop(long iterations);
long bench_mmu_update_1_loop(long iterations);
long bench_mmu_update_64_loop(long iterations);
long bench_mmu_update_512_loop(long iterations);
long bench_multicall_loop(long iterations);

/*
 * The hypercall rows every arch's bench_ops[] starts with: the same operations, loops and
 * checks on both arches; only the empty loop subtracted from each differs.
 */
#define BENCH_PV_HYPERCALL_OPS(empty)                                                        \
	{"null_hypercall", bench_null_hypercall_loop, empty, 1,                              \
	 .check = bench_check_null_hypercall},                                               \
	    {"update_va_mapping_invlpg", bench_uvm_loop, empty, 1,                           \
	     .check = bench_check_update_va_mapping},                                        \
	    {"mmu_update_1", bench_mmu_update_1_loop, empty, 1,                              \
	     .check = bench_check_mmu_update_1},                                             \
	    {"mmu_update_64_per_pte", bench_mmu_update_64_loop, empty, 64,                   \
	     .check = bench_check_mmu_update_64},                                            \
	    {"mmu_update_512_per_pte", bench_mmu_update_512_loop, empty, BENCH_BATCH_MAX,    \
	     .check = bench_check_mmu_update_512},                                           \
	{                                                                                    \
		"multicall_per_entry", bench_multicall_loop, empty, BENCH_MULTICALL_ENTRIES, \
		    .check = bench_check_multicall                                           \
	}
#endif

#endif
