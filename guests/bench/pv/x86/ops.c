/*
 * ops.c (x86): the PV bench image's operations on x86, in the order they are reported.
 *
 * The ring-3 operations run the loops the native image runs too (bench_user.S), with the
 * bench's own handlers in the trap table while they run: the `int $0x80` entry, which the
 * hypervisor installs as the direct gate (DPL 3, events not masked), and the #PF entry, to
 * which the hypervisor bounces the fault. The library's entries are back afterwards.
 */
#include "../bench_pv.h"
#include "mmu.h"
#include "user.h"
#include "x86/traps.h"

long bench_x86_empty(long iterations);
long bench_x86_int80_loop(long iterations);
long bench_x86_fault_loop(long iterations);
extern char bench_x86_int80_entry[];
extern char bench_x86_fault_entry[];
extern unsigned long bench_x86_fault_va;

static bool entries_set;

static void int80_setup(void)
{
	entries_set = trap_set_entry(TRAP_SYSCALL, (unsigned long)bench_x86_int80_entry) == 0;
}

static void int80_cleanup(void)
{
	trap_set_entry(TRAP_SYSCALL, 0);
}

static long int80_once(long unused)
{
	(void)unused;
	return user_syscall(USER_SYS_add, 40, 2, 0);
}

/*
 * Hypervisor entries per round trip: the paper's point is that there are none. Two ring-3
 * runs that differ by BENCH_ITERATIONS system calls differ by this many entries each.
 */
static void int80_report_entries(void)
{
	struct user_result result;
	long before = ringo_hypervisor_entries();
	long once;

	user_run(bench_x86_int80_loop, 1, &result);
	once = ringo_hypervisor_entries() - before;
	before = ringo_hypervisor_entries();
	user_run(bench_x86_int80_loop, 1 + BENCH_ITERATIONS, &result);
	printf("RINGO-BENCH: int80_hypervisor_entries %ld entries\n",
	       (ringo_hypervisor_entries() - before - once) / BENCH_ITERATIONS);
}

/* The bench's gate served the call, and the library's exit path still works. */
static bool int80_check(void)
{
	struct user_result result;

	user_run(int80_once, 0, &result);
	if (!entries_set || result.faulted || result.value != 42) {
		return false;
	}
	int80_report_entries();
	return true;
}

static void fault_setup(void)
{
	entries_set = trap_set_entry(TRAP_PF, (unsigned long)bench_x86_fault_entry) == 0;
}

static void fault_cleanup(void)
{
	trap_set_entry(TRAP_PF, 0);
}

static bool fault_check(void)
{
	return entries_set;
}

/* Writable page tables, on for their row only. */
long bench_ptwr_loop(long iterations);
static bool ptwr_on;

static void ptwr_setup(void)
{
	ptwr_on = HYPERVISOR_vm_assist(VMASST_CMD_enable, VMASST_TYPE_writable_pagetables) == 0;
}

static void ptwr_cleanup(void)
{
	HYPERVISOR_vm_assist(VMASST_CMD_disable, VMASST_TYPE_writable_pagetables);
}

/* One emulated write each way: the entry holds each value, the mapping reaches its page. */
static bool ptwr_check(void)
{
	volatile uint32_t *entry = (volatile uint32_t *)bench_uvm_entry;
	volatile uint8_t *tag = (volatile uint8_t *)bench_uvm_va;
	uint32_t values[2] = {(uint32_t)(bench_uvm_pte ^ bench_uvm_toggle),
			      (uint32_t)bench_uvm_pte};
	uint8_t tags[2];

	for (unsigned int i = 0; i < 2; i++) {
		*entry = values[i];
		if (*entry != values[i] || mmu_invlpg(bench_uvm_va)) {
			return false;
		}
		tags[i] = *tag;
	}
	return ptwr_on && tags[0] != tags[1] && (tags[0] == 0xa0 || tags[0] == 0xb1) &&
	       (tags[1] == 0xa0 || tags[1] == 0xb1);
}

void bench_arch_setup(void)
{
	traps_init();
	bench_x86_fault_va = guest_arch_unmapped_va;
}

const struct bench_op bench_ops[] = {
    BENCH_PV_HYPERCALL_OPS(bench_x86_empty),
    {"ptwr_pte_write", bench_ptwr_loop, bench_x86_empty, 1, .setup = ptwr_setup,
     .cleanup = ptwr_cleanup, .check = ptwr_check},
    {"int80_round_trip", bench_x86_int80_loop, bench_x86_empty, 1, .user = true,
     .setup = int80_setup, .cleanup = int80_cleanup, .check = int80_check},
    {"user_fault_round_trip", bench_x86_fault_loop, bench_x86_empty, 1, .user = true,
     .setup = fault_setup, .cleanup = fault_cleanup, .check = fault_check},
};

const unsigned int bench_op_count = ARRAY_SIZE(bench_ops);
