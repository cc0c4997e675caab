/*
 * start.S (x86): the native bench image's entry, and its way into ring 3 and back.
 *
 * QEMU's multiboot loader enters native_start in 32-bit protected mode, paging off, with
 * its own flat segments; the image loads its GDT (native.c builds it) and calls
 * native_main. native_user_run(fn, arg) runs fn(arg) in ring 3, on a stack of its own,
 * and returns its value: it irets into ring 3 (interrupts stay off there: nothing is
 * routed), the ring-3 side calls fn and makes the exit system call (`int $0x80`, EAX 0,
 * EBX the value), which bench_x86_int80_entry (bench_user.S) hands to
 * bench_x86_int80_other here: it drops the trap frame and returns from native_user_run.
 */
#define MULTIBOOT_MAGIC 0x1badb002
#define MULTIBOOT_FLAGS 0
#define KERNEL_CS 0x08
#define KERNEL_DS 0x10
#define USER_CS 0x1b
#define USER_DS 0x23
#define EFLAGS_RESERVED 0x2
#define USER_SYS_exit 0
#define STACK_SIZE 0x4000

	.section .text.multiboot, "ax"
	.p2align 2
	.long	MULTIBOOT_MAGIC
	.long	MULTIBOOT_FLAGS
	.long	-(MULTIBOOT_MAGIC + MULTIBOOT_FLAGS)

	.text
	.globl	native_start
native_start:
	cli
	mov	$kernel_stack_top, %esp
	call	native_cpu_init		/* GDT, IDT, TSS, paging */
	ljmp	$KERNEL_CS, $1f
1:	mov	$KERNEL_DS, %eax
	mov	%eax, %ds
	mov	%eax, %es
	mov	%eax, %fs
	mov	%eax, %gs
	mov	%eax, %ss
	call	native_main
	ud2				/* native_main stops the machine */

/* long native_user_run(long (*fn)(long), long arg) */
	.globl	native_user_run
native_user_run:
	push	%ebp
	push	%ebx
	push	%esi
	push	%edi
	mov	%esp, user_return_esp
	mov	20(%esp), %eax		/* fn */
	mov	24(%esp), %ecx		/* arg */
	mov	$(user_stack_top - 8), %edx
	mov	%eax, (%edx)
	mov	%ecx, 4(%edx)
	push	$USER_DS
	push	%edx
	push	$EFLAGS_RESERVED
	push	$USER_CS
	push	$user_start
	iret

user_start:				/* ring 3; the stack holds fn, arg */
	mov	$USER_DS, %eax
	mov	%eax, %ds
	mov	%eax, %es
	pop	%eax
	call	*%eax
	mov	%eax, %ebx
	mov	$USER_SYS_exit, %eax
	int	$0x80
	ud2

	.globl	bench_x86_int80_other
bench_x86_int80_other:			/* ring 0: the exit call, EBX the value */
	mov	$KERNEL_DS, %eax
	mov	%eax, %ds
	mov	%eax, %es
	mov	user_return_esp, %esp
	mov	%ebx, %eax
	pop	%edi
	pop	%esi
	pop	%ebx
	pop	%ebp
	ret

	.globl	native_unexpected_trap
native_unexpected_trap:			/* any other vector: stop, telling why */
	mov	$KERNEL_DS, %eax
	mov	%eax, %ds
	mov	%eax, %es
	mov	$kernel_stack_top, %esp
	call	native_trap_stop

	.bss
	.p2align 4
	.skip	STACK_SIZE
kernel_stack_top:
	.globl	interrupt_stack_top
	.skip	STACK_SIZE
interrupt_stack_top:
	.skip	STACK_SIZE
user_stack_top:
user_return_esp:
	.skip	4

	.section .note.GNU-stack, "", @progbits
