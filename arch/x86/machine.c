/*
 * machine.c (x86): stopping the machine so that the test harness can tell how.
 *
 * QEMU's isa-debug-exit device (port 0xf4) ends QEMU with exit status (value << 1) | 1;
 * writing 0x10 + status gives 33 poweroff, 35 crash, 37 panic, 39 reboot, all distinct
 * from QEMU's own exit statuses. Without the device the write does nothing and the CPU
 * halts with interrupts off.
 */
#include "arch/machine.h"
#include "plat/cpu.h"

#define DEBUG_EXIT_PORT 0xf4
#define DEBUG_EXIT_BASE 0x10

noreturn void arch_machine_stop(enum machine_status status)
{
	outb(DEBUG_EXIT_PORT, (uint8_t)(DEBUG_EXIT_BASE + status));
	x86_halt_forever();
}
