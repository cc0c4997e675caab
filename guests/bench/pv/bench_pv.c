/*
 * bench_pv.c: the PV bench image (tools/bench boots it as domain 0 under -icount): builds
 * what the operations work on (bench_pv.h), runs the arch's table of operations and
 * reports each as a RINGO-BENCH line (bench.h), then powers off. On its command line,
 * "op=<name>" runs only that operation and "iterations=<n>" changes N: for profiling by
 * hand (the difference of the instruction traces of two counts is one operation's path).
 */
#include "bench_pv.h"
#include "lib.h"
#include "mmu.h"

static alignas(PAGE_SIZE) uint8_t target_pages[2][PAGE_SIZE];
static alignas(PAGE_SIZE) uint64_t scratch_l1[512];
static struct mmu_update request_arrays[2][BENCH_BATCH_MAX];

unsigned long bench_uvm_va;
uint64_t bench_uvm_pte;
uint64_t bench_uvm_toggle;
uint64_t *bench_uvm_entry = &scratch_l1[0];
struct mmu_update *bench_mmu_requests[2] = {request_arrays[0], request_arrays[1]};
struct multicall_entry bench_calls[BENCH_MULTICALL_ENTRIES];

static uint64_t target_pte(unsigned int which)
{
	return pte_page(mmu_va_to_mfn(target_pages[which]), PTE_WRITABLE | PTE_USER);
}

/* Hooks a fresh, pinned level-1 table into an empty level-2 slot; returns its VA or 0. */
static unsigned long scratch_build(uint64_t *l1_mfn)
{
	unsigned long va = mmu_unused_va(1UL << 30);

	*l1_mfn = mmu_va_to_mfn(scratch_l1);
	if (!va || mmu_set_writable(scratch_l1, false) || mmu_pin(*l1_mfn, 1)) {
		return 0;
	}
	mmu_queue(mmu_entry_maddr(va, 2), pte_table(*l1_mfn, 2));
	return mmu_flush() ? 0 : va;
}

static void requests_build(uint64_t l1_mfn)
{
	for (unsigned int which = 0; which < 2; which++) {
		for (unsigned int i = 0; i < BENCH_BATCH_MAX; i++) {
			request_arrays[which][i] = (struct mmu_update){
			    .ptr = (l1_mfn << PAGE_SHIFT) + i * sizeof(uint64_t) +
				   MMU_NORMAL_PT_UPDATE,
			    .val = target_pte(which),
			};
		}
	}
}

static void calls_build(void)
{
	for (unsigned int i = 0; i < BENCH_MULTICALL_ENTRIES; i++) {
		bench_calls[i] = (struct multicall_entry){
		    .op = __HYPERVISOR_xen_version,
		    .args = {XENVER_version},
		};
	}
}

static bool setup(void)
{
	uint64_t l1_mfn;
	unsigned long va = scratch_build(&l1_mfn);

	if (!va) {
		return false;
	}
	/* Tags, so that a check can tell which page a mapping reaches. */
	target_pages[0][0] = 0xa0;
	target_pages[1][0] = 0xb1;
	requests_build(l1_mfn);
	calls_build();
	bench_uvm_va = va;
	bench_uvm_pte = target_pte(0);
	bench_uvm_toggle = target_pte(0) ^ target_pte(1);
	bench_arch_setup();
	return true;
}

bool bench_check_null_hypercall(void)
{
	return HYPERVISOR_xen_version(XENVER_version, NULL) > 0;
}

bool bench_check_update_va_mapping(void)
{
	return HYPERVISOR_update_va_mapping(bench_uvm_va, target_pte(1), UVMF_INVLPG) == 0 &&
	       HYPERVISOR_update_va_mapping(bench_uvm_va, target_pte(0), UVMF_INVLPG) == 0 &&
	       *(volatile uint8_t *)bench_uvm_va == 0xa0;
}

static bool mmu_update_works(unsigned int count)
{
	for (unsigned int which = 0; which < 2; which++) {
		unsigned int done = 0;

		if (HYPERVISOR_mmu_update(bench_mmu_requests[which], count, &done, DOMID_SELF) ||
		    done != count || scratch_l1[count - 1] != bench_mmu_requests[which][0].val) {
			return false;
		}
	}
	return true;
}

bool bench_check_mmu_update_1(void)
{
	return mmu_update_works(1);
}

bool bench_check_mmu_update_64(void)
{
	return mmu_update_works(64);
}

bool bench_check_mmu_update_512(void)
{
	return mmu_update_works(512);
}

bool bench_check_multicall(void)
{
	long version = HYPERVISOR_xen_version(XENVER_version, NULL);

	for (unsigned int i = 0; i < BENCH_MULTICALL_ENTRIES; i++) {
		bench_calls[i].result = 0;
	}
	if (HYPERVISOR_multicall(bench_calls, BENCH_MULTICALL_ENTRIES)) {
		return false;
	}
	for (unsigned int i = 0; i < BENCH_MULTICALL_ENTRIES; i++) {
		if ((long)bench_calls[i].result != version) {
			return false;
		}
	}
	return true;
}

void guest_main(void)
{
	const char *cmdline = (const char *)start_info->cmd_line;
	char only[32] = "";
	char count[16];

	/* For profiling by hand: "op=<name>" runs one operation, "iterations=<n>" sets N. */
	cmdline_get(cmdline, "op", only, sizeof(only));
	if (cmdline_get(cmdline, "iterations", count, sizeof(count))) {
		bench_iterations = strtoul(count, NULL, 10);
	}
	if (!setup()) {
		bench_fail("setup", "could not build the scratch page table");
		return;
	}
	for (unsigned int i = 0; i < bench_op_count; i++) {
		if (!only[0] || !strcmp(only, bench_ops[i].name)) {
			bench_run(&bench_ops[i]);
		}
	}
	console_puts("RINGO-BENCH: done 0 -\n");
}
