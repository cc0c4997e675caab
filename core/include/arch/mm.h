/*
 * arch/mm.h: the hypervisor's view of machine memory.
 */
#ifndef RINGO_ARCH_MM_H
#define RINGO_ARCH_MM_H

#include "addr.h"

/*
 * Hypervisor pointer to machine address addr. Precondition: addr is below
 * arch_mm_directmap_end(); the result is valid for the life of the hypervisor.
 */
void *arch_mm_maddr_to_virt(maddr_t addr);

/* First machine address the hypervisor cannot reach through arch_mm_maddr_to_virt. */
maddr_t arch_mm_directmap_end(void);

#endif
