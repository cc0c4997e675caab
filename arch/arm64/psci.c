/*
 * psci.c: stopping the machine through the firmware's PSCI.
 *
 * QEMU's virt board with virtualization=on and no secure firmware implements PSCI itself on
 * the SMC conduit, so `smc #0` from EL2 reaches it. Power-off ends QEMU with SYSTEM_OFF;
 * every other end (crash, panic, reboot) is SYSTEM_RESET, which QEMU run with -no-reboot
 * also turns into an exit. The harness tells them apart by Ringo's last console line.
 */
#include "arch/machine.h"
#include "plat/pl011.h"
#include "plat/psci.h"

/* SMCCC: x0-x17 may be clobbered by the call. */
#define SMCCC_CLOBBERS                                                                       \
	"x4", "x5", "x6", "x7", "x8", "x9", "x10", "x11", "x12", "x13", "x14", "x15", "x16", \
	    "x17", "memory"

long psci_call(uint32_t function, uint64_t arg0, uint64_t arg1, uint64_t arg2)
{
	register uint64_t x0 __asm__("x0") = function;
	register uint64_t x1 __asm__("x1") = arg0;
	register uint64_t x2 __asm__("x2") = arg1;
	register uint64_t x3 __asm__("x3") = arg2;

	__asm__ volatile("smc #0" : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3) : : SMCCC_CLOBBERS);
	return (long)x0;
}

long psci_call_hvc(uint32_t function, uint64_t arg0, uint64_t arg1, uint64_t arg2)
{
	register uint64_t x0 __asm__("x0") = function;
	register uint64_t x1 __asm__("x1") = arg0;
	register uint64_t x2 __asm__("x2") = arg1;
	register uint64_t x3 __asm__("x3") = arg2;

	__asm__ volatile("hvc #0" : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3) : : SMCCC_CLOBBERS);
	return (long)x0;
}

noreturn void arch_machine_stop(enum machine_status status)
{
	pl011_flush();
	psci_call(status == MACHINE_POWEROFF ? PSCI_SYSTEM_OFF : PSCI_SYSTEM_RESET, 0, 0, 0);
	for (;;) {
		__asm__ volatile("wfi");
	}
}
