/*
 * hypercall.S (x86 guest): the hypercall page and the raw hypercall stubs.
 *
 * The hypervisor fills hypercall_page when it loads the image (the HYPERCALL_PAGE note in
 * notes.S names it): 32-byte slots, slot n loads n into EAX and does int $0x82. A call goes
 * through slot nr, as a Xen kernel's would. Numbers past the page's 128 slots have no slot
 * and use int $0x82 directly, so a test can still make them.
 *
 * long hypercallN(unsigned long nr, a1 .. aN): cdecl arguments; a1..a5 go to EBX, ECX,
 * EDX, ESI, EDI (ABI.md section 1); EBX, ESI, EDI and EBP are preserved for the caller.
 */
#define HYPERCALL_VECTOR 0x82
#define HYPERCALL_SLOTS 128
#define SLOT_SHIFT 5
#define SAVED 16 /* four saved registers between the return address and the arguments */

	.section .text.hypercall_page, "ax"
	.p2align 12
	.globl	hypercall_page
hypercall_page:
	.fill	4096, 1, 0xcc		/* int3 until the hypervisor fills it */

/* Loads argument \index (1-based) of a hypercallN call into \reg. */
.macro load_arg index, reg
	mov	(SAVED + 4 + 4 * \index)(%esp), \reg
.endm

.macro hypercall_stub count
	.text
	.globl	hypercall\count
	.type	hypercall\count, @function
hypercall\count:
	push	%ebp
	push	%edi
	push	%esi
	push	%ebx
	mov	(SAVED + 4)(%esp), %eax
	.if \count >= 1
	load_arg 1, %ebx
	.endif
	.if \count >= 2
	load_arg 2, %ecx
	.endif
	.if \count >= 3
	load_arg 3, %edx
	.endif
	.if \count >= 4
	load_arg 4, %esi
	.endif
	.if \count >= 5
	load_arg 5, %edi
	.endif
	cmp	$HYPERCALL_SLOTS, %eax
	jae	1f
	shl	$SLOT_SHIFT, %eax
	add	$hypercall_page, %eax
	call	*%eax
	jmp	2f
1:	int	$HYPERCALL_VECTOR
2:	pop	%ebx
	pop	%esi
	pop	%edi
	pop	%ebp
	ret
	.size	hypercall\count, . - hypercall\count
.endm

	hypercall_stub 0
	hypercall_stub 1
	hypercall_stub 2
	hypercall_stub 3
	hypercall_stub 4
	hypercall_stub 5

	.section .note.GNU-stack, "", @progbits
