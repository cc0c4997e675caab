/*
 * plat/traps.h (x86): trap entry and exit, and what the trap handlers share.
 */
#ifndef RINGO_PLAT_TRAPS_H
#define RINGO_PLAT_TRAPS_H

#include "domain.h"
#include "plat/regs.h"

/* Called by every entry stub (entry.S), on the hypervisor's tables, with its frame. */
void x86_trap(struct x86_regs *frame);

/*
 * Loads the guest page tables cr3 and returns to the outer ring of regs (a frame
 * including esp and ss), through the trampoline (entry.S).
 */
noreturn void x86_enter_guest(const struct x86_regs *regs, uint32_t cr3);

/* The hypercall gate's handler: registers in, result to EAX. */
void hypercall_from_guest(struct vcpu *v);

/*
 * Describes the instruction in code[0..len) if it is one a ring-1 guest may not execute
 * (e.g. "lgdt", "mov to %cr3", "int $0x80"); an empty string otherwise.
 */
void insn_describe_privileged(const uint8_t *code, size_t len, char *out, size_t out_size);

/* Address of entry stub vector (entry.S). */
extern const uint32_t x86_vector_stubs[256];

#endif
