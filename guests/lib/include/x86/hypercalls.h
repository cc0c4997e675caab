/*
 * x86/hypercalls.h (x86 guest): wrappers for the x86-only hypercalls (ABI.md sections 1,
 * 2 and 5) and the x86 privileged instructions a PV kernel may use.
 */
#ifndef GUEST_X86_HYPERCALLS_H
#define GUEST_X86_HYPERCALLS_H

#include "guest.h"
#include "public/arch_x86.h"
#include "public/callback.h"
#include "public/physdev.h"

static inline long HYPERVISOR_set_trap_table(const struct trap_info *table)
{
	return hypercall1(__HYPERVISOR_set_trap_table, (unsigned long)table);
}

static inline long HYPERVISOR_stack_switch(unsigned long ss, unsigned long esp)
{
	return hypercall2(__HYPERVISOR_stack_switch, ss, esp);
}

static inline long HYPERVISOR_set_callbacks(unsigned long event_cs, unsigned long event_eip,
					    unsigned long failsafe_cs, unsigned long failsafe_eip)
{
	return hypercall4(__HYPERVISOR_set_callbacks, event_cs, event_eip, failsafe_cs,
			  failsafe_eip);
}

static inline long HYPERVISOR_callback_op(unsigned int cmd, const void *arg)
{
	return hypercall2(__HYPERVISOR_callback_op, cmd, (unsigned long)arg);
}

static inline long HYPERVISOR_fpu_taskswitch(int set)
{
	return hypercall1(__HYPERVISOR_fpu_taskswitch, (unsigned long)set);
}

static inline long HYPERVISOR_set_gdt(const unsigned long *frames, unsigned long entries)
{
	return hypercall2(__HYPERVISOR_set_gdt, (unsigned long)frames, entries);
}

static inline long HYPERVISOR_update_descriptor(uint64_t maddr, uint64_t descriptor)
{
	return hypercall4(__HYPERVISOR_update_descriptor, (unsigned long)maddr,
			  (unsigned long)(maddr >> 32), (unsigned long)descriptor,
			  (unsigned long)(descriptor >> 32));
}

static inline long HYPERVISOR_physdev_op(unsigned int cmd, void *arg)
{
	return hypercall2(__HYPERVISOR_physdev_op, cmd, (unsigned long)arg);
}

static inline long physdev_set_iopl(unsigned int iopl)
{
	struct physdev_set_iopl request = {.iopl = iopl};

	return HYPERVISOR_physdev_op(PHYSDEVOP_set_iopl, &request);
}

/* The emulated reads of control registers (a #GP the hypervisor turns into the value). */
static inline unsigned long read_cr0(void)
{
	unsigned long value;

	__asm__ volatile("mov %%cr0, %0" : "=r"(value));
	return value;
}

static inline unsigned long read_cr2(void)
{
	unsigned long value;

	__asm__ volatile("mov %%cr2, %0" : "=r"(value));
	return value;
}

static inline unsigned long read_cr3(void)
{
	unsigned long value;

	__asm__ volatile("mov %%cr3, %0" : "=r"(value));
	return value;
}

/* PAE cr3 as the hypervisor shows it: (pfn << 12) | (pfn >> 20). */
static inline unsigned long xen_cr3_to_pfn(unsigned long cr3)
{
	return (cr3 >> 12) | (cr3 << 20);
}

struct cpuid_regs {
	uint32_t eax, ebx, ecx, edx;
};

/* CPUID through the forced-emulation prefix: the hypervisor's answer. */
static inline struct cpuid_regs xen_cpuid(uint32_t leaf, uint32_t subleaf)
{
	struct cpuid_regs r;

	__asm__ volatile("ud2a; .ascii \"xen\"; cpuid"
			 : "=a"(r.eax), "=b"(r.ebx), "=c"(r.ecx), "=d"(r.edx)
			 : "a"(leaf), "c"(subleaf));
	return r;
}

/* The CPU's own CPUID (not trapped in ring 1). */
static inline struct cpuid_regs native_cpuid(uint32_t leaf, uint32_t subleaf)
{
	struct cpuid_regs r;

	__asm__ volatile("cpuid"
			 : "=a"(r.eax), "=b"(r.ebx), "=c"(r.ecx), "=d"(r.edx)
			 : "a"(leaf), "c"(subleaf));
	return r;
}

#endif
