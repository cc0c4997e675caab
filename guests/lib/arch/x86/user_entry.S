/*
 * user_entry.S (x86 guest): the way into ring 3 and the system-call instruction.
 *
 * user_enter(frame) switches to the iret frame the caller built (struct user_iret in
 * user.c: a spare word, then EIP, CS, EFLAGS, ESP, SS) and jumps into the iret hypercall
 * (slot 23 of the hypercall page), which pushes EAX into the spare word and traps: the
 * hypervisor returns to ring 3 at user_start. There the user program loads its own data
 * segments (the return to ring 3 nulls the ring-1 ones), calls fn(arg) from the top of
 * its stack, and passes the result to the exit system call.
 */
#define FLAT_RING3_DS 0xe033
#define HYPERCALL_IRET_SLOT (23 * 32)
#define USER_SYS_exit 0

	.text
	.globl	user_enter
user_enter:
	mov	4(%esp), %esp
	add	$4, %esp		/* at EIP; the slot pushes EAX below it */
	jmp	hypercall_page + HYPERCALL_IRET_SLOT

	.globl	user_start
user_start:				/* ring 3; the stack holds fn, arg */
	mov	$FLAT_RING3_DS, %eax
	mov	%eax, %ds
	mov	%eax, %es
	pop	%eax
	call	*%eax
	mov	%eax, %ebx
	mov	$USER_SYS_exit, %eax
	int	$0x80
	ud2				/* exit does not return */

/* long user_syscall(long nr, long a1, long a2, long a3): eax = nr, ebx, ecx, edx. */
	.globl	user_syscall
user_syscall:
	push	%ebx
	mov	8(%esp), %eax
	mov	12(%esp), %ebx
	mov	16(%esp), %ecx
	mov	20(%esp), %edx
	int	$0x80
	pop	%ebx
	ret

	.section .note.GNU-stack, "", @progbits
