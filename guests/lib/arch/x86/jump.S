/*
 * jump.S (x86 guest): jump_save / jump_to (x86/jump.h), a minimal setjmp/longjmp.
 *
 * The buffer holds ebx, esi, edi, ebp, the stack pointer after jump_save returns, and
 * its return address, in that order (struct jump_buffer).
 */
	.text
	.globl	jump_save
	.type	jump_save, @function
jump_save:
	mov	4(%esp), %eax
	mov	%ebx, 0(%eax)
	mov	%esi, 4(%eax)
	mov	%edi, 8(%eax)
	mov	%ebp, 12(%eax)
	lea	4(%esp), %ecx		/* the caller's stack once we have returned */
	mov	%ecx, 16(%eax)
	mov	(%esp), %ecx
	mov	%ecx, 20(%eax)
	xor	%eax, %eax
	ret
	.size	jump_save, . - jump_save

	.globl	jump_to
	.type	jump_to, @function
jump_to:
	mov	4(%esp), %edx
	mov	8(%esp), %eax
	test	%eax, %eax
	jnz	1f
	inc	%eax			/* jump_save never returns 0 the second time */
1:	mov	0(%edx), %ebx
	mov	4(%edx), %esi
	mov	8(%edx), %edi
	mov	12(%edx), %ebp
	mov	16(%edx), %esp
	jmp	*20(%edx)
	.size	jump_to, . - jump_to

	.section .note.GNU-stack, "", @progbits
