/*
 * hvc.c: the hypercall trap (ABI.md section 8).
 *
 * `hvc #0xEA1` is a hypercall: number in x16, arguments x0-x4, result in x0, every other
 * register preserved. The immediate distinguishes Ringo's calls from anything else a guest
 * may try (another hypervisor's ABI, SMCCC over HVC), which is refused as an undefined
 * instruction. ELR_EL2 already points past an HVC, so a hypercall needs no step and a
 * refusal names the instruction before it. Registers are 64 bits wide, so a 64-bit argument
 * (a page-table entry) takes one register.
 *
 * Hypercalls normally never get here: the exception entry (vectors.S) recognises
 * `hvc #0xEA1` by its syndrome and dispatches it itself, passing the saved frame as the
 * arguments. This handler serves what it leaves to the generic trap path: another
 * immediate, and a number beyond the table (-ENOSYS from the core's dispatcher).
 */
#include "hypercall.h" /* first: arch/hypercall.h's own "hypercall.h" finds itself */
#include "arch/hypercall.h"
#include "plat/esr.h"
#include "plat/hvc_abi.h"
#include "plat/traps.h"

#define HVC_IMMEDIATE_MASK 0xffffUL
#define HVC_ARGUMENTS 5

_Static_assert(ESR_RINGO_HVC ==
		   ((EC_HVC64 << ESR_EC_SHIFT) | ESR_IL | (uint64_t)RINGO_HVC_IMMEDIATE),
	       "the syndrome the hypercall entry matches is hvc #0xEA1's");

void trap_hvc(struct vcpu *v, struct guest_regs *regs, uint64_t esr)
{
	struct hcall_args args = {.number = regs->x[RINGO_HVC_NUMBER_REGISTER]};

	if ((esr_iss(esr) & HVC_IMMEDIATE_MASK) != RINGO_HVC_IMMEDIATE) {
		inject_undef(regs, regs->elr - 4);
		return;
	}
	for (unsigned int i = 0; i < HVC_ARGUMENTS; i++) {
		args.arg[i] = regs->x[i];
	}
	regs->x[0] = (uint64_t)hypercall_dispatch(v, &args);
}
