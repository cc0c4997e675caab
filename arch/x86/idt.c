/*
 * idt.c (x86): the interrupt descriptor table.
 *
 * Every vector goes to its entry stub (entry.S) through an interrupt gate, so the
 * hypervisor always runs with interrupts off; the hypercall vector to the hypercall entry. The
 * hypercall vector 0x82 has DPL 1 (ring 1 may `int $0x82`), int3 and into DPL 3 (any ring may raise
 * #BP and #OF, which bounce to the guest); `int n` of any other vector from ring 1 or 3 is a #GP,
 * which traps.c turns into the guest's own handler for n when its trap table allows the caller's
 * ring.
 *
 * One vector may bypass the hypervisor: the paper's fast system call. When the running
 * vCPU's trap table has a vector 0x80 handler that does not mask events, its gate is a
 * trap gate straight to that handler in ring 1, with the DPL the guest asked for, so
 * `int $0x80` from ring 3 reaches the guest kernel without entering Ringo (cpu_state.c
 * rewrites the gate whenever another vCPU or trap table is loaded).
 */
#include "check.h"
#include "plat/boot.h"
#include "plat/cpu_state.h"
#include "plat/layout.h"
#include "plat/paging.h"
#include "plat/traps.h"

#define IDT_VECTORS 256
#define GATE_PRESENT 0x80
#define GATE_DPL(ring) ((ring) << 5)
#define GATE_INTERRUPT32 0x0e
#define GATE_TRAP32 0x0f
#define VECTOR_BP 3
#define VECTOR_OF 4

struct descriptor_pointer {
	uint16_t limit;
	uint32_t base;
} __attribute__((packed));

/* In the trampoline: the CPU reads it while the guest's page tables are loaded. */
static TRAMPOLINE_DATA alignas(8) uint64_t idt[IDT_VECTORS];

static uint64_t gate(uint16_t selector, uint32_t handler, unsigned int type, unsigned int dpl)
{
	return (uint64_t)(handler & 0xffff) | (uint64_t)selector << 16 |
	       (uint64_t)(GATE_PRESENT | GATE_DPL(dpl) | type) << 40 |
	       (uint64_t)(handler >> 16) << 48;
}

static unsigned int hypervisor_gate_dpl(unsigned int vector)
{
	if (vector == X86_HYPERCALL_VECTOR) {
		return 1;
	}
	return vector == VECTOR_BP || vector == VECTOR_OF ? 3 : 0;
}

/* The hypercall vector has an entry of its own; every other vector its stub. */
static uint32_t hypervisor_entry(unsigned int vector)
{
	if (vector == X86_HYPERCALL_VECTOR) {
		return (uint32_t)(uintptr_t)x86_hypercall_entry;
	}
	return x86_vector_stubs[vector];
}

void idt_set_hypervisor_gate(unsigned int vector)
{
	idt[vector] = gate(X86_HV_CS, hypervisor_entry(vector), GATE_INTERRUPT32,
			   hypervisor_gate_dpl(vector));
}

void idt_set_guest_gate(unsigned int vector, uint16_t cs, uint32_t eip, unsigned int dpl)
{
	CHECK(vector != X86_HYPERCALL_VECTOR && (cs & 3) != 0);
	idt[vector] = gate(cs, eip, GATE_TRAP32, dpl);
}

void idt_init(void)
{
	struct descriptor_pointer pointer = {sizeof(idt) - 1, (uint32_t)(uintptr_t)idt};

	for (unsigned int vector = 0; vector < IDT_VECTORS; vector++) {
		idt_set_hypervisor_gate(vector);
	}
	__asm__ volatile("lidt %0" : : "m"(pointer));
}
