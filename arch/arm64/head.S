/*
 * head.S: the arm64 Image header and the first instructions Ringo runs.
 *
 * U-Boot's booti reads the 64-byte header (the Linux arm64 boot protocol): flags bit 3 is
 * clear, so booti places the Image at the 2 MiB-aligned base of RAM plus text_offset, which
 * is where ringo.ld links it (0x40400000 on QEMU virt). It enters here with the MMU and
 * D-cache off, x0 = the device tree's address, normally at EL2. This code checks the
 * exception level and the load address, clears BSS, takes the hypervisor stack, installs
 * the EL2 vectors and calls arch_boot() in C.
 */
#include "plat/offsets.h"
#include "plat/sysreg.h"

#define IMAGE_TEXT_OFFSET 0x400000
/* Little-endian, 4 KiB pages, 2 MiB-aligned base of RAM (bit 3 clear). */
#define IMAGE_FLAGS 0x2

	.section .text.head, "ax"
	.global _head
_head:
	b	primary_entry			/* code0 */
	.long	0				/* code1 */
	.quad	IMAGE_TEXT_OFFSET		/* text_offset */
	.quad	ringo_image_size		/* image_size: BSS, stack and tables included */
	.quad	IMAGE_FLAGS			/* flags */
	.quad	0, 0, 0				/* res2-res4 */
	.ascii	"ARM\x64"			/* magic */
	.long	0				/* res5: no PE/COFF header */

primary_entry:
	mov	x19, x0				/* the device tree, kept across the set-up */
	msr	daifset, #0xf
	/* SP_EL2, whatever the firmware chose: the EL2 vectors expect exceptions on it. */
	msr	spsel, #1
	bl	clear_bss
	adrp	x0, hv_stack_top
	add	x0, x0, :lo12:hv_stack_top
	mov	sp, x0
	mrs	x20, CurrentEL
	lsr	x20, x20, #CURRENT_EL_SHIFT
	cmp	x20, #2
	b.ne	wrong_el
	/* Linked at a fixed address: running anywhere else would follow wrong pointers. */
	adr	x0, _head
	ldr	x1, =_start
	cmp	x0, x1
	b.ne	misplaced
	adrp	x0, el2_vectors
	add	x0, x0, :lo12:el2_vectors
	msr	vbar_el2, x0
	isb
	mov	x0, x19
	bl	arch_boot
	b	stop

wrong_el:
	mov	x0, x19
	mov	x1, x20
	bl	arch_boot_wrong_el
	b	stop

misplaced:
	/* No console yet, and C code cannot run here; wait forever where a debugger can see. */
stop:
	wfe
	b	stop

/* Zeroes [__bss_start, __bss_end): both 16-byte aligned (ringo.ld). Uses x0, x1. */
clear_bss:
	adrp	x0, __bss_start
	add	x0, x0, :lo12:__bss_start
	adrp	x1, __bss_end
	add	x1, x1, :lo12:__bss_end
1:	cmp	x0, x1
	b.hs	2f
	stp	xzr, xzr, [x0], #16
	b	1b
2:	ret

	.section .bss.stack, "aw", %nobits
	.balign	16
	.global	hv_stack_top
hv_stack:
	.space	HV_STACK_SIZE
hv_stack_top:

	.section .note.GNU-stack, "", %progbits
