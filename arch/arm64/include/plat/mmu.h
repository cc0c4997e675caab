/*
 * plat/mmu.h (arm64): Ringo's own EL2 translation regime.
 *
 * An identity map: RAM as normal write-back memory, the devices Ringo drives as
 * Device-nGnRnE, in 2 MiB blocks under one level-1 table (39-bit addresses).
 */
#ifndef RINGO_PLAT_MMU_H
#define RINGO_PLAT_MMU_H

#include "bootinfo.h"
#include "plat/platform.h"

/*
 * Maps the RAM ranges of info (trimming each to the whole 2 MiB blocks that were mapped)
 * and the platform's devices, then turns the MMU and caches on. Called once, with the MMU
 * off; panics if the hypervisor's own image would not be mapped.
 */
void mmu_init(struct boot_info *info, const struct platform_info *platform);

/* True when [addr, addr + len) is RAM in the identity map. */
bool mmu_is_ram(maddr_t addr, uint64_t len);

#endif
