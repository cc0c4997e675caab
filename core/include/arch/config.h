/*
 * arch/config.h: the arch's constants, from its own plat/config.h.
 *
 * Every arch's plat/config.h defines:
 *   ARCH_NAME              "x86" or "arm64" (banner, xen_version capabilities)
 *   ARCH_ELF_CLASS         ELFCLASS32 or ELFCLASS64 of guest kernels
 *   ARCH_ELF_MACHINE       EM_386 or EM_AARCH64
 *   ARCH_START_INFO_MAGIC  start_info.magic for this ABI
 *   ARCH_CAPABILITIES      the XENVER_capabilities string
 *   ARCH_REQUIRES_PAE_NOTE 1 when a guest must carry PAE_MODE "yes" (x86 PAE), else 0
 *   ARCH_HYPERVISOR_VIRT_START  first guest VA the hypervisor keeps (0 when it keeps none)
 *   ARCH_GUEST_VA_LIMIT    first VA past what a guest may name in a hypercall pointer
 *   ARCH_PT_LEVELS         levels of the guest page-table format (arch/pt.h), at most 3
 *   ARCH_M2P_VIRT_START    where guests see the read-only M2P table (m2p.h), and
 *   ARCH_M2P_VIRT_END      where that window ends; equal when the arch does not map it
 *                          (XENMEM_machphys_mapping then returns -ENOSYS)
 */
#ifndef RINGO_ARCH_CONFIG_H
#define RINGO_ARCH_CONFIG_H

#include "plat/config.h"

#endif
