/*
 * plat/traps.h (arm64): handling what the guest does that reaches EL2.
 *
 * traps.c dispatches a synchronous trap by exception class to one handler per class
 * (hvc.c, smc.c, sysreg_trap.c, and the small ones in traps.c). A handler either completes
 * the instruction (guest_step past it), reflects an exception into the guest
 * (inject_undef), or crashes the domain. inject.c builds the reflected exception.
 */
#ifndef RINGO_PLAT_TRAPS_H
#define RINGO_PLAT_TRAPS_H

#include "domain.h"

/* One handler per exception class; esr is ESR_EL2 of the trap. */
typedef void (*trap_handler_t)(struct vcpu *v, struct guest_regs *regs, uint64_t esr);

void trap_hvc(struct vcpu *v, struct guest_regs *regs, uint64_t esr);
void trap_smc(struct vcpu *v, struct guest_regs *regs, uint64_t esr);
void trap_sysreg(struct vcpu *v, struct guest_regs *regs, uint64_t esr);

/*
 * Trapped cache maintenance (cache_trap.c): a set/way operation (HCR_EL2.TSW) with the
 * guest's operand, and a data-cache operation to the point of coherency by VA
 * (HCR_EL2.TPC) at va. Both complete the instruction or reflect a fault.
 */
void cache_set_way(struct vcpu *v, struct guest_regs *regs, uint64_t operand);
void cache_poc_by_va(struct vcpu *v, struct guest_regs *regs, uint64_t va, bool invalidate);

/* Resumes the guest after the (4-byte) trapped instruction. */
static inline void guest_step(struct guest_regs *regs)
{
	regs->elr += 4;
}

/*
 * Makes the guest take an undefined-instruction exception at its instruction at pc
 * (ESR_EL1.EC = 0), entering its VBAR_EL1 vector as the hardware would.
 */
void inject_undef(struct guest_regs *regs, uint64_t pc);

/*
 * Makes the guest take a data abort (from EL0 or at EL1, as regs says) at its instruction
 * at pc, for the address far, with the given ISS (DFSC, WnR, CM...).
 */
void inject_data_abort(struct guest_regs *regs, uint64_t pc, uint64_t far, uint64_t iss);

/*
 * Makes the guest take an IRQ exception where it is now (regs): ELR_EL1/SPSR_EL1 get its
 * PC and PSTATE, and it enters its VBAR_EL1 IRQ vector at EL1h with DAIF masked. Its EL1
 * registers must be the ones in the CPU.
 */
void inject_irq(struct guest_regs *regs);

/* Entry points of the EL2 vectors (vectors.S). */
void arch_trap_guest_sync(struct guest_regs *regs);
void arch_trap_guest_async(struct guest_regs *regs, uint64_t kind);
noreturn void arch_trap_hypervisor(uint64_t kind);

#endif
