/*
 * cpuid.c (x86): the forced-emulation CPUID and the hypervisor's CPUID leaves.
 *
 * CPUID does not trap in ring 1, so a PV kernel that wants the hypervisor's view asks
 * for it with the forced-emulation prefix, `ud2a; .ascii "xen"; cpuid` (ABI.md section
 * 1): the #UD lands here, the leaf is answered, and EIP moves past all 7 bytes. Any other
 * instruction after the prefix is a plain #UD for the guest.
 *
 * Leaves 0x40000000-0x400000ff are Xen's (public/arch-x86/cpuid.h's layout): the
 * signature "XenVMMXenVMM" with the highest leaf (0x40000005), the interface version,
 * one hypercall page with the MSR base and the PRESERVE_AD feature, then the TSC,
 * HVM-only and PV leaves; the rest of the range reads as zeros. Other leaves are the
 * CPU's, with what a PV kernel must not rely on hidden (virtualisation extensions,
 * MONITOR, XSAVE, large and global pages, MTRRs) and the hypervisor-present bit set.
 */
#include "arch/mm.h"
#include "hypercall.h"
#include "lib.h"
#include "plat/cpu.h"
#include "plat/traps.h"
#include "public/arch_x86.h"
#include "public/version.h"

#define FORCED_CPUID_LEN (XEN_EMULATE_PREFIX_LEN + 2)
#define XEN_CPUID_RANGE_END (XEN_CPUID_FIRST_LEAF + 0x100)

#define LEAF1_ECX_MONITOR (1U << 3)
#define LEAF1_ECX_VMX (1U << 5)
#define LEAF1_ECX_SMX (1U << 6)
#define LEAF1_ECX_XSAVE (1U << 26)
#define LEAF1_ECX_OSXSAVE (1U << 27)
#define LEAF1_ECX_HYPERVISOR (1U << 31)
#define LEAF1_EDX_VME (1U << 1)
#define LEAF1_EDX_PSE (1U << 3)
#define LEAF1_EDX_MTRR (1U << 12)
#define LEAF1_EDX_PGE (1U << 13)
#define LEAF1_EDX_PSE36 (1U << 17)

static const uint8_t forced_cpuid[FORCED_CPUID_LEN] = {XEN_EMULATE_PREFIX_BYTES, 0x0f, 0xa2};

/* Bits needed to address the highest machine frame the hypervisor hands out. */
static uint32_t machine_address_width(void)
{
	uint64_t highest = maddr_value(arch_mm_directmap_end()) - 1;
	uint32_t width = 0;

	while (highest >> width) {
		width++;
	}
	return width;
}

static uint32_t interface_version(struct vcpu *v)
{
	struct hcall_args args = {.arg = {XENVER_version, 0}};

	return (uint32_t)do_xen_version(v, &args);
}

static struct cpuid_result hypervisor_leaf(struct vcpu *v, uint32_t index)
{
	struct cpuid_result r = {0};

	switch (index) {
	case 0:
		r = (struct cpuid_result){XEN_CPUID_FIRST_LEAF + XEN_CPUID_LEAF_COUNT - 1,
					  XEN_CPUID_SIGNATURE_EBX, XEN_CPUID_SIGNATURE_ECX,
					  XEN_CPUID_SIGNATURE_EDX};
		break;
	case 1:
		r.eax = interface_version(v);
		break;
	case 2:
		r.eax = 1; /* hypercall pages */
		r.ebx = XEN_CPUID_HYPERCALL_MSR;
		r.ecx = XEN_CPUID_FEAT1_MMU_PT_UPDATE_PRESERVE_AD;
		break;
	case 5:
		r.ebx = machine_address_width(); /* sub-leaf 0: max machine address width */
		break;
	default:
		break; /* 3 (TSC: default mode, nothing emulated), 4 (HVM only): zeros */
	}
	return r;
}

static struct cpuid_result guest_cpuid(struct vcpu *v, uint32_t leaf, uint32_t subleaf)
{
	struct cpuid_result r;

	if (leaf >= XEN_CPUID_FIRST_LEAF && leaf < XEN_CPUID_RANGE_END) {
		return hypervisor_leaf(v, leaf - XEN_CPUID_FIRST_LEAF);
	}
	r = x86_cpuid(leaf, subleaf);
	if (leaf == 1) {
		r.ecx &= ~(LEAF1_ECX_MONITOR | LEAF1_ECX_VMX | LEAF1_ECX_SMX | LEAF1_ECX_XSAVE |
			   LEAF1_ECX_OSXSAVE);
		r.ecx |= LEAF1_ECX_HYPERVISOR;
		r.edx &= ~(LEAF1_EDX_VME | LEAF1_EDX_PSE | LEAF1_EDX_MTRR | LEAF1_EDX_PGE |
			   LEAF1_EDX_PSE36);
	}
	return r;
}

bool x86_emulate_forced_cpuid(struct vcpu *v)
{
	struct x86_regs *regs = v->arch.regs;
	uint8_t code[X86_INSN_MAX];
	struct cpuid_result r;

	if (x86_fetch_insn(v, code) < FORCED_CPUID_LEN ||
	    memcmp(code, forced_cpuid, FORCED_CPUID_LEN) != 0) {
		return false;
	}
	r = guest_cpuid(v, regs->eax, regs->ecx);
	regs->eax = r.eax;
	regs->ebx = r.ebx;
	regs->ecx = r.ecx;
	regs->edx = r.edx;
	regs->eip += FORCED_CPUID_LEN;
	return true;
}
