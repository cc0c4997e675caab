/*
 * apic.c (x86): the local APIC, for its timer.
 *
 * The APIC's registers are memory-mapped at the base its MSR names (0xFEE00000 unless
 * moved); paging.c maps them uncached into the hypervisor's tables only (a guest never
 * sees them). Enabling the APIC through the spurious-interrupt register, with every local
 * interrupt but the timer masked (the legacy PICs behind LINT0 are masked too, pic.c),
 * leaves the timer as the only interrupt source. The timer runs one-shot, its clock
 * divided by 16; time.c calibrates its rate and turns deadlines into counts.
 */
#include "check.h"
#include "plat/cpu.h"
#include "plat/paging.h"
#include "plat/timer.h"

#define MSR_APIC_BASE 0x1b
#define APIC_BASE_ENABLE (1U << 11)
#define APIC_BASE_MASK 0xfffff000U

#define APIC_TPR 0x080
#define APIC_EOI 0x0b0
#define APIC_SVR 0x0f0
#define APIC_LVT_TIMER 0x320
#define APIC_LVT_LINT0 0x350
#define APIC_LVT_LINT1 0x360
#define APIC_LVT_ERROR 0x370
#define APIC_TIMER_INITIAL 0x380
#define APIC_TIMER_CURRENT 0x390
#define APIC_TIMER_DIVIDE 0x3e0

#define SVR_ENABLE (1U << 8)
#define LVT_MASKED (1U << 16)
#define LVT_NMI (4U << 8)
#define TIMER_DIVIDE_16 0x3

static volatile uint32_t *apic;

static uint32_t apic_read(unsigned int reg)
{
	return apic[reg / sizeof(uint32_t)];
}

static void apic_write(unsigned int reg, uint32_t value)
{
	apic[reg / sizeof(uint32_t)] = value;
}

void lapic_init(void)
{
	uint64_t base = x86_rdmsr(MSR_APIC_BASE);

	CHECK(x86_cpuid(1, 0).edx & (1U << 9)); /* CPUID.1:EDX.APIC */
	x86_wrmsr(MSR_APIC_BASE, base | APIC_BASE_ENABLE);
	apic = paging_map_device(base & APIC_BASE_MASK);
	apic_write(APIC_TPR, 0);
	apic_write(APIC_LVT_LINT0, LVT_MASKED);
	apic_write(APIC_LVT_LINT1, LVT_NMI);
	apic_write(APIC_LVT_ERROR, LVT_MASKED);
	apic_write(APIC_TIMER_DIVIDE, TIMER_DIVIDE_16);
	lapic_timer_start(0, true);
	apic_write(APIC_SVR, SVR_ENABLE | X86_SPURIOUS_VECTOR);
}

void lapic_eoi(void)
{
	apic_write(APIC_EOI, 0);
}

void lapic_timer_start(uint32_t count, bool masked)
{
	/* One-shot mode (bits 17-18 clear); writing the initial count (re)starts it. */
	apic_write(APIC_LVT_TIMER, X86_TIMER_VECTOR | (masked ? LVT_MASKED : 0));
	apic_write(APIC_TIMER_INITIAL, count);
}

uint32_t lapic_timer_count(void)
{
	return apic_read(APIC_TIMER_CURRENT);
}
