/*
 * public/arch_x86.h: the x86-only parts of the guest ABI (ABI.md sections 1, 2 and 5):
 * trap_info for set_trap_table, the trap-bounce frame's upcall-mask field, the selectors
 * a guest may not use, and the hypervisor CPUID leaves behind the forced-emulation prefix.
 *
 * Shared by the x86 backend and the x86 guests; the layouts are x86's (ILP32), and the
 * LP64 figures are only what the same declarations give on a 64-bit host.
 */
#ifndef RINGO_PUBLIC_ARCH_X86_H
#define RINGO_PUBLIC_ARCH_X86_H

#include "abi.h"

/* trap_info.flags: bits 0-1 the lowest ring allowed to `int n` it; bit 2 masks events. */
#define TI_DPL_MASK 0x3
#define TI_MASK_EVENTS 0x4

struct trap_info {
	uint8_t vector;
	uint8_t flags;
	uint16_t cs;
	unsigned long address; /* 0 ends a table */
};

ABI_CHECK_OFFSET(struct trap_info, flags, 1, 1);
ABI_CHECK_OFFSET(struct trap_info, cs, 2, 2);
ABI_CHECK_OFFSET(struct trap_info, address, 4, 8);
ABI_CHECK_SIZE(struct trap_info, 8, 16);

/* The saved upcall mask sits in bits 16-23 of the CS slot of a bounce frame. */
#define BOUNCE_CS_MASK_SHIFT 16

/* The hypervisor's own ring-0 selectors, which no guest table may name. */
#define RINGO_X86_HYPERVISOR_CS 0xe008
#define RINGO_X86_HYPERVISOR_DS 0xe010

/* Guest GDT: entries below FIRST_RESERVED_GDT_ENTRY, at most 14 frames of 512. */
#define X86_GUEST_GDT_FRAMES 14
#define X86_DESCRIPTORS_PER_FRAME 512

/* Forced emulation: `ud2a; .ascii "xen"; cpuid`. */
#define XEN_EMULATE_PREFIX_BYTES 0x0f, 0x0b, 0x78, 0x65, 0x6e
#define XEN_EMULATE_PREFIX_LEN 5

/* CPUID leaves of the hypervisor (Xen's layout). */
#define XEN_CPUID_FIRST_LEAF 0x40000000
#define XEN_CPUID_LEAF_COUNT 6		   /* 0x40000000 .. 0x40000005 */
#define XEN_CPUID_SIGNATURE_EBX 0x566e6558 /* "XenV" */
#define XEN_CPUID_SIGNATURE_ECX 0x65584d4d /* "MMXe" */
#define XEN_CPUID_SIGNATURE_EDX 0x4d4d566e /* "nVMM" */
#define XEN_CPUID_HYPERCALL_MSR 0x40000000
#define XEN_CPUID_FEAT1_MMU_PT_UPDATE_PRESERVE_AD (1U << 0)

#endif
