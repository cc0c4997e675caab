/*
 * start.S (x86 guest): the guest kernel's entry point.
 *
 * The hypervisor enters here in ring 1 with ESI = the VA of start_info and ESP at the top
 * of the one-page boot stack it built. The guest moves to its own, larger stack in .bss
 * (a page is little for printf and the tests) and calls guest_start(start_info).
 */
#define GUEST_STACK_SIZE 0x4000

	.section .text.start, "ax"
	.globl	_start
_start:
	cld
	mov	$guest_stack_top, %esp
	xor	%ebp, %ebp		/* ends frame-pointer walks here */
	push	%esi
	call	guest_start
	ud2				/* guest_start does not return */

	.section .bss.stack, "aw", @nobits
	.p2align 4
	.skip	GUEST_STACK_SIZE
guest_stack_top:

	.section .note.GNU-stack, "", @progbits
