/*
 * plat/vcpu_run.h (arm64): switching the CPU between guest vCPUs.
 *
 * el1_context.c keeps a guest's EL1 system registers; entry.S enters the guest from a
 * struct guest_regs. TPIDR_EL2 always points at the guest_regs of the vCPU on the CPU, so
 * the vectors know where to save a trapping guest's registers.
 */
#ifndef RINGO_PLAT_VCPU_RUN_H
#define RINGO_PLAT_VCPU_RUN_H

#include "domain.h"

/* Initial EL1 state for a vCPU entering with its MMU on (ABI.md section 8). */
void el1_context_init(struct el1_context *ctx, maddr_t pt_base, uint64_t stack_top);
void el1_context_save(struct el1_context *ctx);
void el1_context_restore(const struct el1_context *ctx);

/* True when v's EL1 registers are the ones in the CPU (they are then read and written there). */
bool vcpu_is_loaded(const struct vcpu *v);

/* v's TTBR0_EL1, wherever it lives; setting it does no TLB maintenance. */
uint64_t vcpu_ttbr0(const struct vcpu *v);
void vcpu_ttbr0_set(struct vcpu *v, uint64_t value);

/* Restores regs and erets to the guest; resets the hypervisor stack. Never returns. */
noreturn void guest_enter(struct guest_regs *regs);

#endif
