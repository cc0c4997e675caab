/*
 * plat/boot.h (arm64): the boot path from head.S to core_start.
 */
#ifndef RINGO_PLAT_BOOT_H
#define RINGO_PLAT_BOOT_H

#include "types.h"

/* Called by head.S at EL2 with the MMU off, BSS cleared and a stack; x0 from U-Boot. */
noreturn void arch_boot(uint64_t fdt_address);

/* Called by head.S when not entered at EL2: say so on the console, then stop. */
noreturn void arch_boot_wrong_el(uint64_t fdt_address, uint64_t current_el);

/* Puts EL2's controls of the guest in place (HCR_EL2, CPTR_EL2, MDCR_EL2, timers). */
void el2_init(void);

/* Sets the guard value libfdt's stack protector checks (before libfdt runs). */
void stack_protector_init(void);

/* The image's bounds, from ringo.ld. */
extern char _start[];
extern char _end[];

#endif
