/*
 * start.c (x86): the x86 boot recipe, from boot.S to the portable core.
 *
 * The console comes first so that anything after it can say what went wrong; the
 * stack-protector canary is seeded before gdt_init loads the segment libfdt reads it
 * through; the GDT and IDT before paging_init drops the identity map, because the boot
 * GDT lives there; the multiboot information is read through the RAM map, which
 * multiboot_parse extends to the end of RAM.
 */
#include "bootinfo.h"
#include "plat/boot.h"
#include "plat/paging.h"

noreturn void x86_start(uint32_t multiboot_magic, uint32_t multiboot_info)
{
	static struct boot_info info;

	uart_init();
	cpu_init();
	stack_protector_init();
	pt_init();
	gdt_init();
	idt_init();
	paging_init();
	pic_init();
	multiboot_parse(multiboot_magic, multiboot_info, &info);
	core_start(&info);
}
