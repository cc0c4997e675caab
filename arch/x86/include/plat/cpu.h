/*
 * plat/cpu.h (x86): control-register bits and the privileged instructions the hypervisor
 * uses, as inline functions (the bits are shared with boot.S).
 */
#ifndef RINGO_PLAT_CPU_H
#define RINGO_PLAT_CPU_H

#define X86_CR0_WP 0x00010000
#define X86_CR0_PG 0x80000000
#define X86_CR4_PAE 0x00000020

#ifndef __ASSEMBLY__
#include "types.h"

static inline void outb(uint16_t port, uint8_t value)
{
	__asm__ volatile("outb %0, %1" : : "a"(value), "Nd"(port));
}

static inline uint8_t inb(uint16_t port)
{
	uint8_t value;

	__asm__ volatile("inb %1, %0" : "=a"(value) : "Nd"(port));
	return value;
}

static inline uint32_t x86_read_cr2(void)
{
	uint32_t value;

	__asm__ volatile("mov %%cr2, %0" : "=r"(value));
	return value;
}

/* Loading cr3 also flushes the TLB and, under PAE, reloads the four PDPT entries. */
static inline void x86_write_cr3(uint32_t value)
{
	__asm__ volatile("mov %0, %%cr3" : : "r"(value) : "memory");
}

noreturn static inline void x86_halt_forever(void)
{
	for (;;) {
		__asm__ volatile("cli; hlt");
	}
}
#endif

#endif
