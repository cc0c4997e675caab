/*
 * events.c: WFI, the timers and the event upcall as an ARM64 guest sees them (ABI.md
 * section 8, core/include/arch/event.h).
 *
 * WFI traps to the hypervisor and blocks the vCPU until an event is pending for it: at
 * once when one is, and until its timer's VIRQ_TIMER otherwise, with no busy polling (the
 * hypervisor entry counter stays small). The physical timer is the hypervisor's: a guest
 * access to CNTP_* (trapped by CNTHCTL_EL2) or CNTHP_* (EL2 registers) is an undefined
 * instruction, while the virtual counter and timer are the guest's own. The upcall is an
 * IRQ exception at the guest's VBAR_EL1 IRQ vector (0x280 from EL1h, 0x480 from EL0) with
 * evtchn_upcall_mask set, and it waits while the guest has PSTATE.I set.
 */
#include "clock.h"
#include "events.h"
#include "schedule.h"
#include "trap_arm64.h"
#include "user.h"

#define PSR_MODE_MASK 0x1fULL
#define PSR_MODE_EL0T 0x0ULL
#define PSR_MODE_EL1H 0x5ULL
#define PSR_I (1ULL << 7)
#define WFI_TIMER_NS (20 * NS_PER_MS)
#define EL0_TIMER_NS (2 * NS_PER_MS)

long el0_run_until_irq(void);
extern char el0_wfi_loop[];

/* This vCPU's vcpu_info; without shared_info the test cannot go on, so it ends here. */
static struct vcpu_info *vcpu_info_or_stop(void)
{
	struct vcpu_info *vcpu = events_vcpu_info();

	if (!vcpu) {
		test_fail(__FILE__, __LINE__, "shared_info is not mapped");
		guest_shutdown(SHUTDOWN_crash);
	}
	return vcpu;
}

static void irq_unmask(void)
{
	__asm__ volatile("msr daifclr, #2" ::: "memory");
}

static void irq_mask(void)
{
	__asm__ volatile("msr daifset, #2" ::: "memory");
}

static void wfi(void)
{
	__asm__ volatile("dsb sy\n\twfi" ::: "memory");
}

/* xen_version(XENVER_version) with the address the hypercall returns to in *site. */
static long hypercall_at(uint64_t *site)
{
	register uint64_t x0 __asm__("x0") = XENVER_version;
	register uint64_t x16 __asm__("x16") = __HYPERVISOR_xen_version;
	uint64_t where;

	__asm__ volatile("adr %2, 1f\n\thvc #0xea1\n1:"
			 : "+r"(x0), "+r"(x16), "=&r"(where)
			 :
			 : "memory");
	*site = where;
	return (long)x0;
}

/* A port of this vCPU with its event pending (an IPI to itself), upcalls still masked. */
static evtchn_port_t raise_ipi(struct vcpu_info *vcpu)
{
	evtchn_port_t port = 0;

	vcpu->evtchn_upcall_mask = 1;
	EXPECT_EQ(evtchn_bind_ipi(0, &port), 0);
	EXPECT_EQ(evtchn_send(port), 0);
	EXPECT_TRUE(evtchn_port_pending(port));
	EXPECT_EQ(vcpu->evtchn_upcall_pending, 1);
	return port;
}

/* The timer's VIRQ bound to a port of this vCPU, nothing pending, upcalls masked. */
static evtchn_port_t bind_timer(struct vcpu_info *vcpu)
{
	evtchn_port_t port = 0;

	vcpu->evtchn_upcall_mask = 1;
	EXPECT_EQ(evtchn_bind_virq(VIRQ_TIMER, 0, &port), 0);
	evtchn_clear_port(port);
	vcpu->evtchn_pending_sel = 0;
	vcpu->evtchn_upcall_pending = 0;
	return port;
}

TEST(trap_wfi_event_pending_returns)
{
	struct vcpu_info *vcpu = vcpu_info_or_stop();
	long before;
	long after;

	raise_ipi(vcpu);
	before = ringo_hypervisor_entries();
	wfi();
	after = ringo_hypervisor_entries();
	/* The WFI trap and the second read: it did not wait. */
	EXPECT_EQ(after - before, 2);
	EXPECT_EQ(vcpu->evtchn_upcall_mask, 1);
}

TEST(trap_wfi_blocks_until_timer)
{
	struct vcpu_info *vcpu = vcpu_info_or_stop();
	evtchn_port_t port;
	uint64_t start;
	uint64_t end;
	long before;
	long after;

	port = bind_timer(vcpu);
	start = clock_system_ns();
	EXPECT_EQ(HYPERVISOR_set_timer_op(start + WFI_TIMER_NS), 0);
	before = ringo_hypervisor_entries();
	wfi();
	after = ringo_hypervisor_entries();
	end = clock_system_ns();
	printf("WFI returned after %lu us, %ld hypervisor entries\n",
	       (unsigned long)((end - start) / NS_PER_US), after - before);
	EXPECT_TRUE(end - start >= WFI_TIMER_NS);
	/* The WFI trap and the second read; a poll loop would show many more. */
	EXPECT_TRUE(after - before <= 3);
	EXPECT_TRUE(evtchn_port_pending(port));
	EXPECT_EQ(vcpu->evtchn_upcall_pending, 1);
}

/* mrs/msr of a timer register at a recorded site: exactly one undefined instruction. */
#define EXPECT_TIMER_READ_UNDEF(reg)                             \
	do {                                                     \
		uint64_t value_ = 0x77;                          \
		uint64_t site_;                                  \
		vectors_install();                               \
		__asm__ volatile("adr %1, 1f\n1:\tmrs %0, " #reg \
				 : "+r"(value_), "=&r"(site_)    \
				 :                               \
				 : "memory");                    \
		vectors_restore();                               \
		EXPECT_UNDEFINED_AT(site_);                      \
		EXPECT_EQ(value_, 0x77);                         \
	} while (0)

TEST(trap_physical_timer_undef)
{
	uint64_t site;

	EXPECT_TIMER_READ_UNDEF(cntp_ctl_el0);
	EXPECT_TIMER_READ_UNDEF(cntp_cval_el0);
	EXPECT_TIMER_READ_UNDEF(cntp_tval_el0);
	EXPECT_TIMER_READ_UNDEF(cnthp_ctl_el2);
	EXPECT_TIMER_READ_UNDEF(cnthp_cval_el2);
	site = MSR_AT_SITE(cntp_cval_el0, 1);
	EXPECT_UNDEFINED_AT(site);
	site = MSR_AT_SITE(cntp_ctl_el0, 1);
	EXPECT_UNDEFINED_AT(site);
	site = MSR_AT_SITE(cnthp_ctl_el2, 1);
	EXPECT_UNDEFINED_AT(site);
	still_running();
}

TEST(trap_virtual_timer_is_the_guests)
{
	uint64_t first;
	uint64_t second;

	vectors_install();
	first = read_sysreg(cntvct_el0);
	__asm__ volatile("msr cntv_cval_el0, %0\n\tmsr cntv_ctl_el0, %1\n\tisb"
			 :
			 : "r"(first + 1000000), "r"(2UL) /* IMASK, not enabled */
			 : "memory");
	second = read_sysreg(cntvct_el0);
	vectors_restore();
	EXPECT_EQ(trap_count, 0);
	EXPECT_TRUE(second > first);
	EXPECT_EQ(read_sysreg(cntv_cval_el0), first + 1000000);
	EXPECT_EQ(read_sysreg(cntv_ctl_el0) & 3, 2);
}

TEST(trap_upcall_from_el1)
{
	struct vcpu_info *vcpu = vcpu_info_or_stop();
	long version = HYPERVISOR_xen_version(XENVER_version, NULL);
	uint64_t site = 0;

	raise_ipi(vcpu);
	vectors_install();
	irq_unmask();
	vcpu->evtchn_upcall_mask = 0;
	EXPECT_EQ(hypercall_at(&site), version);
	irq_mask();
	vectors_restore();
	EXPECT_EQ(trap_count, 1);
	EXPECT_EQ(trap_vector, VECTOR_IRQ_CURRENT_SPX);
	EXPECT_EQ(trap_elr, site);
	EXPECT_EQ(trap_spsr & PSR_MODE_MASK, PSR_MODE_EL1H);
	EXPECT_EQ(trap_spsr & PSR_I, 0);
	EXPECT_EQ(vcpu->evtchn_upcall_mask, 1);
	EXPECT_EQ(vcpu->evtchn_upcall_pending, 1);
}

TEST(trap_upcall_waits_for_pstate_i)
{
	struct vcpu_info *vcpu = vcpu_info_or_stop();
	long version = HYPERVISOR_xen_version(XENVER_version, NULL);
	uint64_t site = 0;

	raise_ipi(vcpu);
	vectors_install();
	vcpu->evtchn_upcall_mask = 0;
	/* PSTATE.I is set (the guest starts with DAIF masked): the upcall waits. */
	EXPECT_EQ(hypercall_at(&site), version);
	EXPECT_EQ(trap_count, 0);
	EXPECT_EQ(vcpu->evtchn_upcall_mask, 0);
	irq_unmask();
	EXPECT_EQ(hypercall_at(&site), version);
	irq_mask();
	vectors_restore();
	EXPECT_EQ(trap_count, 1);
	EXPECT_EQ(trap_vector, VECTOR_IRQ_CURRENT_SPX);
	EXPECT_EQ(trap_elr, site);
	EXPECT_EQ(vcpu->evtchn_upcall_mask, 1);
}

static long nothing(long value)
{
	return value;
}

TEST(trap_upcall_from_el0)
{
	struct vcpu_info *vcpu = vcpu_info_or_stop();
	struct user_result result;
	evtchn_port_t port;
	long vector;

	/* The user runner makes the image's text EL0-executable, el0_wfi_loop included. */
	user_run(nothing, 1, &result);
	EXPECT_EQ(result.value, 1);
	port = bind_timer(vcpu);
	trap_elr = trap_spsr = ~0UL;
	/* Unmasked in vcpu_info; PSTATE.I keeps the upcall away from EL1 until EL0 runs. */
	vcpu->evtchn_upcall_mask = 0;
	EXPECT_EQ(HYPERVISOR_set_timer_op(clock_system_ns() + EL0_TIMER_NS), 0);
	/*
	 * EL0 waits in WFI: the timer wakes it (or, had it fired already, the WFI returns at
	 * once) and the upcall comes in at the IRQ vector from EL0, after the WFI.
	 */
	vector = el0_run_until_irq();
	EXPECT_EQ(vector, VECTOR_IRQ_LOWER_A64);
	EXPECT_EQ(trap_elr, (uint64_t)el0_wfi_loop + 4);
	EXPECT_EQ(trap_spsr & PSR_MODE_MASK, PSR_MODE_EL0T);
	EXPECT_EQ(trap_spsr & PSR_I, 0);
	EXPECT_EQ(vcpu->evtchn_upcall_mask, 1);
	EXPECT_TRUE(evtchn_port_pending(port));
}

/* ---- path lengths: exact under -icount shift=0 (1 ns per instruction), else timings ---- */

#define COST_RUNS 16U
#define COST_SPIN 400000UL	       /* iterations of a 2-instruction loop: 0.8 ms under icount */
#define COST_TIMER_NS (50 * NS_PER_US) /* fires inside the spin */
#define COST_HYPERCALLS 1000U

extern char upcall_eret_vectors[];

static uint64_t counter_ns(uint64_t ticks)
{
	return ticks * NS_PER_SEC / read_sysreg(cntfrq_el0);
}

/* Ticks of the virtual counter across a spin of iterations. */
static uint64_t spin_ticks(uint64_t iterations)
{
	uint64_t start;
	uint64_t end;

	__asm__ volatile("isb\n\tmrs %0, cntvct_el0\n"
			 "1:\tsubs %2, %2, #1\n\tb.ne 1b\n\t"
			 "isb\n\tmrs %1, cntvct_el0"
			 : "=&r"(start), "=&r"(end), "+r"(iterations)
			 :
			 : "cc", "memory");
	return end - start;
}

TEST(trap_timer_interrupt_cost)
{
	struct vcpu_info *vcpu = vcpu_info_or_stop();
	uint64_t quiet = ~0ULL;
	uint64_t extra = 0;
	unsigned int counted = 0;
	evtchn_port_t port;

	port = bind_timer(vcpu);
	for (unsigned int i = 0; i < COST_RUNS; i++) {
		uint64_t ticks = spin_ticks(COST_SPIN);

		quiet = ticks < quiet ? ticks : quiet;
	}
	for (unsigned int i = 0; i < COST_RUNS; i++) {
		uint64_t ticks;

		evtchn_clear_port(port);
		EXPECT_EQ(HYPERVISOR_set_timer_op(clock_system_ns() + COST_TIMER_NS), 0);
		ticks = spin_ticks(COST_SPIN);
		/* Without -icount a busy host may deliver it after the spin: not counted. */
		if (evtchn_port_pending(port) && ticks >= quiet) {
			extra += ticks - quiet;
			counted++;
		}
		while (!evtchn_port_pending(port)) {
		}
	}
	EXPECT_TRUE(counted > 0);
	printf("RINGO-COST: timer_interrupt %lu ns over %u runs (instructions under -icount "
	       "shift=0)\n",
	       (unsigned long)(counter_ns(extra) / (counted ? counted : 1)), counted);
}

/* count hypercalls, each preceded by clearing evtchn_upcall_mask; ticks of the loop. */
static uint64_t unmask_hypercall_ticks(struct vcpu_info *vcpu, unsigned int count)
{
	uint64_t start = 0;
	uint64_t end = 0;

	__asm__ volatile("isb\n\tmrs %[start], cntvct_el0\n"
			 "1:\tstrb wzr, [%[mask]]\n\t"
			 "mov x16, %[number]\n\tmov x0, %[version]\n\thvc #0xea1\n\t"
			 "subs %w[count], %w[count], #1\n\tb.ne 1b\n\t"
			 "isb\n\tmrs %[end], cntvct_el0"
			 : [start] "=&r"(start), [end] "=&r"(end), [count] "+r"(count)
			 : [mask] "r"(&vcpu->evtchn_upcall_mask),
			   [number] "i"(__HYPERVISOR_xen_version), [version] "i"(XENVER_version)
			 : "x0", "x16", "cc", "memory");
	return end - start;
}

/*
 * The fewest ticks over COST_ROUNDS runs of unmask_hypercall_ticks: this test runs without
 * -icount, so the counter is the host's time, and a run the host preempted is slow; the
 * fastest run is the one it left alone.
 */
#define COST_ROUNDS 7U
static uint64_t fewest_hypercall_ticks(struct vcpu_info *vcpu)
{
	uint64_t fewest = UINT64_MAX;

	for (unsigned int i = 0; i < COST_ROUNDS; i++) {
		uint64_t ticks = unmask_hypercall_ticks(vcpu, COST_HYPERCALLS);

		fewest = ticks < fewest ? ticks : fewest;
	}
	return fewest;
}

TEST(trap_upcall_cost)
{
	struct vcpu_info *vcpu = vcpu_info_or_stop();
	uint64_t saved_vbar = read_sysreg(vbar_el1);
	uint64_t plain;
	uint64_t upcalls;

	vcpu->evtchn_upcall_mask = 1;
	vcpu->evtchn_upcall_pending = 0;
	__asm__ volatile("msr vbar_el1, %0\n\tisb" : : "r"(upcall_eret_vectors) : "memory");
	irq_unmask();
	plain = fewest_hypercall_ticks(vcpu);
	/* Pending stays set: every hypercall now returns through the upcall. */
	vcpu->evtchn_upcall_pending = 1;
	upcalls = fewest_hypercall_ticks(vcpu);
	irq_mask();
	__asm__ volatile("msr vbar_el1, %0\n\tisb" : : "r"(saved_vbar) : "memory");
	EXPECT_EQ(vcpu->evtchn_upcall_mask, 1);
	EXPECT_TRUE(upcalls > plain);
	printf("RINGO-COST: upcall %lu ns per hypercall return that delivers one, beyond the "
	       "plain return (instructions under -icount shift=0)\n",
	       (unsigned long)(counter_ns(upcalls - plain) / COST_HYPERCALLS));
}
