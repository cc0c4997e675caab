/*
 * plat/vcpu.h (arm64): what Ringo keeps of a guest vCPU and a domain.
 *
 * struct guest_regs is the frame the EL2 vectors save on every trap from the guest and
 * restore on every entry (entry.S); its offsets are fixed in plat/offsets.h and checked
 * against this layout at compile time. struct el1_context is the guest's EL1 system
 * register state, which stays live in the CPU while the vCPU is the one loaded and is
 * saved only when another vCPU takes the CPU (el1_context.c).
 */
#ifndef RINGO_PLAT_VCPU_H
#define RINGO_PLAT_VCPU_H

#include "addr.h"

/*
 * hcall_number comes first so that a hypercall needs no argument copy: the entry (vectors.S)
 * stores x16 there, and hcall_number followed by x[0..5] is laid out as a struct
 * hcall_args (number, arg[0..5]; offsets.c checks it). arg[5] is then the guest's x5,
 * which no hypercall reads on ARM64 (arguments are x0-x4).
 */
struct guest_regs {
	uint64_t hcall_number;
	uint64_t x[31];
	uint64_t elr;  /* ELR_EL2: where the guest resumes */
	uint64_t spsr; /* SPSR_EL2: the guest's PSTATE */
};

struct el1_context {
	uint64_t sctlr;
	uint64_t ttbr0;
	uint64_t ttbr1;
	uint64_t tcr;
	uint64_t mair;
	uint64_t amair;
	uint64_t vbar;
	uint64_t contextidr;
	uint64_t tpidr_el1;
	uint64_t tpidr_el0;
	uint64_t tpidrro_el0;
	uint64_t sp_el0;
	uint64_t sp_el1;
	uint64_t elr_el1;
	uint64_t spsr_el1;
	uint64_t esr_el1;
	uint64_t far_el1;
	uint64_t afsr0;
	uint64_t afsr1;
	uint64_t par_el1;
	uint64_t cpacr;
	uint64_t cntkctl;
	uint64_t cntv_ctl;
	uint64_t cntv_cval;
	uint64_t csselr;
};

struct vcpu_info;

/*
 * vcpu_info follows regs directly: the hypercall fast return finds it from the frame
 * (plat/offsets.h) to test for a due upcall.
 */
struct arch_vcpu {
	struct guest_regs regs;
	struct vcpu_info *vcpu_info; /* this vCPU's in its domain's shared_info */
	struct el1_context el1;
};

struct arch_domain {
	uint64_t cntvoff; /* CNTVOFF_EL2 while this domain runs: its own virtual time */
};

#endif
