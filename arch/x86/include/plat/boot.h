/*
 * plat/boot.h (x86): the steps of the x86 boot recipe (start.c runs them in order).
 */
#ifndef RINGO_PLAT_BOOT_H
#define RINGO_PLAT_BOOT_H

#include "bootinfo.h"

/* The C entry point, called by boot.S with paging on and the hypervisor stack set. */
noreturn void x86_start(uint32_t multiboot_magic, uint32_t multiboot_info);

void uart_init(void);
void cpu_init(void);
void gdt_init(void);
void idt_init(void);
void pic_init(void);

/*
 * Seeds the stack-protector canary libfdt checks (stack_protector.c); runs before any
 * libfdt code. The canary lives in x86_stack_guard_area, the base of the hypervisor's GS
 * segment X86_HV_GS (gdt.c).
 */
void stack_protector_init(void);
#define X86_STACK_GUARD_AREA_WORDS 8
extern uint32_t x86_stack_guard_area[X86_STACK_GUARD_AREA_WORDS];

/* Fills info from the multiboot information structure at machine address info_addr. */
void multiboot_parse(uint32_t magic, uint32_t info_addr, struct boot_info *info);

/* The top of the hypervisor stack (boot.S). */
extern uint8_t x86_stack_top[];

/* The top of the entry stack (entry.S), where the TSS sends traps from a guest. */
extern uint8_t x86_entry_stack_top[];

/* The hypervisor image's machine address range, from the linker script. */
maddr_t image_start_maddr(void);
maddr_t image_end_maddr(void);

#endif
