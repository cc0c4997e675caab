/*
 * traps.c (x86): what happens after an entry stub: hypercalls, guest faults, hypervisor
 * faults.
 *
 * A trap from a guest arrives with the vCPU's registers complete where they belong (the
 * frame at the top of the entry stack, cpu_state.c), and is counted (ringo_debug's entry
 * counter). Hypercalls have an entry of their own (hypercall.c). An exception goes to the
 * guest's own handler (bounce.c), after the hypervisor had its say on the few it handles
 * itself: #GP from an `int n` the guest's trap table allows is that vector's software
 * interrupt, and from ring 1 may be a privileged instruction a PV kernel is allowed
 * (emulate.c); #UD may be the forced CPUID prefix (cpuid.c); #NM may be the lazy FPU
 * switch (fpu.c); #PF may be a kernel's write to its page tables, which writable page
 * tables emulate (ptwr.c), else records the fault address; it has a way of its own from entry.S
 * (x86_guest_page_fault), whose common bounce is inline (plat/bounce_fault.h). An
 * exception the guest has no handler for crashes the domain alone, naming the fault and,
 * for a #GP, the privileged instruction. The local APIC timer's interrupt goes to the
 * scheduler (irq.c); a stray interrupt is ignored. The way back
 * (x86_resume) returns straight to the guest when it is still the one to run and nothing
 * a full entry checks changed, else it goes through the scheduler, which switches away
 * from a vCPU that is no longer runnable; either way a due event upcall is delivered
 * first.
 *
 * An instruction the hypervisor performs for the guest single-steps as the CPU's own: with
 * the trap flag set, the guest gets its #DB right after it (emulated()).
 *
 * An exception in ring 0 is a hypervisor bug (guest memory is read by walking its tables,
 * never by touching it), and panics, with one exception: the way out to a guest loads
 * the guest's selectors (entry.S), and a guest may have made them invalid; such a fault
 * is the guest's, and goes to its failsafe callback.
 */
#include "arch/guest_access.h"
#include "arch/vcpu.h"
#include "check.h"
#include "lib.h"
#include "plat/bounce_fault.h"
#include "plat/cpu.h"
#include "plat/cpu_state.h"
#include "plat/guest_window.h"
#include "plat/layout.h"
#include "plat/timer.h"
#include "plat/traps.h"
#include "public/errno.h"
#include "sched.h"

/* #GP error code: the fault was on an IDT gate (bit 1), raised by an external event (bit 0). */
#define GP_ERROR_EXTERNAL 0x1
#define GP_ERROR_IDT 0x2

static const char *const exception_names[X86_EXCEPTION_VECTORS] = {
    [0] = "#DE divide error",
    [1] = "#DB debug exception",
    [2] = "NMI",
    [3] = "#BP breakpoint",
    [4] = "#OF overflow",
    [5] = "#BR bound range exceeded",
    [6] = "#UD invalid opcode",
    [7] = "#NM device not available",
    [8] = "#DF double fault",
    [9] = "coprocessor segment overrun",
    [10] = "#TS invalid TSS",
    [11] = "#NP segment not present",
    [12] = "#SS stack-segment fault",
    [13] = "#GP general protection fault",
    [14] = "#PF page fault",
    [16] = "#MF x87 floating-point error",
    [17] = "#AC alignment check",
    [18] = "#MC machine check",
    [19] = "#XM SIMD floating-point exception",
    [20] = "#VE virtualization exception",
    [21] = "#CP control protection exception",
};

static const char *exception_name(uint32_t vector)
{
	if (vector < X86_EXCEPTION_VECTORS && exception_names[vector]) {
		return exception_names[vector];
	}
	return "reserved exception";
}

static bool is_exception(uint32_t vector)
{
	return vector < X86_EXCEPTION_VECTORS && vector != X86_VECTOR_NMI;
}

/* The vectors for which the CPU pushes an error code: 8, 10-14, 17, 21, 29, 30. */
#define ERROR_CODE_VECTORS 0x60227d00U

static bool has_error_code(uint32_t vector)
{
	return vector < X86_EXCEPTION_VECTORS && (ERROR_CODE_VECTORS >> vector) & 1;
}

size_t x86_fetch_insn(const struct vcpu *v, uint8_t *code)
{
	gvaddr_t eip = gvaddr(v->arch.regs->eip);
	size_t len = X86_INSN_MAX;
	const uint8_t *window = x86_guest_window((uint32_t)maddr_value(v->arch.cr3),
						 gvaddr_value(eip), len, X86_ACCESS_FETCH);

	if (window) {
		/* The common case: the longest instruction in one page, its translation kept. */
		__builtin_memcpy(code, window, X86_INSN_MAX); /* a few moves */
		return len;
	}

	/* Near the top of the guest's range, fetch only what lies below the hole. */
	while (len && !arch_guest_range_ok(eip, len)) {
		len--;
	}
	return len - arch_copy_from_guest(code, eip, len);
}

/* Names the privileged instruction at the guest's eip, read through its page tables. */
static void describe_guest_insn(const struct vcpu *v, char *out, size_t out_size)
{
	uint8_t code[X86_INSN_MAX];

	insn_describe_privileged(code, x86_fetch_insn(v, code), out, out_size);
}

static __attribute__((noinline, cold)) void crash_unhandled(struct vcpu *v)
{
	const struct x86_regs *regs = v->arch.regs;
	char insn[40] = "";

	if (regs->vector == X86_VECTOR_PF) {
		domain_crash(v->domain,
			     "%s at eip 0x%08x in ring %u, error 0x%x, cr2 0x%08x "
			     "(no guest trap handler)",
			     exception_name(regs->vector), regs->eip, x86_regs_ring(regs),
			     regs->error_code, v->arch.cr2);
		return;
	}
	if (regs->vector == X86_VECTOR_GP) {
		describe_guest_insn(v, insn, sizeof(insn));
	}
	domain_crash(v->domain,
		     "%s at eip 0x%08x in ring %u, error 0x%x%s%s (no guest trap handler)",
		     exception_name(regs->vector), regs->eip, x86_regs_ring(regs), regs->error_code,
		     insn[0] ? ": privileged instruction " : "", insn);
}

/* The exception in v's saved frame, to the guest's handler or, without one, a crash. */
static void deliver_exception(struct vcpu *v)
{
	const struct x86_regs *regs = v->arch.regs;
	uint32_t error_code = regs->error_code;

	if (x86_bounce_trap(v, regs->vector, has_error_code(regs->vector) ? &error_code : NULL) ==
	    -ENOENT) {
		crash_unhandled(v);
	}
}

/*
 * `int n` of a vector whose hardware gate the caller's ring may not use: a #GP with the
 * IDT bit and n in the error code. When the guest's trap table lets this ring raise n,
 * it is n's software interrupt: the handler returns past the 2-byte instruction.
 */
static bool software_interrupt(struct vcpu *v)
{
	struct x86_regs *regs = v->arch.regs;
	unsigned int vector = (regs->error_code >> 3) & 0xff;
	const struct x86_trap_entry *entry = &v->arch.traps[vector];

	if ((regs->error_code & (GP_ERROR_IDT | GP_ERROR_EXTERNAL)) != GP_ERROR_IDT ||
	    !entry->eip || (entry->flags & TI_DPL_MASK) < x86_regs_ring(regs)) {
		return false;
	}
	regs->eip += 2;
	x86_bounce_trap(v, vector, NULL);
	return true;
}

/*
 * After an instruction the hypervisor performed for the guest (emulate.c, cpuid.c,
 * ptwr.c): with the trap flag set, the single-step #DB the CPU would have raised after it,
 * as Xen does. Always true: the instruction is done either way.
 */
static bool emulated(struct vcpu *v)
{
	struct x86_regs *regs = v->arch.regs;

	if (regs->eflags & X86_EFLAGS_TF) {
		regs->vector = X86_VECTOR_DB;
		regs->error_code = 0;
		deliver_exception(v);
	}
	return true;
}

static void general_protection(struct vcpu *v)
{
	if (software_interrupt(v)) {
		return;
	}
	if (v->arch.regs->error_code == 0 && x86_emulate_privileged(v) && emulated(v)) {
		return;
	}
	deliver_exception(v);
}

static void guest_exception(struct vcpu *v)
{
	switch (v->arch.regs->vector) {
	case X86_VECTOR_GP:
		general_protection(v);
		return;
	case X86_VECTOR_UD:
		if (x86_emulate_forced_cpuid(v) && emulated(v)) {
			return;
		}
		break;
	case X86_VECTOR_NM:
		if (fpu_device_not_available(v)) {
			return;
		}
		break;
	default:
		break;
	}
	deliver_exception(v);
}

/*
 * A write from ring 1 through a present mapping: perhaps to a page table, which writable
 * page tables emulate (ptwr.c). A fault from ring 3, the common one, is told apart by one
 * test of the error code.
 */
static inline __attribute__((always_inline)) bool page_table_write(struct vcpu *v,
								   const struct x86_regs *frame,
								   uint32_t cr2)
{
	return !(frame->error_code & X86_PF_USER) &&
	       (frame->error_code & (X86_PF_PRESENT | X86_PF_WRITE)) ==
		   (X86_PF_PRESENT | X86_PF_WRITE) &&
	       x86_regs_ring(frame) == 1 && x86_ptwr_fault(v, cr2) && emulated(v);
}

/*
 * #PF: a page-table write emulated, or the fault address to the vCPU's virtual CR2 (and
 * vcpu_info), then its handler.
 */
static inline __attribute__((always_inline)) void page_fault(struct vcpu *v,
							     const struct x86_regs *frame)
{
	uint32_t cr2 = x86_read_cr2();

	if (__builtin_expect(page_table_write(v, frame, cr2), 0)) {
		return;
	}
	v->arch.cr2 = cr2;
	v->arch.vcpu_info->arch.cr2 = cr2; /* v->arch.vcpu_info: set when v entered */
	if (!x86_bounce_fault_direct(v, X86_VECTOR_PF) &&
	    x86_bounce_trap(v, X86_VECTOR_PF, &frame->error_code) == -ENOENT) {
		crash_unhandled(v);
	}
}

/* What every trap from a guest does first; returns the loaded vCPU. */
static inline struct vcpu *guest_entered(struct x86_regs *frame)
{
	struct vcpu *v = cpu_state_loaded;

	/* Only the loaded vCPU runs, and its registers are where its trap put them. */
	CHECK(v && v->arch.regs == frame);
	/* Also says the guest ran: a failsafe bounce made before reached it (bounce.c). */
	v->hypervisor_entries++;
	return v;
}

struct vcpu *x86_guest_page_fault(struct x86_regs *frame)
{
	struct vcpu *v = guest_entered(frame);

	page_fault(v, frame);
	return v;
}

uint32_t x86_guest_trap(struct x86_regs *frame)
{
	struct vcpu *v = guest_entered(frame);

	if (frame->vector == X86_VECTOR_PF) {
		page_fault(v, frame); /* vector 14 has its own way (entry.S); kept whole here */
	} else if (is_exception(frame->vector)) {
		guest_exception(v);
	} else if (frame->vector == X86_TIMER_VECTOR) {
		x86_timer_interrupt();
	}
	/* Anything else is a stray interrupt: the PICs are masked, the APIC's spurious vector. */
	return x86_resume(v);
}

static bool is_exit_fault(const struct x86_regs *frame)
{
	uintptr_t eip = frame->eip;

	return (eip >= (uintptr_t)x86_exit_segments && eip < (uintptr_t)x86_exit_segments_end) ||
	       eip == (uintptr_t)x86_exit_iret;
}

/*
 * The iret of the way out faulted, with every register but eip..ss popped from the guest's
 * frame: the fault's own frame, which holds them all, went over the popped part (entry.S).
 * Puts them back, so that the guest's frame is whole again.
 */
static void guest_frame_repair(const struct x86_regs *fault, uint32_t vector, uint32_t error_code)
{
	memmove(&x86_guest_frame, fault, offsetof(struct x86_regs, vector));
	x86_guest_frame.vector = vector;
	x86_guest_frame.error_code = error_code;
}

/*
 * The return to the guest faulted on one of its selectors: its failsafe callback. The
 * fault's vector and error code are read first: repairing the guest's frame may write
 * over the fault's frame, which overlaps it.
 */
static noreturn void guest_exit_fault(const struct x86_regs *frame)
{
	struct vcpu *v = sched_current();
	uint32_t vector = frame->vector;
	uint32_t error_code = frame->error_code;
	char why[64];

	CHECK(v && v->arch.regs == &x86_guest_frame);
	if (frame->eip == (uintptr_t)x86_exit_iret) {
		guest_frame_repair(frame, vector, error_code);
	}
	snprintf(why, sizeof(why), "%s (error 0x%x) returning to the guest", exception_name(vector),
		 error_code);
	x86_bounce_failsafe(v, why);
	sched_check_current();
	arch_vcpu_run(sched_current());
}

/* True when eip is one of the hypercall entry's peeks (plat/traps.h). */
static bool is_peek(uint32_t eip)
{
	for (const uint32_t *peek = x86_peeks_start; peek != x86_peeks_end; peek++) {
		if (*peek == eip) {
			return true;
		}
	}
	return false;
}

void x86_hypervisor_trap(struct x86_regs *frame)
{
	if (frame->vector == X86_TIMER_VECTOR) {
		/*
		 * In arch_idle, the one place interrupts are enabled. It returns to its caller
		 * with them off after this one, so the scheduler decides before any other
		 * interrupt (one the handler re-armed for a deadline already past would
		 * otherwise arrive at once, again and again, and the idle loop never run).
		 */
		x86_timer_interrupt();
		frame->eflags &= ~X86_EFLAGS_IF;
		return;
	}
	if (!is_exception(frame->vector)) {
		return; /* a stray interrupt or NMI */
	}
	if (is_exit_fault(frame)) {
		guest_exit_fault(frame);
	}
	if (frame->vector == X86_VECTOR_PF && is_peek(frame->eip)) {
		frame->eip = (uintptr_t)x86_hypercall_table_call;
		return;
	}
	panic("hypervisor %s at eip 0x%08x, error 0x%x, cr2 0x%08x, esp 0x%08x",
	      exception_name(frame->vector), frame->eip, frame->error_code, x86_read_cr2(),
	      (uint32_t)(uintptr_t)(&frame->esp));
}
