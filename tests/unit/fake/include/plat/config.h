/*
 * plat/config.h (fake arch): the constants of the host-test arch.
 *
 * The fake arch is 64-bit like ARM64 but keeps a hypervisor hole at the top of a 4 GiB
 * guest address space like x86, with the M2P mapped at its start, so both kinds of check
 * are exercised on the host. Its page-table format has three levels (fake.h).
 */
#ifndef RINGO_PLAT_CONFIG_H
#define RINGO_PLAT_CONFIG_H

#include "elf.h"

#define ARCH_NAME "fake"
#define ARCH_ELF_CLASS ELFCLASS64
#define ARCH_ELF_MACHINE EM_AARCH64
#define ARCH_START_INFO_MAGIC "xen-3.0-fake"
#define ARCH_CAPABILITIES "xen-3.0-fake"
#define ARCH_REQUIRES_PAE_NOTE 0
#define ARCH_HYPERVISOR_VIRT_START 0xF0000000UL
#define ARCH_GUEST_VA_LIMIT 0xF0000000UL
#define ARCH_PT_LEVELS 3
#define ARCH_M2P_VIRT_START 0xF0000000UL
#define ARCH_M2P_VIRT_END 0xF1000000UL

#endif
