/*
 * inject.c: reflecting an exception into the guest's own EL1 vectors.
 *
 * When Ringo refuses an instruction (an HVC that is not a hypercall, an SMC that is not
 * PSCI, a forbidden system register write), the guest sees what the hardware would show
 * for an undefined instruction: ESR_EL1 with EC 0 and IL set, ELR_EL1 at the instruction,
 * SPSR_EL1 holding its PSTATE, and execution at VBAR_EL1 plus the offset for where it came
 * from, in EL1h with DAIF masked. An emulated instruction that faults (a trapped data-cache
 * operation on an address the guest cannot reach) becomes the data abort the hardware
 * would have raised, with FAR_EL1. The guest's EL1 registers are live in the CPU while it
 * traps, so they are written directly. The event upcall (event.c) is an IRQ exception
 * built the same way, at the IRQ entry of the same vector group, without a syndrome.
 */
#include "plat/esr.h"
#include "plat/sysreg.h"
#include "plat/traps.h"

#define VECTOR_CURRENT_SP0 0x000
#define VECTOR_CURRENT_SPX 0x200
#define VECTOR_LOWER_A64 0x400
#define VECTOR_LOWER_A32 0x600
#define VECTOR_IRQ 0x080 /* the IRQ entry within each group (synchronous at 0) */

static uint64_t vector_offset(uint64_t spsr)
{
	if (spsr & PSR_MODE_AARCH32) {
		return VECTOR_LOWER_A32;
	}
	switch (spsr & PSR_MODE_MASK) {
	case PSR_MODE_EL1T:
		return VECTOR_CURRENT_SP0;
	case PSR_MODE_EL1H:
		return VECTOR_CURRENT_SPX;
	default:
		return VECTOR_LOWER_A64;
	}
}

static bool from_el0(const struct guest_regs *regs)
{
	return !(regs->spsr & PSR_MODE_AARCH32) && (regs->spsr & PSR_MODE_MASK) == PSR_MODE_EL0T;
}

static void reflect(struct guest_regs *regs, uint64_t pc, uint64_t esr)
{
	write_sysreg(esr_el1, esr);
	write_sysreg(elr_el1, pc);
	write_sysreg(spsr_el1, regs->spsr);
	regs->elr = read_sysreg(vbar_el1) + vector_offset(regs->spsr);
	regs->spsr = PSR_MODE_EL1H | PSR_DAIF;
}

void inject_undef(struct guest_regs *regs, uint64_t pc)
{
	reflect(regs, pc, ((uint64_t)EC_UNKNOWN << ESR_EC_SHIFT) | ESR_IL);
}

void inject_data_abort(struct guest_regs *regs, uint64_t pc, uint64_t far, uint64_t iss)
{
	uint64_t class = from_el0(regs) ? EC_DABT_LOWER : EC_DABT_CURRENT;

	write_sysreg(far_el1, far);
	reflect(regs, pc, (class << ESR_EC_SHIFT) | ESR_IL | (iss & ESR_ISS_MASK));
}

void inject_irq(struct guest_regs *regs)
{
	write_sysreg(elr_el1, regs->elr);
	write_sysreg(spsr_el1, regs->spsr);
	regs->elr = read_sysreg(vbar_el1) + vector_offset(regs->spsr) + VECTOR_IRQ;
	regs->spsr = PSR_MODE_EL1H | PSR_DAIF;
}
