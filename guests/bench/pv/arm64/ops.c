/*
 * ops.c (arm64): the PV bench image's operations on ARM64, in the order they are reported.
 *
 * The EL0 operations run with the bench's vector tables in front of the library's
 * (loops.S), and EL0 may read the virtual counter (CNTKCTL_EL1.EL0VCTEN) so that their
 * loops time themselves. Their checks also count hypervisor entries over a whole timed
 * loop with the per-vCPU entry counter and report them as rows of their own
 * (el0_*_hypervisor_entries): the target for both round trips is no hypervisor
 * instruction, and zero entries is the proof beside the figure, which then counts only
 * the EL0 and EL1 instructions of the round trip. A calibration row times a body of 64
 * instructions, checking the clock's scale (arm64/bench_loop.h).
 */
#include "../bench_pv.h"
#include "arm64/user_el0.h"
#include "guest.h"
#include "lib.h"
#include "user.h"

#define CNTKCTL_EL0VCTEN (1UL << 1)
#define FAULT_ONCE_VALUE 42

long bench_arm64_empty(long iterations);
long bench_calibration_loop(long iterations);
long bench_el0_svc_loop(long iterations);
long bench_el0_fault_loop(long iterations);
long bench_el0_fault_once(long unused);
extern char bench_el0_svc_vectors[];
extern char bench_el0_fault_vectors[];

static void svc_setup(void)
{
	user_vectors_set(bench_el0_svc_vectors);
}

static void fault_setup(void)
{
	user_vectors_set(bench_el0_fault_vectors);
}

static void el0_cleanup(void)
{
	user_vectors_set(NULL);
}

/* Runs loop at EL0 and reports the hypervisor entries it made; false if it faulted. */
static bool entries_report(const char *name, bench_loop_t loop)
{
	struct user_result result;
	long before = ringo_hypervisor_entries();
	long entries;

	user_run(loop, (long)bench_iterations, &result);
	/* The second reading is itself one entry. */
	entries = ringo_hypervisor_entries() - before - 1;
	printf("RINGO-BENCH: %s %ld entries\n", name, entries);
	return !result.faulted;
}

static long svc_once(long unused)
{
	(void)unused;
	return user_syscall(USER_SYS_add, 40, 2, 0);
}

/* The bench's vector served the call, and the library's exit path still works. */
static bool svc_check(void)
{
	struct user_result result;

	user_run(svc_once, 0, &result);
	return !result.faulted && result.value == 40 + 2 &&
	       entries_report("el0_svc_hypervisor_entries", bench_el0_svc_loop);
}

static bool fault_check(void)
{
	struct user_result result;

	user_run(bench_el0_fault_once, 0, &result);
	return !result.faulted && result.value == FAULT_ONCE_VALUE &&
	       entries_report("el0_fault_hypervisor_entries", bench_el0_fault_loop);
}

void bench_arch_setup(void)
{
	uint64_t cntkctl;
	uint64_t frequency;

	__asm__ volatile("mrs %0, cntkctl_el1" : "=r"(cntkctl));
	__asm__ volatile("msr cntkctl_el1, %0\n\tisb" : : "r"(cntkctl | CNTKCTL_EL0VCTEN));
	__asm__ volatile("mrs %0, cntfrq_el0" : "=r"(frequency));
	printf("bench: arm64 clock: CNTVCT_EL0 at %lu Hz, read as ticks * 10^9 / %lu "
	       "(instructions under -icount shift=0)\n",
	       (unsigned long)frequency, (unsigned long)frequency);
}

const struct bench_op bench_ops[] = {
    BENCH_PV_HYPERCALL_OPS(bench_arm64_empty),
    {"el0_svc_round_trip", bench_el0_svc_loop, bench_arm64_empty, 1, .user = true,
     .setup = svc_setup, .cleanup = el0_cleanup, .check = svc_check},
    {"el0_fault_round_trip", bench_el0_fault_loop, bench_arm64_empty, 1, .user = true,
     .setup = fault_setup, .cleanup = el0_cleanup, .check = fault_check},
    {"calibration_64_insns", bench_calibration_loop, bench_arm64_empty, 1, .check = NULL},
};

const unsigned int bench_op_count = ARRAY_SIZE(bench_ops);
