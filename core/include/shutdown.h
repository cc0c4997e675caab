/*
 * shutdown.h: how the whole machine stops.
 *
 * The last line the hypervisor prints is always "ringo: shutdown: <status>", and the arch
 * then stops the machine in a way the test harness can read (x86: isa-debug-exit code;
 * ARM64: PSCI SYSTEM_OFF for poweroff, SYSTEM_RESET otherwise, QEMU run with -no-reboot).
 * Domain 0's shutdown reason becomes the machine's.
 */
#ifndef RINGO_SHUTDOWN_H
#define RINGO_SHUTDOWN_H

#include "types.h"

enum machine_status {
	MACHINE_POWEROFF = 0,
	MACHINE_CRASH = 1,
	MACHINE_PANIC = 2,
	MACHINE_REBOOT = 3,
};

noreturn void machine_shutdown(enum machine_status status);
const char *machine_status_name(enum machine_status status);

#endif
