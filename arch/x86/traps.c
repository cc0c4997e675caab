/*
 * traps.c (x86): what happens after an entry stub: hypercalls, guest faults, hypervisor
 * faults.
 *
 * A trap from a guest is saved into its vCPU first, so the vCPU's state is complete
 * whatever follows. Then: the hypercall vector runs the hypercall; an exception crashes the
 * domain alone, naming the fault and, for a #GP, the privileged instruction (no guest has a
 * trap table yet, so there is nowhere to bounce it); a stray interrupt is ignored. The way
 * back goes through sched_check_current(), which switches away from a vCPU that is no
 * longer runnable. An exception in ring 0 is a hypervisor bug (guest memory is read by
 * walking its tables, never by touching it), and panics.
 */
#include "arch/guest_access.h"
#include "arch/vcpu.h"
#include "check.h"
#include "lib.h"
#include "plat/cpu.h"
#include "plat/layout.h"
#include "plat/traps.h"
#include "sched.h"

#define VECTOR_NMI 2
#define VECTOR_GP 13
#define VECTOR_PF 14
#define EXCEPTION_VECTORS 32
#define INSN_MAX 15

static const char *const exception_names[EXCEPTION_VECTORS] = {
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
	if (vector < EXCEPTION_VECTORS && exception_names[vector]) {
		return exception_names[vector];
	}
	return "reserved exception";
}

static bool is_exception(uint32_t vector)
{
	return vector < EXCEPTION_VECTORS && vector != VECTOR_NMI;
}

/* Names the privileged instruction at the guest's eip, read through its page tables. */
static void describe_guest_insn(const struct x86_regs *regs, char *out, size_t out_size)
{
	uint8_t code[INSN_MAX];
	gvaddr_t eip = gvaddr(regs->eip);
	size_t len = sizeof(code);

	out[0] = '\0';
	if (!arch_guest_range_ok(eip, len)) {
		return;
	}
	len -= arch_copy_from_guest(code, eip, len);
	insn_describe_privileged(code, len, out, out_size);
}

static void guest_exception(struct vcpu *v)
{
	const struct x86_regs *regs = &v->arch.regs;
	char insn[40];

	if (regs->vector == VECTOR_PF) {
		domain_crash(v->domain,
			     "%s at eip 0x%08x in ring %u, error 0x%x, cr2 0x%08x "
			     "(no guest trap handler)",
			     exception_name(regs->vector), regs->eip, x86_regs_ring(regs),
			     regs->error_code, x86_read_cr2());
		return;
	}
	describe_guest_insn(regs, insn, sizeof(insn));
	domain_crash(v->domain,
		     "%s at eip 0x%08x in ring %u, error 0x%x%s%s (no guest trap handler)",
		     exception_name(regs->vector), regs->eip, x86_regs_ring(regs), regs->error_code,
		     insn[0] ? ": privileged instruction " : "", insn);
}

static noreturn void guest_trap(const struct x86_regs *frame)
{
	struct vcpu *v = sched_current();

	CHECK(v);
	v->hypervisor_entries++;
	v->arch.regs = *frame;
	if (frame->vector == X86_HYPERCALL_VECTOR && x86_regs_ring(frame) == 1) {
		hypercall_from_guest(v);
	} else if (is_exception(frame->vector)) {
		guest_exception(v);
	}
	/* Anything else is a stray interrupt: the PICs are masked and nothing is routed. */
	sched_check_current();
	arch_vcpu_run(sched_current());
}

static void hypervisor_trap(const struct x86_regs *frame)
{
	if (!is_exception(frame->vector)) {
		return; /* a stray interrupt or NMI: nothing is routed to the hypervisor yet */
	}
	panic("hypervisor %s at eip 0x%08x, error 0x%x, cr2 0x%08x, esp 0x%08x",
	      exception_name(frame->vector), frame->eip, frame->error_code, x86_read_cr2(),
	      (uint32_t)(uintptr_t)(&frame->esp));
}

void x86_trap(struct x86_regs *frame)
{
	if (x86_regs_ring(frame) == 0) {
		hypervisor_trap(frame);
		return;
	}
	guest_trap(frame);
}
