/*
 * boot.S (x86): the multiboot header and the first instructions of the hypervisor.
 *
 * A multiboot loader (QEMU -kernel, GRUB) loads the image at its physical addresses (from
 * 1 MiB) and jumps here in 32-bit protected mode with paging off, EAX = the multiboot
 * magic and EBX = the machine address of the multiboot information. The image is linked
 * in the directmap (layout.h), so until paging is on every symbol is named by its physical
 * address, PHYS(symbol). This code clears .bss, fills the hypervisor page tables just
 * enough to run high (the directmap, plus an identity map of the first 4 MiB that
 * paging_init drops again), turns on PAE paging with CR0.WP (ring 1 counts as supervisor
 * to paging, and without WP a supervisor write ignores a read-only mapping), and calls
 * x86_start(magic, info) on the hypervisor stack.
 */
#include "plat/cpu.h"
#include "plat/layout.h"
#include "plat/pae.h"

#define MULTIBOOT_HEADER_MAGIC 0x1BADB002
#define MULTIBOOT_PAGE_ALIGN 0x1 /* modules on page boundaries: they are handed out whole */
#define MULTIBOOT_MEMORY_INFO 0x2
#define MULTIBOOT_HEADER_FLAGS (MULTIBOOT_PAGE_ALIGN | MULTIBOOT_MEMORY_INFO)

#define PHYS(symbol) ((symbol) - X86_DIRECTMAP_START)
#define BOOT_CS 0x08
#define BOOT_DS 0x10
#define DIRECTMAP_L2_INDEX ((X86_DIRECTMAP_START >> PAE_L2_SHIFT) & (PAE_ENTRIES - 1))
#define SUPERPAGE_FLAGS (PAE_PRESENT | PAE_RW | PAE_PSE)

	.section .text.boot, "ax"
	.code32

	/* Must lie in the first 8 KiB of the file: the linker script puts it first. */
	.p2align 2
multiboot_header:
	.long MULTIBOOT_HEADER_MAGIC
	.long MULTIBOOT_HEADER_FLAGS
	.long -(MULTIBOOT_HEADER_MAGIC + MULTIBOOT_HEADER_FLAGS)

	.globl x86_boot_entry
x86_boot_entry:
	cli
	cld
	mov	%eax, %ebp		/* multiboot magic */
	mov	%ebx, %esi		/* multiboot information */

	/* The loader need not have zeroed .bss; the page tables below live there. */
	mov	$PHYS(__bss_start), %edi
	mov	$PHYS(__bss_end), %ecx
	sub	%edi, %ecx
	shr	$2, %ecx
	xor	%eax, %eax
	rep stosl

	/* Our own flat segments: the loader's GDT may be anywhere. */
	lgdt	PHYS(boot_gdtr)
	ljmp	$BOOT_CS, $PHYS(1f)
1:	mov	$BOOT_DS, %eax
	mov	%eax, %ds
	mov	%eax, %es
	mov	%eax, %ss
	mov	%eax, %fs
	mov	%eax, %gs

	/* Directmap: machine memory from 0 in 2 MiB pages in the top-GiB L2. */
	mov	$(PHYS(x86_hv_l2_high) + DIRECTMAP_L2_INDEX * 8), %edi
	mov	$SUPERPAGE_FLAGS, %eax
	mov	$(X86_DIRECTMAP_SIZE >> PAE_L2_SHIFT), %ecx
2:	mov	%eax, (%edi)
	add	$PAE_SUPERPAGE_SIZE, %eax
	add	$8, %edi
	loop	2b

	/* Identity map of 0 - 4 MiB, so this code survives the switch to paging. */
	movl	$SUPERPAGE_FLAGS, PHYS(x86_hv_l2_low)
	movl	$(PAE_SUPERPAGE_SIZE + SUPERPAGE_FLAGS), PHYS(x86_hv_l2_low) + 8

	/* PDPT entries carry only the present bit (the others are reserved there). */
	movl	$(PHYS(x86_hv_l2_low) + PAE_PRESENT), PHYS(x86_hv_l3)
	movl	$(PHYS(x86_hv_l2_high) + PAE_PRESENT), PHYS(x86_hv_l3) + 3 * 8

	mov	%cr4, %eax
	or	$X86_CR4_PAE, %eax
	mov	%eax, %cr4
	mov	$PHYS(x86_hv_l3), %eax
	mov	%eax, %cr3
	mov	%cr0, %eax
	or	$(X86_CR0_PG | X86_CR0_WP), %eax
	mov	%eax, %cr0
	mov	$3f, %eax
	jmp	*%eax			/* to the high (linked) address */

3:	mov	$x86_stack_top, %esp
	push	%esi
	push	%ebp
	xor	%ebp, %ebp		/* ends frame-pointer walks here */
	call	x86_start
	ud2

	/* Used only until gdt_init loads the real GDT. */
	.p2align 3
boot_gdt:
	.quad	0
	.quad	0x00cf9b000000ffff	/* BOOT_CS: ring 0 code, flat 4 GiB */
	.quad	0x00cf93000000ffff	/* BOOT_DS: ring 0 data, flat 4 GiB */
boot_gdtr:
	.word	boot_gdtr - boot_gdt - 1
	.long	PHYS(boot_gdt)

	.section .bss.stack, "aw", @nobits
	.p2align 4
x86_stack:
	.skip	X86_STACK_SIZE
	.globl	x86_stack_top
x86_stack_top:

	.section .note.GNU-stack, "", @progbits
