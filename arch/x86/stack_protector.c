/*
 * stack_protector.c (x86): what Debian's i386 libfdt, built with -fstack-protector-strong,
 * expects of its environment.
 *
 * Ringo's own code is built without the protector. A protected libfdt function reads the
 * canary at %gs:0x14 (where i386 glibc keeps it, in the thread control block), compares it
 * again on return and calls __stack_chk_fail_local on a mismatch: here a hypervisor bug,
 * so a panic. The hypervisor's GS segment (X86_HV_GS, loaded by gdt_init) has its base at
 * x86_stack_guard_area, whose word at offset 0x14 is the canary, seeded from the TSC at
 * boot before libfdt first runs.
 *
 * %gs is also a guest register, and the entry code does not reload it: once a guest has
 * run, its gs stays loaded in the hypervisor. So libfdt may run only at boot, before the
 * first guest (the boot configuration is parsed in core_start, before any domain runs).
 */
#include "check.h"
#include "plat/boot.h"

/* Offset of the canary from the GS base: i386 glibc's tcbhead_t.stack_guard. */
#define STACK_GUARD_OFFSET 0x14

uint32_t x86_stack_guard_area[X86_STACK_GUARD_AREA_WORDS] = {
    [STACK_GUARD_OFFSET / 4] = 0x52696e67, /* replaced at boot */
};

_Static_assert(STACK_GUARD_OFFSET / 4 < X86_STACK_GUARD_AREA_WORDS, "canary past the area");

noreturn void __stack_chk_fail(void);
noreturn void __stack_chk_fail_local(void);

noreturn void __stack_chk_fail(void)
{
	panic("stack smashing detected (libfdt)");
}

/* What PIC code on i386 calls (glibc's libc_nonshared has it as a hidden alias). */
noreturn void __stack_chk_fail_local(void)
{
	__stack_chk_fail();
}

void stack_protector_init(void)
{
	uint32_t low;
	uint32_t high;
	uint32_t guard;

	__asm__ volatile("rdtsc" : "=a"(low), "=d"(high));
	guard = x86_stack_guard_area[STACK_GUARD_OFFSET / 4] ^ low ^ (low << 13) ^ (high << 7);
	/* A zero low byte stops string overruns from copying past the canary. */
	x86_stack_guard_area[STACK_GUARD_OFFSET / 4] = guard & ~0xffu;
}
