/*
 * plat/config.h (x86): the constants the core needs from the x86 backend.
 *
 * The guest ABI is Xen's 32-bit PAE PV ABI (ABI.md sections 1-3): guests are ELF32 i386
 * images that must declare PAE_MODE "yes", and every address from 0xF5800000 up is the
 * hypervisor's, so a hypercall pointer must end below it. Guests see the read-only M2P at
 * the start of that range (m2p_view.c).
 */
#ifndef RINGO_PLAT_CONFIG_H
#define RINGO_PLAT_CONFIG_H

#include "elf.h"
#include "public/xen.h"

#define ARCH_NAME "x86"
#define ARCH_ELF_CLASS ELFCLASS32
#define ARCH_ELF_MACHINE EM_386
#define ARCH_START_INFO_MAGIC START_INFO_MAGIC_X86
#define ARCH_CAPABILITIES "xen-3.0-x86_32p"
#define ARCH_REQUIRES_PAE_NOTE 1
#define ARCH_HYPERVISOR_VIRT_START HYPERVISOR_VIRT_START_X86
#define ARCH_GUEST_VA_LIMIT HYPERVISOR_VIRT_START_X86
#define ARCH_PT_LEVELS 3 /* PAE: L1, L2, the 4-entry L3 (PDPT) */
#define ARCH_M2P_VIRT_START MACH2PHYS_VIRT_START_X86
#define ARCH_M2P_VIRT_END MACH2PHYS_VIRT_END_X86
/* A 64-bit hypercall argument takes two registers (plat/hcall_arg.h). */
#define ARCH_HAS_HCALL_ARG_U64 1
/* vm_assist types beyond the core's (vm_assist.c): writable page tables (ptwr.c). */
#define ARCH_VM_ASSIST_SUPPORTED (1UL << VMASST_TYPE_writable_pagetables)

#endif
