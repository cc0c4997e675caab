/*
 * guest_arch.c: the ARM64 facts the portable guest library and tests rely on (guest.h).
 *
 * A guest may name addresses below 2^39 only (TTBR0_EL1's reach), so 1 << 39 is an address
 * every hypercall must refuse; nothing is mapped below the image at 0x40200000, so 0x1000
 * is certainly unmapped.
 */
#include "guest.h"

const unsigned long guest_arch_hypervisor_va = 1UL << 39;
const unsigned long guest_arch_unmapped_va = 0x1000;
const char guest_arch_name[] = "arm64";

noreturn void guest_arch_unhandled_exception(unsigned long vector, unsigned long esr,
					     unsigned long elr, unsigned long far);

noreturn void guest_arch_unhandled_exception(unsigned long vector, unsigned long esr,
					     unsigned long elr, unsigned long far)
{
	printf("unhandled exception: vector 0x%lx ESR_EL1 0x%lx ELR_EL1 0x%lx FAR_EL1 0x%lx\n",
	       vector, esr, elr, far);
	guest_shutdown(SHUTDOWN_crash);
}
