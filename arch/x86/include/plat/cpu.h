/*
 * plat/cpu.h (x86): control-register bits and the privileged instructions the hypervisor
 * uses, as inline functions (the bits are shared with boot.S).
 */
#ifndef RINGO_PLAT_CPU_H
#define RINGO_PLAT_CPU_H

#define X86_CR0_MP 0x00000002
#define X86_CR0_TS 0x00000008
#define X86_CR0_NE 0x00000020
#define X86_CR0_WP 0x00010000
#define X86_CR0_PG 0x80000000
#define X86_CR4_PAE 0x00000020

#define X86_MSR_EFER 0xc0000080
#define X86_EFER_NXE 0x00000800

#ifndef __ASSEMBLY__
#include "types.h"

struct cpuid_result {
	uint32_t eax;
	uint32_t ebx;
	uint32_t ecx;
	uint32_t edx;
};

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

static inline void outw(uint16_t port, uint16_t value)
{
	__asm__ volatile("outw %0, %1" : : "a"(value), "Nd"(port));
}

static inline uint16_t inw(uint16_t port)
{
	uint16_t value;

	__asm__ volatile("inw %1, %0" : "=a"(value) : "Nd"(port));
	return value;
}

static inline void outl(uint16_t port, uint32_t value)
{
	__asm__ volatile("outl %0, %1" : : "a"(value), "Nd"(port));
}

static inline uint32_t inl(uint16_t port)
{
	uint32_t value;

	__asm__ volatile("inl %1, %0" : "=a"(value) : "Nd"(port));
	return value;
}

static inline struct cpuid_result x86_cpuid(uint32_t leaf, uint32_t subleaf)
{
	struct cpuid_result r;

	__asm__ volatile("cpuid"
			 : "=a"(r.eax), "=b"(r.ebx), "=c"(r.ecx), "=d"(r.edx)
			 : "a"(leaf), "c"(subleaf));
	return r;
}

static inline uint64_t x86_rdmsr(uint32_t msr)
{
	uint32_t low, high;

	__asm__ volatile("rdmsr" : "=a"(low), "=d"(high) : "c"(msr));
	return (uint64_t)high << 32 | low;
}

static inline void x86_wrmsr(uint32_t msr, uint64_t value)
{
	__asm__ volatile("wrmsr" : : "c"(msr), "a"((uint32_t)value), "d"((uint32_t)(value >> 32)));
}

static inline uint32_t x86_read_cr0(void)
{
	uint32_t value;

	__asm__ volatile("mov %%cr0, %0" : "=r"(value));
	return value;
}

static inline void x86_write_cr0(uint32_t value)
{
	__asm__ volatile("mov %0, %%cr0" : : "r"(value) : "memory");
}

static inline uint32_t x86_read_cr2(void)
{
	uint32_t value;

	__asm__ volatile("mov %%cr2, %0" : "=r"(value));
	return value;
}

static inline uint32_t x86_read_cr4(void)
{
	uint32_t value;

	__asm__ volatile("mov %%cr4, %0" : "=r"(value));
	return value;
}

/* Loading cr3 also flushes the TLB and, under PAE, reloads the four PDPT entries. */
static inline void x86_write_cr3(uint32_t value)
{
	__asm__ volatile("mov %0, %%cr3" : : "r"(value) : "memory");
}

static inline void x86_wbinvd(void)
{
	__asm__ volatile("wbinvd" : : : "memory");
}

noreturn static inline void x86_halt_forever(void)
{
	for (;;) {
		__asm__ volatile("cli; hlt");
	}
}
#endif

#endif
