/*
 * cpu.c (x86): what the CPU offers that the page-table format depends on.
 *
 * MAXPHYADDR (CPUID 0x80000008, 36 bits when the leaf is missing) bounds the addresses an
 * entry may hold: the CPU faults on an entry with a set bit above it, so the validator
 * refuses such entries. NX is turned on (EFER.NXE) when the CPU has it, as Xen does for
 * PAE guests, so that guest entries may carry bit 63; without it that bit is reserved.
 * CR0 gets MP and NE and loses EM, so that x87 instructions run natively, trap with #NM
 * while TS is set (the lazy switch, fpu.c) and report errors as #MF.
 */
#include "plat/boot.h"
#include "plat/cpu.h"
#include "plat/paging.h"

#define CPUID_EXT_BASE 0x80000000
#define CPUID_EXT_FEATURES 0x80000001
#define CPUID_EXT_ADDRESS_SIZES 0x80000008
#define CPUID_EXT_EDX_NX (1U << 20)
#define DEFAULT_PHYS_BITS 36

static struct pae_caps caps = {.phys_bits = DEFAULT_PHYS_BITS};

const struct pae_caps *cpu_pae_caps(void)
{
	return &caps;
}

#define X86_CR0_EM 0x00000004

void cpu_init(void)
{
	uint32_t max_ext = x86_cpuid(CPUID_EXT_BASE, 0).eax;

	if (max_ext >= CPUID_EXT_ADDRESS_SIZES) {
		caps.phys_bits = x86_cpuid(CPUID_EXT_ADDRESS_SIZES, 0).eax & 0xff;
	}
	if (max_ext >= CPUID_EXT_FEATURES &&
	    (x86_cpuid(CPUID_EXT_FEATURES, 0).edx & CPUID_EXT_EDX_NX)) {
		x86_wrmsr(X86_MSR_EFER, x86_rdmsr(X86_MSR_EFER) | X86_EFER_NXE);
		caps.nx = true;
	}
	x86_write_cr0((x86_read_cr0() & ~X86_CR0_EM) | X86_CR0_MP | X86_CR0_NE);
}
