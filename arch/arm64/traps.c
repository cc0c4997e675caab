/*
 * traps.c: what happens when the guest, or Ringo itself, takes an exception to EL2.
 *
 * A synchronous trap from the guest is dispatched by its exception class through one table;
 * each class has its own handler (HVC in hvc.c, SMC in smc.c, system registers in
 * sysreg_trap.c, the small ones here). A class Ringo does not expect crashes the domain
 * alone (DESIGN.md "Errors"). Every trap ends with guest_return_check() (irq.c): the
 * scheduler's check, so a vCPU that stopped (sched_op shutdown, crash) or blocked (WFI) is
 * not resumed, then the event upcall if one is due. Physical IRQs have their own entry
 * (irq.c). An exception taken at EL2 itself is a hypervisor bug and panics with the
 * syndrome.
 */
#include "check.h"
#include "plat/esr.h"
#include "plat/irq.h"
#include "plat/sysreg.h"
#include "plat/traps.h"
#include "sched.h"

/* Kinds from vectors.S: sync/irq/fiq/serror, plus where the exception came from. */
#define KIND_TYPE_MASK 3UL
#define KIND_SERROR 3UL
#define KIND_EL2_SPX 4UL
#define KIND_LOWER_A32 8UL
/* ISS of a WFx trap: TI, 0 for WFI, 1 for WFE */
#define WFX_ISS_WFE 1UL

/*
 * WFI (HCR_EL2.TWI) blocks the vCPU until an event is pending for it, as an IRQ would wake
 * the CPU: it resumes after the instruction. WFE is not trapped; one that arrives anyway
 * completes at once, which WFE allows.
 */
static void trap_wfx(struct vcpu *v, struct guest_regs *regs, uint64_t esr)
{
	guest_step(regs);
	if (!(esr_iss(esr) & WFX_ISS_WFE)) {
		sched_block(v);
	}
}

static void trap_fp(struct vcpu *v, struct guest_regs *regs, uint64_t esr)
{
	(void)esr;
	domain_crash(v->domain, "FP/SIMD use at 0x%lx (Ringo keeps no FP state yet)",
		     (unsigned long)regs->elr);
}

static const trap_handler_t trap_table[EC_COUNT] = {
    [EC_WFX] = trap_wfx,       /* WFI (HCR_EL2.TWI) */
    [EC_FP_ASIMD] = trap_fp,   /* FP/SIMD (CPTR_EL2.TFP) */
    [EC_HVC64] = trap_hvc,     /* hypercalls */
    [EC_SMC64] = trap_smc,     /* SMC (HCR_EL2.TSC): PSCI */
    [EC_SYSREG] = trap_sysreg, /* MSR/MRS/SYS (TVM, TSW, MDCR_EL2, ...) */
};

static void trap_unexpected(struct vcpu *v, struct guest_regs *regs, uint64_t esr)
{
	domain_crash(v->domain, "unexpected trap: EC 0x%x ESR_EL2 0x%lx ELR_EL2 0x%lx",
		     esr_class(esr), (unsigned long)esr, (unsigned long)regs->elr);
}

void arch_trap_guest_sync(struct guest_regs *regs)
{
	struct vcpu *v = sched_current();
	uint64_t esr = read_sysreg(esr_el2);
	trap_handler_t handler = trap_table[esr_class(esr)];

	CHECK(v && regs == &v->arch.regs);
	v->hypervisor_entries++;
	(handler ? handler : trap_unexpected)(v, regs, esr);
	guest_return_check(v);
}

void arch_trap_guest_async(struct guest_regs *regs, uint64_t kind)
{
	struct vcpu *v = sched_current();

	CHECK(v && regs == &v->arch.regs);
	v->hypervisor_entries++;
	if (kind & KIND_LOWER_A32) {
		domain_crash(v->domain, "exception from AArch32 (kind %lu)", (unsigned long)kind);
	} else if ((kind & KIND_TYPE_MASK) == KIND_SERROR) {
		domain_crash(v->domain, "SError, ESR_EL2 0x%lx ELR_EL2 0x%lx",
			     (unsigned long)read_sysreg(esr_el2), (unsigned long)regs->elr);
	} else {
		/* IRQs have their own entry (irq.c), and nothing is routed as FIQ. */
		panic("unexpected physical %s while a guest ran", kind == 1 ? "IRQ" : "FIQ");
	}
	guest_return_check(v);
}

noreturn void arch_trap_hypervisor(uint64_t kind)
{
	static const char *const types[] = {"synchronous exception", "IRQ", "FIQ", "SError"};

	panic("%s at EL2 (%s): ESR_EL2 0x%lx ELR_EL2 0x%lx FAR_EL2 0x%lx",
	      types[kind & KIND_TYPE_MASK], kind & KIND_EL2_SPX ? "SP_EL2" : "SP_EL0",
	      (unsigned long)read_sysreg(esr_el2), (unsigned long)read_sysreg(elr_el2),
	      (unsigned long)read_sysreg(far_el2));
}
