/*
 * plat/vcpu.h (fake arch): what the fake arch remembers about a vCPU and a domain.
 */
#ifndef RINGO_PLAT_VCPU_H
#define RINGO_PLAT_VCPU_H

#include "addr.h"

struct arch_vcpu {
	uint64_t entry;
	uint64_t stack_top;
	uint64_t start_info;
	maddr_t pt_base;
	bool started;
};

struct arch_domain {
	int unused;
};

#endif
