/*
 * irq_x86.c: the x86 event upcall and timer interrupt as a guest sees them (ABI.md
 * section 4; arch/x86/event.c, irq.c).
 *
 * The event callback here (upcall_entry, x86/irq_helpers.S) records its bounce frame and
 * the event mask it found, and returns with the iret hypercall. An upcall is made due
 * without any event channel by raising evtchn_upcall_pending by hand, the way a Xen
 * kernel forces a callback: the next return from the hypervisor delivers it once events
 * are unmasked. The timer cases bind VIRQ_TIMER and spin without a hypercall, so only the
 * timer interrupt can bring the upcall. The timer's vector (0xf0) is the hypervisor's
 * alone: `int $0xf0` from ring 1 or 3 is a #GP, and a trap-table entry for it only makes
 * it the guest's own software interrupt.
 */
#include "clock.h"
#include "events.h"
#include "lib.h"
#include "schedule.h"
#include "test.h"
#include "user.h"
#include "x86/hypercalls.h"
#include "x86/jump.h"
#include "x86/traps.h"

#define TIMER_VECTOR 0xf0
#define GP_IDT 0x2
#define EFLAGS_IF 0x200
#define SPIN_LIMIT 100000000U
/* upcall_entry's instructions up to its iret hypercall's int $0x82, when not re-raising. */
#define UPCALL_ENTRY_INSTRUCTIONS 26U

/* Shared with irq_helpers.S. */
void upcall_entry(void);
void irq_failsafe_entry(void);
void null_hypercall(void);
noreturn void hypercall_on_stack(uint32_t esp);
void int_timer_vector(void);
uint32_t tsc_largest_gap(uint32_t iterations);
uint32_t iret_round_trip(void);
extern char null_hypercall_next[], hypercall_on_stack_next[], int_timer_site[];
extern char int_timer_next[];
struct vcpu_info *upcall_vcpu_info;
volatile uint32_t upcall_frame[5];
volatile uint32_t upcall_esp;
volatile uint32_t upcall_mask_on_entry;
volatile uint32_t upcall_count;
volatile uint32_t upcall_reraise;

static struct jump_buffer failsafe_jump;
static uint32_t failsafe_frame[9];

noreturn void irq_failsafe_seen(uint32_t *frame);

noreturn void irq_failsafe_seen(uint32_t *frame)
{
	memcpy(failsafe_frame, frame, sizeof(failsafe_frame));
	jump_to(&failsafe_jump, 1);
}

static struct vcpu_info *vcpu_info(void)
{
	return &guest_shared_info()->vcpu_info[0];
}

/* Events masked, nothing pending, upcall_entry as the event callback. */
static void upcall_setup(unsigned long failsafe)
{
	upcall_vcpu_info = vcpu_info();
	vcpu_info()->evtchn_upcall_mask = 1;
	vcpu_info()->evtchn_upcall_pending = 0;
	upcall_count = 0;
	upcall_reraise = 0;
	EXPECT_EQ(HYPERVISOR_set_callbacks(FLAT_RING1_CS, (unsigned long)upcall_entry,
					   FLAT_RING1_CS, failsafe),
		  0);
}

/* Registers a callback through callback_op (which, unlike set_callbacks, takes flags). */
static long callback_register(uint16_t type, void (*entry)(void), uint16_t flags)
{
	struct callback_register request = {
	    .type = type, .flags = flags, .cs = FLAT_RING1_CS, .eip = (uint32_t)(uintptr_t)entry};

	return HYPERVISOR_callback_op(CALLBACKOP_register, &request);
}

/* VIRQ_TIMER bound to a port left unmasked in shared_info: the timer raises the upcall. */
static void timer_virq_bind(void)
{
	evtchn_port_t port;

	EXPECT_EQ(evtchn_bind_virq(VIRQ_TIMER, 0, &port), 0);
	EXPECT_EQ(evtchn_unmask(port), 0);
}

static bool spin_until_upcall(uint32_t count)
{
	for (uint32_t spins = 0; spins < SPIN_LIMIT; spins++) {
		if (upcall_count >= count) {
			return true;
		}
		__asm__ volatile("pause");
	}
	return false;
}

TEST(irq_upcall_masked_on_entry)
{
	upcall_setup(0);
	traps_init();
	vcpu_info()->evtchn_upcall_pending = 1;
	null_hypercall(); /* masked: nothing is delivered */
	EXPECT_EQ(upcall_count, 0);
	vcpu_info()->evtchn_upcall_mask = 0;
	null_hypercall(); /* its return takes the upcall */
	EXPECT_EQ(upcall_count, 1);
	EXPECT_EQ(upcall_mask_on_entry, 1); /* events masked in the callback */
	EXPECT_EQ(upcall_frame[0], (uint32_t)(uintptr_t)null_hypercall_next);
	EXPECT_EQ(upcall_frame[1] & 0xffff, FLAT_RING1_CS);
	EXPECT_EQ(upcall_frame[1] >> 16, 0);	       /* the mask before: clear */
	EXPECT_TRUE(upcall_frame[2] & EFLAGS_IF);      /* virtual IF = !mask */
	EXPECT_EQ(vcpu_info()->evtchn_upcall_mask, 0); /* the iret restored it */
	EXPECT_EQ(vcpu_info()->evtchn_upcall_pending, 0);
}

TEST(irq_upcall_again_after_iret_unmasks)
{
	upcall_setup(0);
	/* The same callback through callback_op: events are masked on entry all the same. */
	EXPECT_EQ(callback_register(CALLBACKTYPE_event, upcall_entry, 0), 0);
	upcall_reraise = 2; /* the callback raises pending twice more before its iret */
	vcpu_info()->evtchn_upcall_pending = 1;
	vcpu_info()->evtchn_upcall_mask = 0;
	null_hypercall();
	EXPECT_EQ(upcall_count, 3);
	EXPECT_EQ(upcall_mask_on_entry, 1);
	EXPECT_EQ(upcall_frame[0], (uint32_t)(uintptr_t)null_hypercall_next);
	EXPECT_EQ(vcpu_info()->evtchn_upcall_pending, 0);
}

TEST(irq_upcall_from_timer_ring1)
{
	long entries;

	upcall_setup(0);
	timer_virq_bind();
	entries = ringo_hypervisor_entries();
	/* Unmasked first: a timer that fired while masked would wait for a hypercall. */
	vcpu_info()->evtchn_upcall_mask = 0;
	EXPECT_EQ(HYPERVISOR_set_timer_op(clock_system_ns() + 2 * NS_PER_MS), 0);
	/* No hypercall while spinning: only the timer interrupt can bring the upcall. */
	EXPECT_TRUE(spin_until_upcall(1));
	vcpu_info()->evtchn_upcall_mask = 1;
	EXPECT_EQ(upcall_frame[1] & 0xffff, FLAT_RING1_CS);
	EXPECT_EQ(upcall_mask_on_entry, 1);
	/* The interrupt was an entry of this vCPU's (besides the hypercalls around it). */
	EXPECT_TRUE(ringo_hypervisor_entries() >= entries + 3);
}

TEST(irq_idle_woken_by_timer)
{
	uint64_t deadline;
	long entries;

	upcall_setup(0);
	timer_virq_bind();
	entries = ringo_hypervisor_entries();
	deadline = clock_system_ns() + 2 * NS_PER_MS;
	EXPECT_EQ(HYPERVISOR_set_timer_op(deadline), 0);
	/* Blocking unmasks events; the only vCPU blocked, the CPU halts until the timer. */
	while (upcall_count == 0) {
		EXPECT_EQ(sched_op_block(), 0);
	}
	EXPECT_TRUE(clock_system_ns() >= deadline);
	/*
	 * It slept rather than spun: a handful of entries (set_timer_op, one or two blocks,
	 * the callback's iret, a scheduler tick, this call), not one per loop.
	 */
	EXPECT_TRUE(ringo_hypervisor_entries() - entries <= 8);
	vcpu_info()->evtchn_upcall_mask = 1;
}

static long user_spin_for_upcall(long count)
{
	return spin_until_upcall((uint32_t)count) ? 1 : 0;
}

static long user_return(long value)
{
	return value;
}

TEST(irq_upcall_from_ring3_on_stack_switch_stack)
{
	struct user_result result = {0};

	upcall_setup(0);
	traps_init();
	/* Pending while masked; user_run's iret to ring 3 unmasks: the upcall comes there. */
	vcpu_info()->evtchn_upcall_pending = 1;
	user_run(user_return, 7, &result);
	EXPECT_TRUE(!result.faulted);
	EXPECT_EQ(result.value, 7);
	EXPECT_EQ(upcall_count, 1);
	EXPECT_EQ(upcall_frame[1] & 3, 3);	   /* from ring 3 ... */
	EXPECT_EQ(upcall_frame[4], FLAT_RING3_SS); /* ... with its SS:ESP ... */
	EXPECT_EQ(upcall_esp, trap_kernel_stack_top() - 5 * sizeof(uint32_t)); /* ... there */
	EXPECT_EQ(upcall_mask_on_entry, 1);
}

TEST(irq_upcall_from_timer_ring3)
{
	struct user_result result = {0};

	upcall_setup(0);
	traps_init();
	timer_virq_bind();
	EXPECT_EQ(HYPERVISOR_set_timer_op(clock_system_ns() + 2 * NS_PER_MS), 0);
	user_run(user_spin_for_upcall, 1, &result);
	EXPECT_TRUE(!result.faulted);
	EXPECT_EQ(result.value, 1);
	EXPECT_EQ(upcall_frame[1] & 3, 3);
	EXPECT_EQ(upcall_esp, trap_kernel_stack_top() - 5 * sizeof(uint32_t));
}

TEST(irq_upcall_bad_stack_failsafe)
{
	uint32_t bad_esp = 0x00002000; /* unmapped */

	upcall_setup(0);
	/* Masking on the way in: the event stays pending, and nothing may take it meanwhile. */
	EXPECT_EQ(
	    callback_register(CALLBACKTYPE_failsafe, irq_failsafe_entry, CALLBACKF_mask_events), 0);
	traps_init();
	vcpu_info()->evtchn_upcall_pending = 1;
	vcpu_info()->evtchn_upcall_mask = 0;
	if (!jump_save(&failsafe_jump)) {
		hypercall_on_stack(bad_esp);
	}
	EXPECT_EQ(vcpu_info()->evtchn_upcall_mask, 1);
	EXPECT_EQ(upcall_count, 0);
	/* DS, ES, FS, GS, EIP, CS, EFLAGS, ESP, SS: on the stack_switch stack. */
	EXPECT_EQ(failsafe_frame[4], (uint32_t)(uintptr_t)hypercall_on_stack_next);
	EXPECT_EQ(failsafe_frame[5] & 0xffff, FLAT_RING1_CS);
	EXPECT_EQ(failsafe_frame[7], bad_esp);
}

TEST(irq_upcall_no_callback_crashes_domain)
{
	upcall_setup(0);
	EXPECT_EQ(HYPERVISOR_set_callbacks(FLAT_RING1_CS, 0, FLAT_RING1_CS, 0), 0);
	vcpu_info()->evtchn_upcall_pending = 1;
	vcpu_info()->evtchn_upcall_mask = 0;
	test_expect_crash();
	null_hypercall();
	test_fail(__FILE__, __LINE__, "an upcall without a callback returned");
}

TEST(irq_int_timer_vector_ring1_gp)
{
	struct trap_record trap;

	traps_init();
	EXPECT_TRUE(trap_catch((void (*)(void *))int_timer_vector, NULL, &trap));
	EXPECT_EQ(trap.vector, TRAP_GP);
	EXPECT_EQ(trap.error_code, (TIMER_VECTOR << 3) | GP_IDT);
	EXPECT_EQ(trap.eip, (uint32_t)(uintptr_t)int_timer_site);
}

static long user_int_timer_vector(long unused)
{
	(void)unused;
	int_timer_vector();
	return 0;
}

TEST(irq_int_timer_vector_ring3_gp)
{
	struct user_result result = {0};

	traps_init();
	user_run(user_int_timer_vector, 0, &result);
	EXPECT_TRUE(result.faulted);
	EXPECT_EQ(result.vector, TRAP_GP);
	EXPECT_EQ(result.error_code, (TIMER_VECTOR << 3) | GP_IDT);
	EXPECT_EQ(result.pc, (uint32_t)(uintptr_t)int_timer_site);
}

static struct trap_info timer_vector_entry[2];

TEST(irq_trap_table_timer_vector_harmless)
{
	struct trap_record trap;

	traps_init();
	timer_vector_entry[0] = (struct trap_info){.vector = TIMER_VECTOR,
						   .flags = 3,
						   .cs = FLAT_RING1_CS,
						   .address = trap_stub_address(TRAP_DE)};
	/* Accepted, as on Xen: it only makes `int $0xf0` the guest's software interrupt. */
	EXPECT_EQ(HYPERVISOR_set_trap_table(timer_vector_entry), 0);
	EXPECT_TRUE(trap_catch((void (*)(void *))int_timer_vector, NULL, &trap));
	EXPECT_EQ(trap.vector, TRAP_DE);
	EXPECT_EQ(trap.eip, (uint32_t)(uintptr_t)int_timer_next);
	/* The timer interrupt still goes to the hypervisor: the upcall, not that handler. */
	upcall_setup(0);
	timer_virq_bind();
	/* Unmasked first: a timer that fired while masked would wait for a hypercall. */
	vcpu_info()->evtchn_upcall_mask = 0;
	EXPECT_EQ(HYPERVISOR_set_timer_op(clock_system_ns() + 2 * NS_PER_MS), 0);
	EXPECT_TRUE(spin_until_upcall(1));
	EXPECT_TRUE(spin_until_upcall(1));
	vcpu_info()->evtchn_upcall_mask = 1;
}

/*
 * Path lengths, meaningful under -icount shift=0 (tools/ringo-qemu --icount), where the
 * TSC counts instructions: the upcall is a null hypercall's return that takes it, through
 * the callback and its iret hypercall, less a plain null hypercall; the timer interrupt is
 * the largest gap in a loop reading the TSC while a periodic timer fires.
 */
static uint32_t null_hypercall_ticks(bool with_upcall)
{
	uint64_t start;

	vcpu_info()->evtchn_upcall_mask = 1;
	vcpu_info()->evtchn_upcall_pending = with_upcall;
	vcpu_info()->evtchn_upcall_mask = 0;
	start = clock_counter();
	null_hypercall();
	return (uint32_t)(clock_counter() - start);
}

TEST(irq_path_lengths)
{
	uint32_t plain, upcall, iret, gap;

	upcall_setup(0);
	null_hypercall_ticks(false);
	plain = null_hypercall_ticks(false);
	null_hypercall_ticks(true);
	upcall = null_hypercall_ticks(true);
	vcpu_info()->evtchn_upcall_mask = 1;
	EXPECT_TRUE(upcall > plain);
	iret_round_trip();
	iret = iret_round_trip();
	printf("irq_x86: null hypercall %u, with upcall %u (upcall path %u, of which the "
	       "callback's %u instructions and its iret hypercall %u) TSC ticks\n",
	       (unsigned int)plain, (unsigned int)upcall, (unsigned int)(upcall - plain),
	       UPCALL_ENTRY_INSTRUCTIONS, (unsigned int)iret);
	/* The timer with events masked: the interrupt alone, no upcall. */
	upcall_setup(0);
	timer_virq_bind();
	EXPECT_EQ(HYPERVISOR_set_timer_op(clock_system_ns() + 50 * NS_PER_US), 0);
	gap = tsc_largest_gap(200000);
	printf("irq_x86: timer interrupt gap %u TSC ticks\n", (unsigned int)gap);
}
