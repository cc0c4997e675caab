/*
 * idt.c (x86): the interrupt descriptor table.
 *
 * Every vector goes to its entry stub (entry.S) through an interrupt gate, so the
 * hypervisor always runs with interrupts off. Only the hypercall vector 0x82 has DPL 1:
 * ring 1 may `int $0x82`, and `int n` of any other vector from ring 1 or 3 is a #GP, which
 * the trap handler charges to the guest (guest trap tables come later).
 */
#include "plat/boot.h"
#include "plat/layout.h"
#include "plat/paging.h"
#include "plat/traps.h"

#define IDT_VECTORS 256
#define GATE_PRESENT 0x80
#define GATE_DPL(ring) ((ring) << 5)
#define GATE_INTERRUPT32 0x0e

struct descriptor_pointer {
	uint16_t limit;
	uint32_t base;
} __attribute__((packed));

/* In the trampoline: the CPU reads it while the guest's page tables are loaded. */
static TRAMPOLINE_DATA alignas(8) uint64_t idt[IDT_VECTORS];

static uint64_t interrupt_gate(uint32_t handler, unsigned int dpl)
{
	return (uint64_t)(handler & 0xffff) | (uint64_t)X86_HV_CS << 16 |
	       (uint64_t)(GATE_PRESENT | GATE_DPL(dpl) | GATE_INTERRUPT32) << 40 |
	       (uint64_t)(handler >> 16) << 48;
}

void idt_init(void)
{
	struct descriptor_pointer pointer = {sizeof(idt) - 1, (uint32_t)(uintptr_t)idt};

	for (unsigned int vector = 0; vector < IDT_VECTORS; vector++) {
		unsigned int dpl = vector == X86_HYPERCALL_VECTOR ? 1 : 0;

		idt[vector] = interrupt_gate(x86_vector_stubs[vector], dpl);
	}
	__asm__ volatile("lidt %0" : : "m"(pointer));
}
