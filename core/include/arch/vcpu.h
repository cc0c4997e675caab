/*
 * arch/vcpu.h: starting and running a guest vCPU.
 */
#ifndef RINGO_ARCH_VCPU_H
#define RINGO_ARCH_VCPU_H

#include "domain.h"

struct vcpu_start {
	uint64_t entry;
	uint64_t stack_top;
	uint64_t start_info; /* VA of start_info, passed in ESI (x86) or x0 (ARM64) */
	maddr_t pt_base;     /* top-level page table, loaded as cr3 / TTBR0_EL1 */
};

/*
 * Sets up vCPU v's saved state for its first entry: guest kernel privilege (ring 1 / EL1),
 * the start-of-day registers of ABI.md sections 3 and 8, events masked.
 */
void arch_vcpu_init(struct vcpu *v, const struct vcpu_start *start);

/* Loads v's state and enters (or resumes) the guest. Never returns. */
HOT_CALL noreturn void arch_vcpu_run(struct vcpu *v);

/*
 * Makes top (a validated, referenced top-level table of v's domain) v's page-table base:
 * loaded now if v is the running vCPU, else at its next entry. x86: cr3; ARM64: TTBR0_EL1
 * (with the domain's VMID). The TLB entries of the old base must not survive.
 */
void arch_vcpu_set_pt_base(struct vcpu *v, mfn_t top);

/* Called when a vCPU's domain is torn down, to drop arch resources it holds. */
void arch_vcpu_destroy(struct vcpu *v);

#endif
