/*
 * plat/regs.h (x86): the register frame of a trap, and of a vCPU that is not running.
 *
 * The entry stubs (entry.S) build this frame on the hypervisor stack beneath what the CPU
 * pushed; arch_vcpu_run irets from a copy of it kept in the vCPU. The tail from eip on is
 * the CPU's own interrupt frame, so its order is fixed; esp and ss exist only when the trap
 * came from ring 1-3 (always so for a vCPU's saved copy). Assembly uses the offsets that
 * asm_offsets.c generates from this structure.
 */
#ifndef RINGO_PLAT_REGS_H
#define RINGO_PLAT_REGS_H

#include "types.h"

struct x86_regs {
	uint32_t ebx;
	uint32_t ecx;
	uint32_t edx;
	uint32_t esi;
	uint32_t edi;
	uint32_t ebp;
	uint32_t eax;
	uint32_t ds;
	uint32_t es;
	uint32_t fs;
	uint32_t gs;
	uint32_t vector;
	uint32_t error_code; /* 0 for vectors without one */
	uint32_t eip;
	uint32_t cs;
	uint32_t eflags;
	uint32_t esp; /* only when the trap came from an outer ring */
	uint32_t ss;
};

#define X86_EFLAGS_IF 0x200
#define X86_EFLAGS_RESERVED 0x2

/* The privilege level the frame's code segment ran at. */
static inline unsigned int x86_regs_ring(const struct x86_regs *regs)
{
	return regs->cs & 3;
}

#endif
