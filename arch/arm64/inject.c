/*
 * inject.c: reflecting an exception into the guest's own EL1 vectors.
 *
 * When Ringo refuses an instruction (an HVC that is not a hypercall, an SMC that is not
 * PSCI, a forbidden system register write), the guest sees what the hardware would show
 * for an undefined instruction: ESR_EL1 with EC 0 and IL set, ELR_EL1 at the instruction,
 * SPSR_EL1 holding its PSTATE, and execution at VBAR_EL1 plus the offset for where it came
 * from, in EL1h with DAIF masked. The guest's EL1 registers are live in the CPU while it
 * traps, so they are written directly.
 */
#include "plat/esr.h"
#include "plat/sysreg.h"
#include "plat/traps.h"

#define VECTOR_CURRENT_SP0 0x000
#define VECTOR_CURRENT_SPX 0x200
#define VECTOR_LOWER_A64 0x400
#define VECTOR_LOWER_A32 0x600

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

void inject_undef(struct guest_regs *regs, uint64_t pc)
{
	write_sysreg(esr_el1, ((uint64_t)EC_UNKNOWN << ESR_EC_SHIFT) | ESR_IL);
	write_sysreg(elr_el1, pc);
	write_sysreg(spsr_el1, regs->spsr);
	regs->elr = read_sysreg(vbar_el1) + vector_offset(regs->spsr);
	regs->spsr = PSR_MODE_EL1H | PSR_DAIF;
}
