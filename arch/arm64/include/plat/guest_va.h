/*
 * plat/guest_va.h (arm64): translating the running guest's virtual addresses.
 *
 * Ringo asks the hardware (AT S1E1x/S1E0x) while the guest's EL1 regime is live in the CPU,
 * so a translation is exactly what the guest would get, permissions included.
 */
#ifndef RINGO_PLAT_GUEST_VA_H
#define RINGO_PLAT_GUEST_VA_H

#include "types.h"

enum guest_access_kind {
	GUEST_READ,
	GUEST_WRITE,
};

/*
 * PAR_EL1 after translating va for an access of the given kind, at EL0 (el0) or EL1:
 * PAR_F set and the fault status in PAR_EL1.FST when the guest would fault. The guest's
 * own PAR_EL1 is left as it was.
 */
uint64_t guest_va_probe(uintptr_t va, enum guest_access_kind kind, bool el0);

#endif
