/*
 * user_helpers.S (user_x86): ring-3 code with known instruction addresses, so the tests
 * can check the EIP a fault reports and resume past a faulting instruction (each one
 * marked *_site is 2 bytes long).
 */
	.text

/* uint32_t user_read(uint32_t address) */
	.globl	user_read, user_read_site
user_read:
	mov	4(%esp), %ecx
	xor	%eax, %eax
user_read_site:
	mov	(%ecx), %eax
	ret

/* uint32_t user_write(uint32_t address): writes, returns 0 (or what a handler put in EAX). */
	.globl	user_write, user_write_site
user_write:
	mov	4(%esp), %ecx
	xor	%eax, %eax
user_write_site:
	mov	%eax, (%ecx)
	ret

	.globl	user_cli, user_cli_site
user_cli:
user_cli_site:
	cli
	ret

	.globl	user_int82, user_int82_site
user_int82:
	mov	$17, %eax
user_int82_site:
	int	$0x82
	ret

/* long user_ud2(long value): returns value + 1 if a handler skips the ud2 for it. */
	.globl	user_ud2, user_ud2_site
user_ud2:
	mov	4(%esp), %eax
user_ud2_site:
	ud2
	inc	%eax
	ret

	.globl	user_divide, user_divide_site
user_divide:
	xor	%edx, %edx
	xor	%ecx, %ecx
	mov	$1, %eax
user_divide_site:
	div	%ecx
	ret

/* uint32_t user_pci_id(void): the host bridge's id through ports 0xcf8/0xcfc. */
	.globl	user_pci_id
user_pci_id:
	mov	$0x80000000, %eax
	mov	$0xcf8, %edx
	outl	%eax, %dx
	mov	$0xcfc, %edx
	inl	%dx, %eax
	ret

	.section .note.GNU-stack, "", @progbits
