/*
 * plat/config.h (arm64): the constants of the ARM64 backend (see core/include/arch/config.h).
 *
 * Guests run at EL1 with a 39-bit address space through TTBR0_EL1 (ABI.md section 8); the
 * hypervisor lives in its own EL2 translation regime and keeps no part of the guest's
 * address space, so HYPERVISOR_VIRT_START is 0. What a guest may name in a hypercall
 * pointer ends where TTBR0_EL1's range ends. Nor does Ringo map the M2P table into guests
 * (the whole 39-bit space is the guest's): the window is empty.
 */
#ifndef RINGO_PLAT_CONFIG_H
#define RINGO_PLAT_CONFIG_H

#include "elf.h"
#include "public/xen.h"

#define ARCH_NAME "arm64"
#define ARCH_ELF_CLASS ELFCLASS64
#define ARCH_ELF_MACHINE EM_AARCH64
#define ARCH_START_INFO_MAGIC START_INFO_MAGIC_ARM64
#define ARCH_CAPABILITIES "xen-3.0-aarch64"
#define ARCH_REQUIRES_PAE_NOTE 0
#define ARCH_HYPERVISOR_VIRT_START 0UL
#define ARCH_PT_LEVELS 3 /* hardware levels 1-3 of a 39-bit, 4 KiB-granule space */
#define ARCH_GUEST_VA_BITS 39
#define ARCH_GUEST_VA_LIMIT (1UL << ARCH_GUEST_VA_BITS)
#define ARCH_M2P_VIRT_START 0UL
#define ARCH_M2P_VIRT_END 0UL

#endif
