/*
 * stack_protector.c: what Debian's libfdt, built with -fstack-protector-strong, expects.
 *
 * Ringo's own code is built without the protector; libfdt's functions compare their canary
 * against __stack_chk_guard on return and call __stack_chk_fail on a mismatch, which here
 * is a hypervisor bug (the device tree is parsed at boot only). The guard is seeded from
 * the counter at boot, before libfdt first runs.
 */
#include "check.h"
#include "plat/boot.h"
#include "plat/sysreg.h"

uintptr_t __stack_chk_guard = 0x52696e676f2d3634UL;

noreturn void __stack_chk_fail(void);

noreturn void __stack_chk_fail(void)
{
	panic("stack smashing detected (libfdt)");
}

void stack_protector_init(void)
{
	uint64_t count = read_sysreg(cntpct_el0);

	/* A zero low byte stops string overruns from copying past the canary. */
	__stack_chk_guard ^= (count << 8) ^ (count << 29);
	__stack_chk_guard &= ~0xffUL;
}
