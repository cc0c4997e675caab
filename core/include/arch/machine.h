/*
 * arch/machine.h: stopping the machine.
 */
#ifndef RINGO_ARCH_MACHINE_H
#define RINGO_ARCH_MACHINE_H

#include "shutdown.h"

/*
 * Stops the machine with a status the harness can read (see shutdown.h). Called by
 * machine_shutdown() after the final console line; interrupts may be in any state.
 */
noreturn void arch_machine_stop(enum machine_status status);

#endif
