/*
 * user_arm64.c: EL0 programs under an EL1 PV kernel (ABI.md section 8, the fast paths).
 *
 * The kernel (the test) runs programs at EL0 through the library's user runner. ARM64
 * delivers an EL0 `svc` and an EL0 abort straight to the kernel's VBAR_EL1 vectors, and
 * the kernel returns with eret: neither the system-call round trip nor the page-fault round
 * trip may enter the hypervisor, which the per-vCPU entry counter shows (reading it is one
 * entry). Faults arrive with the architectural syndrome and address and can be resumed;
 * what EL0 may not do (hypervisor calls, SMC, EL1 registers, kernel memory) is refused by
 * the hardware into the kernel, not the hypervisor.
 */
#include "arm64/user_el0.h"
#include "lib.h"
#include "mmu.h"
#include "test.h"
#include "user.h"

#define DEMAND_PAGES 8
#define FIXUP_VALUE 0xf1a7L
#define UNMAPPED_VA 0x1000ULL

long user_probe(long address);
long user_poke(long address);
long user_jump(long address);
long user_hvc(long unused);
long user_smc(long unused);
long user_read_sctlr(long unused);
long user_svc_keeps_registers(long unused);
extern char user_probe_site[], user_poke_site[], user_jump_site[], user_hvc_site[];
extern char user_smc_site[], user_read_sctlr_site[];

static alignas(PAGE_SIZE) uint64_t demand_pages[DEMAND_PAGES][PAGE_SIZE / sizeof(uint64_t)];
static uint64_t kernel_secret = 0x5ec7e7;
static unsigned int faults_served;

static long add_calls(long count)
{
	long sum = 0;

	for (long i = 0; i < count; i++) {
		sum += user_syscall(USER_SYS_add, i, 1, 0);
	}
	return sum;
}

static long nothing(long value)
{
	return value;
}

/* The first user_run maps the program for EL0 (hypercalls): do it outside a measurement. */
static void user_warm_up(void)
{
	struct user_result result;

	user_run(nothing, 7, &result);
	EXPECT_TRUE(!result.faulted);
	EXPECT_EQ(result.value, 7);
}

static void expect_fault(const struct user_result *result, unsigned int class, const void *pc)
{
	EXPECT_TRUE(result->faulted);
	EXPECT_EQ(result->vector, class);
	EXPECT_EQ(result->error_code >> ESR_EC_SHIFT, class);
	EXPECT_EQ(result->pc, (unsigned long)pc);
}

TEST(user_svc_no_hypervisor_entry)
{
	struct user_result few, many;
	long before, middle, after;

	user_warm_up();
	before = ringo_hypervisor_entries();
	user_run(add_calls, 1, &few);
	middle = ringo_hypervisor_entries();
	user_run(add_calls, 500, &many);
	after = ringo_hypervisor_entries();
	EXPECT_EQ(few.value, 1);
	EXPECT_EQ(many.value, 500 * 501 / 2);
	EXPECT_EQ(many.syscalls, 501); /* 500 adds and the exit */
	/* In by eret, back by svc: the only entries are the counter reads themselves. */
	EXPECT_EQ(middle - before, 1);
	EXPECT_EQ(after - middle, 1);
}

static long count_and_unknown(long unused)
{
	long unknown = user_syscall(99, 1, 2, 3);
	long count = user_syscall(USER_SYS_count, 0, 0, 0);

	(void)unused;
	return unknown == -ENOSYS ? count : -1000;
}

TEST(user_svc_count_and_unknown)
{
	struct user_result result;

	user_warm_up();
	user_run(count_and_unknown, 0, &result);
	EXPECT_TRUE(!result.faulted);
	EXPECT_TRUE(result.value > 0);
	EXPECT_EQ(result.syscalls, 3);
}

TEST(user_svc_preserves_registers)
{
	struct user_result result;
	long before;

	user_warm_up();
	before = ringo_hypervisor_entries();
	user_run(user_svc_keeps_registers, 0, &result);
	EXPECT_EQ(ringo_hypervisor_entries() - before, 1);
	EXPECT_TRUE(!result.faulted);
	EXPECT_EQ(result.value, 0);
}

static long write_hello(long unused)
{
	static const char text[] = "hello from EL0\n";

	(void)unused;
	return user_syscall(USER_SYS_write, (long)text, sizeof(text) - 1, 0);
}

TEST(user_svc_write_console)
{
	struct user_result result;

	user_warm_up();
	user_run(write_hello, 0, &result);
	EXPECT_TRUE(!result.faulted);
	EXPECT_EQ(result.value, 0);
}

TEST(user_fault_unmapped_no_hypervisor_entry)
{
	struct user_result result;
	long before;

	user_warm_up();
	before = ringo_hypervisor_entries();
	user_run(user_probe, (long)UNMAPPED_VA, &result);
	EXPECT_EQ(ringo_hypervisor_entries() - before, 1);
	expect_fault(&result, EC_DABT_LOWER, user_probe_site);
	EXPECT_EQ(result.fault_address, UNMAPPED_VA);
	EXPECT_TRUE(DFSC_IS_TRANSLATION(result.error_code & ESR_DFSC_MASK));
	EXPECT_TRUE(!(result.error_code & ESR_WNR));
}

/* Serves a fault by skipping the load and handing the program a value instead. */
static bool fixup_fault(struct user_frame *frame)
{
	if (frame->elr != (uint64_t)user_probe_site) {
		return false;
	}
	faults_served++;
	frame->x[1] = FIXUP_VALUE;
	frame->elr += 4;
	return true;
}

static long probe_many(long count)
{
	long sum = 0;

	for (long i = 0; i < count; i++) {
		sum += user_probe((long)UNMAPPED_VA + i * 8);
	}
	return sum;
}

TEST(user_fault_resumed_no_hypervisor_entry)
{
	struct user_result result;
	long before;

	user_warm_up();
	faults_served = 0;
	user_fault_hook = fixup_fault;
	before = ringo_hypervisor_entries();
	user_run(probe_many, 100, &result);
	EXPECT_EQ(ringo_hypervisor_entries() - before, 1);
	user_fault_hook = NULL;
	EXPECT_TRUE(!result.faulted);
	EXPECT_EQ(faults_served, 100);
	EXPECT_EQ(result.value, 100 * FIXUP_VALUE);
}

/* Demand paging: a kernel page EL0 touches becomes the program's, one update each. */
static bool map_on_demand(struct user_frame *frame)
{
	uintptr_t page = frame->far & ~(PAGE_SIZE - 1);

	if (page < (uintptr_t)demand_pages || page >= (uintptr_t)(demand_pages + DEMAND_PAGES) ||
	    !DFSC_IS_PERMISSION(frame->esr & ESR_DFSC_MASK)) {
		return false;
	}
	faults_served++;
	return mmu_map(page, mmu_va_to_mfn((void *)page), PTE_USER | PTE_WRITABLE) == 0;
}

static long sum_pages(long base)
{
	const volatile uint64_t *page = (const volatile uint64_t *)base;
	long sum = 0;

	for (unsigned int i = 0; i < DEMAND_PAGES; i++) {
		sum += (long)page[i * (PAGE_SIZE / sizeof(uint64_t))];
	}
	return sum;
}

TEST(user_fault_demand_map)
{
	struct user_result result;
	long before;

	user_warm_up();
	for (unsigned int i = 0; i < DEMAND_PAGES; i++) {
		demand_pages[i][0] = 100 + i;
	}
	faults_served = 0;
	user_fault_hook = map_on_demand;
	before = ringo_hypervisor_entries();
	user_run(sum_pages, (long)demand_pages, &result);
	/* One update_va_mapping per fault; the faults themselves cost nothing. */
	EXPECT_EQ(ringo_hypervisor_entries() - before, DEMAND_PAGES + 1);
	user_fault_hook = NULL;
	EXPECT_TRUE(!result.faulted);
	EXPECT_EQ(faults_served, DEMAND_PAGES);
	EXPECT_EQ(result.value, DEMAND_PAGES * 100 + DEMAND_PAGES * (DEMAND_PAGES - 1) / 2);
}

TEST(user_kernel_data_protected)
{
	struct user_result result;

	user_warm_up();
	user_run(user_probe, (long)&kernel_secret, &result);
	expect_fault(&result, EC_DABT_LOWER, user_probe_site);
	EXPECT_EQ(result.fault_address, (unsigned long)&kernel_secret);
	EXPECT_TRUE(DFSC_IS_PERMISSION(result.error_code & ESR_DFSC_MASK));
	user_run(user_poke, (long)&kernel_secret, &result);
	expect_fault(&result, EC_DABT_LOWER, user_poke_site);
	EXPECT_TRUE(result.error_code & ESR_WNR);
	EXPECT_EQ(kernel_secret, 0x5ec7e7);
}

TEST(user_text_read_only)
{
	struct user_result result;

	user_warm_up();
	user_run(user_poke, (long)user_probe, &result);
	expect_fault(&result, EC_DABT_LOWER, user_poke_site);
	EXPECT_EQ(result.fault_address, (unsigned long)user_probe);
	EXPECT_TRUE(DFSC_IS_PERMISSION(result.error_code & ESR_DFSC_MASK));
	EXPECT_TRUE(result.error_code & ESR_WNR);
}

TEST(user_exec_kernel_data_fault)
{
	struct user_result result;

	user_warm_up();
	user_run(user_jump, (long)&kernel_secret, &result);
	EXPECT_TRUE(result.faulted);
	EXPECT_EQ(result.vector, EC_IABT_LOWER);
	EXPECT_EQ(result.pc, (unsigned long)&kernel_secret);
	EXPECT_EQ(result.fault_address, (unsigned long)&kernel_secret);
}

/* EL0 cannot reach the hypervisor: HVC and SMC are undefined there, into the kernel. */
static void expect_undefined_in_kernel(long (*fn)(long), const char *site)
{
	struct user_result result;
	long before;

	user_warm_up();
	before = ringo_hypervisor_entries();
	user_run(fn, 0, &result);
	EXPECT_EQ(ringo_hypervisor_entries() - before, 1);
	expect_fault(&result, EC_UNKNOWN, site);
}

TEST(user_hvc_undefined)
{
	expect_undefined_in_kernel(user_hvc, user_hvc_site);
}

TEST(user_smc_undefined)
{
	expect_undefined_in_kernel(user_smc, user_smc_site);
}

TEST(user_el1_register_undefined)
{
	expect_undefined_in_kernel(user_read_sctlr, user_read_sctlr_site);
}
