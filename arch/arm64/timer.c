/*
 * timer.c: the generic timer as the clock and the one deadline (core/include/arch/time.h).
 *
 * The counter is CNTPCT_EL0 at CNTFRQ_EL0 Hz. The deadline is the EL2 physical timer
 * (CNTHP_CVAL_EL2 / CNTHP_CTL_EL2, the "hyp" PPI of the device tree's "arm,armv8-timer",
 * INTID 26 on QEMU virt), which only EL2 can program: CNTHCTL_EL2 (el2.c) lets EL1 read
 * the counters but traps its access to the physical timer, so a guest has the virtual timer
 * alone. Its interrupt is level-sensitive and stays asserted while the compare condition
 * holds, so the handler masks it (IMASK) and arch_timer_set_deadline unmasks it with the
 * next compare value. Each domain's virtual counter is offset by CNTVOFF_EL2 = the counter
 * when the domain was built (vcpu.c loads it on every switch), so its virtual time starts
 * near zero.
 */
#include "arch/time.h"
#include "check.h"
#include "plat/gic.h"
#include "plat/irq.h"
#include "plat/sysreg.h"
#include "time.h"

#define CNTHP_CTL_ENABLE (1UL << 0)
#define CNTHP_CTL_IMASK (1UL << 1)
/*
 * The longest wait programmed in one go (an hour): a later deadline fires early, finds
 * nothing due and is set again, and the ns -> ticks scaling never sees a huge interval.
 */
#define TIMER_MAX_WAIT_NS (3600ULL * 1000000000ULL)
/* The hypervisor timer's PPI in the Arm base boot requirements, if the DT has none. */
#define TIMER_PPI_HYP_DEFAULT 10U

static uint64_t counter_hz;
static uint32_t hyp_timer_intid;

uint64_t arch_time_counter(void)
{
	/* The ISB keeps the read from being taken early, ahead of the code before it. */
	isb();
	return read_sysreg(cntpct_el0);
}

uint64_t arch_time_counter_hz(void)
{
	return counter_hz;
}

uint64_t arch_time_guest_counter_offset(const struct vcpu *v)
{
	return v->domain->arch.cntvoff;
}

uint32_t timer_intid(void)
{
	return hyp_timer_intid;
}

void arch_time_init(void)
{
	const struct platform_info *platform = irq_platform();
	unsigned int ppi =
	    platform->timer_ppi_hyp ? platform->timer_ppi_hyp : TIMER_PPI_HYP_DEFAULT;

	counter_hz = read_sysreg(cntfrq_el0) & 0xffffffffUL;
	if (!counter_hz) {
		panic("CNTFRQ_EL0 is 0: the firmware did not set the counter frequency");
	}
	write_sysreg(cnthp_ctl_el2, CNTHP_CTL_IMASK);
	isb();
	gic_init(platform);
	gic_enable_ppi(ppi);
	hyp_timer_intid = GIC_PPI_FIRST_INTID + ppi;
}

void arch_timer_set_deadline(uint64_t deadline_ns)
{
	uint64_t now_ns;
	uint64_t compare;

	if (deadline_ns == TIME_NEVER) {
		write_sysreg(cnthp_ctl_el2, CNTHP_CTL_IMASK);
		isb();
		return;
	}
	/* System time first: the counter read after it can only be later, never early. */
	now_ns = time_now_ns();
	compare = arch_time_counter();
	if (deadline_ns > now_ns) {
		/* One tick more: the ns -> ticks scaling rounds down. */
		uint64_t wait = deadline_ns - now_ns;

		compare +=
		    time_ns_to_ticks(wait < TIMER_MAX_WAIT_NS ? wait : TIMER_MAX_WAIT_NS) + 1;
	}
	write_sysreg(cnthp_cval_el2, compare);
	write_sysreg(cnthp_ctl_el2, CNTHP_CTL_ENABLE);
	isb();
}

void timer_interrupt(void)
{
	write_sysreg(cnthp_ctl_el2, CNTHP_CTL_ENABLE | CNTHP_CTL_IMASK);
	isb();
}
