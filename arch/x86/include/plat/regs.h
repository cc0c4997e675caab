/*
 * plat/regs.h (x86): the register frame of a trap, and of a vCPU that is not running.
 *
 * The entry stubs (entry.S) build this frame beneath what the CPU pushed, one push per
 * register: the tail from eip on is the CPU's own interrupt frame, so its order is fixed;
 * esp and ss exist only when the trap came from ring 1-3. The general registers come in
 * the order of the hypercall convention (ABI.md section 1: EAX the number, then EBX, ECX,
 * EDX, ESI, EDI, EBP the arguments), so that the saved registers are the struct
 * hcall_args of a hypercall as they stand, with nothing to copy. Data selectors are
 * pushed as 32-bit words of which only the low 16 bits are defined (a CPU may write just
 * those), hence the 16-bit fields. Assembly uses the offsets asm_offsets.c generates.
 *
 * A trap from a guest puts the frame at the top of the entry stack, and there the
 * running vCPU's registers stay while it is loaded on the CPU (cpu_state.c): v->arch.regs
 * points to that frame then, and to the vCPU's own copy otherwise.
 */
#ifndef RINGO_PLAT_REGS_H
#define RINGO_PLAT_REGS_H

#include "hypercall.h"
#include "types.h"

struct x86_regs {
	union {
		struct {
			uint32_t eax;
			uint32_t ebx;
			uint32_t ecx;
			uint32_t edx;
			uint32_t esi;
			uint32_t edi;
			uint32_t ebp;
		};
		struct hcall_args hcall; /* the same registers as a hypercall's arguments */
	};
	uint16_t ds, ds_high;
	uint16_t es, es_high;
	uint16_t fs, fs_high;
	uint16_t gs, gs_high;
	uint32_t vector;
	uint32_t error_code; /* 0 for vectors without one */
	uint32_t eip;
	uint32_t cs;
	uint32_t eflags;
	uint32_t esp; /* only when the trap came from an outer ring */
	uint32_t ss;
};

#define X86_EFLAGS_TF 0x100
#define X86_EFLAGS_IF 0x200
#define X86_EFLAGS_RESERVED 0x2

/*
 * The general register an instruction's register number names (ModRM and SIB order: eax,
 * ecx, edx, ebx, esp, ebp, esi, edi; the low three bits count), in the frame.
 */
static inline uint32_t *x86_regs_gpr(struct x86_regs *regs, unsigned int number)
{
	switch (number & 7) {
	case 0:
		return &regs->eax;
	case 1:
		return &regs->ecx;
	case 2:
		return &regs->edx;
	case 3:
		return &regs->ebx;
	case 4:
		return &regs->esp;
	case 5:
		return &regs->ebp;
	case 6:
		return &regs->esi;
	default:
		return &regs->edi;
	}
}

/* The privilege level the frame's code segment ran at. */
static inline unsigned int x86_regs_ring(const struct x86_regs *regs)
{
	return regs->cs & 3;
}

#endif
