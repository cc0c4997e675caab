/*
 * plat/vcpu.h (x86): what the x86 backend keeps per vCPU and per domain.
 *
 * A vCPU that is not on the CPU is its saved register frame plus its page-table base
 * (the machine address of its PAE L3, loaded into cr3).
 */
#ifndef RINGO_PLAT_VCPU_H
#define RINGO_PLAT_VCPU_H

#include "addr.h"
#include "plat/regs.h"

struct arch_vcpu {
	struct x86_regs regs;
	maddr_t cr3;
};

struct arch_domain {
	int unused; /* nothing yet: trap tables and GDT frames come later */
};

#endif
