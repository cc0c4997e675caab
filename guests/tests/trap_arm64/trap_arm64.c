/*
 * trap_arm64.c: what an ARM64 guest sees when it oversteps (ABI.md section 8).
 *
 * An HVC that is not Ringo's hypercall immediate, an SMC that is not PSCI, a write that
 * would turn the guest's MMU off, and a trapped register Ringo does not emulate all come
 * back as an undefined-instruction exception in the guest's own VBAR_EL1 vector, at the
 * refused instruction; EL2 registers are out of reach of EL1 by architecture. PSCI over
 * SMC is emulated. In every case the guest carries on and the hypervisor keeps running.
 */
#include "trap_arm64.h"

#define SCTLR_M 1UL

#define PSCI_VERSION 0x84000000UL
#define PSCI_CPU_SUSPEND_64 0xC4000001UL
#define PSCI_FEATURES 0x8400000AUL
#define PSCI_NOT_SUPPORTED (-1L)
#define NOT_PSCI_FUNCTION 0xC2001234UL /* an SiP-service call nobody answers */

extern char trap_test_vectors[];
volatile uint64_t trap_vector;
volatile uint64_t trap_esr;
volatile uint64_t trap_elr;
volatile uint64_t trap_far;
volatile uint64_t trap_spsr;
volatile uint64_t trap_count;

static uint64_t saved_vbar;

void vectors_install(void)
{
	saved_vbar = read_sysreg(vbar_el1);
	trap_count = 0;
	trap_vector = trap_esr = trap_elr = trap_far = trap_spsr = ~0UL;
	__asm__ volatile("msr vbar_el1, %0\n\tisb" : : "r"(trap_test_vectors) : "memory");
}

void vectors_restore(void)
{
	__asm__ volatile("msr vbar_el1, %0\n\tisb" : : "r"(saved_vbar) : "memory");
}

void still_running(void)
{
	const char *line = "carrying on\n";

	EXPECT_EQ(HYPERVISOR_console_io(CONSOLEIO_write, strlen(line), line), 0);
}

/* smc #0 with function in x0 and argument in x1; returns x0, *site = the SMC's address. */
static uint64_t smc_call(uint64_t function, uint64_t arg, uint64_t *site)
{
	register uint64_t x0 __asm__("x0") = function;
	register uint64_t x1 __asm__("x1") = arg;
	uint64_t where;

	__asm__ volatile("adr %2, 1f\n1:\tsmc #0"
			 : "+r"(x0), "+r"(x1), "=&r"(where)
			 :
			 : "x2", "x3", "x4", "x5", "x6", "x7", "x8", "x9", "x10", "x11", "x12",
			   "x13", "x14", "x15", "x16", "x17", "memory");
	*site = where;
	return x0;
}

TEST(trap_smc_not_psci_undef)
{
	uint64_t site;
	uint64_t result;

	vectors_install();
	result = smc_call(NOT_PSCI_FUNCTION, 0, &site);
	vectors_restore();
	EXPECT_UNDEFINED_AT(site);
	EXPECT_EQ(result, NOT_PSCI_FUNCTION);
	still_running();
}

TEST(trap_hvc_other_imm_undef)
{
	register uint64_t x16 __asm__("x16") = __HYPERVISOR_xen_version;
	register uint64_t x0 __asm__("x0") = XENVER_version;
	uint64_t site;

	vectors_install();
	__asm__ volatile("adr %2, 1f\n1:\thvc #0x1234"
			 : "+r"(x0), "+r"(x16), "=&r"(site)
			 :
			 : "memory");
	vectors_restore();
	EXPECT_UNDEFINED_AT(site);
	/* Not a hypercall: the xen_version request in x16/x0 was not answered. */
	EXPECT_EQ(x0, XENVER_version);
	still_running();
}

TEST(trap_psci_from_guest)
{
	uint64_t site;

	vectors_install();
	EXPECT_EQ(smc_call(PSCI_VERSION, 0, &site), 0x10000);
	EXPECT_EQ(smc_call(PSCI_FEATURES, PSCI_VERSION, &site), 0);
	EXPECT_EQ((int64_t)smc_call(PSCI_FEATURES, PSCI_CPU_SUSPEND_64, &site), PSCI_NOT_SUPPORTED);
	EXPECT_EQ((int64_t)smc_call(PSCI_CPU_SUSPEND_64, 0, &site), PSCI_NOT_SUPPORTED);
	vectors_restore();
	EXPECT_EQ(trap_count, 0);
	still_running();
}

TEST(trap_el2_register_undef)
{
	uint64_t value = 0x5a5a;
	uint64_t site;

	vectors_install();
	__asm__ volatile("adr %1, 1f\n1:\tmrs %0, hcr_el2" : "+r"(value), "=&r"(site) : : "memory");
	vectors_restore();
	EXPECT_UNDEFINED_AT(site);
	EXPECT_EQ(value, 0x5a5a);
	still_running();
}

TEST(trap_sctlr_mmu_off_undef)
{
	uint64_t sctlr = read_sysreg(sctlr_el1);
	uint64_t site;

	vectors_install();
	__asm__ volatile("adr %0, 1f\n1:\tmsr sctlr_el1, %1\n\tisb"
			 : "=&r"(site)
			 : "r"(sctlr & ~SCTLR_M)
			 : "memory");
	vectors_restore();
	EXPECT_UNDEFINED_AT(site);
	EXPECT_EQ(read_sysreg(sctlr_el1), sctlr);
	still_running();
}

TEST(trap_tvm_writes_applied)
{
	uint64_t mair = read_sysreg(mair_el1);
	uint64_t sctlr = read_sysreg(sctlr_el1);

	vectors_install();
	__asm__ volatile("msr contextidr_el1, %0\n\tisb" : : "r"(0x1234UL) : "memory");
	__asm__ volatile("msr mair_el1, %0\n\tisb" : : "r"(mair) : "memory");
	__asm__ volatile("msr sctlr_el1, %0\n\tisb" : : "r"(sctlr) : "memory");
	/* Set/way maintenance traps too and completes (WFI blocks: events.c). */
	__asm__ volatile("dc cisw, xzr" : : : "memory");
	vectors_restore();
	EXPECT_EQ(trap_count, 0);
	EXPECT_EQ(read_sysreg(contextidr_el1), 0x1234);
	EXPECT_EQ(read_sysreg(mair_el1), mair);
	EXPECT_EQ(read_sysreg(sctlr_el1), sctlr);
}

TEST(trap_pmu_register_undef)
{
	uint64_t value = 0;
	uint64_t site;

	vectors_install();
	__asm__ volatile("adr %1, 1f\n1:\tmrs %0, pmcr_el0"
			 : "+r"(value), "=&r"(site)
			 :
			 : "memory");
	vectors_restore();
	EXPECT_UNDEFINED_AT(site);
	still_running();
}

TEST(trap_fp_crashes_domain)
{
	/*
	 * Ringo does not switch FP/SIMD state between domains yet, so CPTR_EL2.TFP traps it:
	 * a guest that enables FP at EL1 (CPACR_EL1.FPEN) and uses it is crashed, alone.
	 */
	test_expect_crash();
	__asm__ volatile("msr cpacr_el1, %0\n\tisb\n\tfmov d0, xzr" : : "r"(3UL << 20) : "memory");
	test_fail(__FILE__, __LINE__, "FP/SIMD instruction completed");
}
