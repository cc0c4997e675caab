/*
 * helpers.S (trap_x86): instruction sequences the trap tests need exactly.
 */
#define FLAT_RING1_DS 0xe021
#define HYPERCALL_VECTOR 0x82
#define HYPERCALL_IRET 23

	.text

/*
 * long iret_try(uint32_t eax, uint32_t eip, uint32_t cs, uint32_t eflags, uint32_t esp,
 *               uint32_t ss)
 * Pushes an iret frame (EAX, EIP, CS, EFLAGS, ESP, SS) and makes the iret hypercall with
 * int $0x82. eip 0 means iret_landing, just below: an accepted return to ring 1 lands
 * there with EAX restored; a refused one falls through with EAX = -errno. Both return.
 */
	.globl	iret_try
iret_try:
	push	%ebp
	mov	%esp, %ebp
	pushl	28(%ebp)
	pushl	24(%ebp)
	pushl	20(%ebp)
	pushl	16(%ebp)
	mov	12(%ebp), %eax
	test	%eax, %eax
	jnz	1f
	mov	$iret_landing, %eax
1:	push	%eax
	pushl	8(%ebp)
	mov	$HYPERCALL_IRET, %eax
	int	$HYPERCALL_VECTOR
	mov	%ebp, %esp
	pop	%ebp
	ret
	.globl	iret_landing
iret_landing:
	mov	%ebp, %esp
	pop	%ebp
	ret

/* void ud2_on_stack(uint32_t esp): switches to esp and executes ud2 (does not return). */
	.globl	ud2_on_stack
ud2_on_stack:
	mov	4(%esp), %esp
	.globl	ud2_on_stack_site
ud2_on_stack_site:
	ud2

/*
 * The failsafe callback: DS..GS are null on entry, so reload the kernel's first, then
 * hand the frame (DS, ES, FS, GS, EIP, CS, EFLAGS[, ESP, SS]) to C.
 */
	.globl	failsafe_entry
failsafe_entry:
	mov	$FLAT_RING1_DS, %eax
	mov	%eax, %ds
	mov	%eax, %es
	mov	%esp, %eax
	push	%eax
	call	failsafe_seen
	ud2

/* uint32_t load_ds(uint32_t selector): loads DS, returns what was there before. */
	.globl	load_ds
load_ds:
	xor	%eax, %eax
	mov	%ds, %ax
	mov	4(%esp), %ecx
	mov	%ecx, %ds
	ret

/* int3 at int3_site, so the test knows where #BP must report (the next instruction). */
	.globl	do_int3
do_int3:
	int3
	.globl	int3_next
int3_next:
	ret

/* int $0x40 and int $0x41, with the return addresses a handler must see. */
	.globl	do_int40
do_int40:
	int	$0x40
	.globl	int40_next
int40_next:
	ret
	.globl	do_int41
do_int41:
	.globl	int41_site
int41_site:
	int	$0x41
	ret

/* The forced-emulation prefix followed by a nop: a plain #UD at the prefix. */
	.globl	prefix_nop
prefix_nop:
	.globl	prefix_nop_site
prefix_nop_site:
	ud2a
	.ascii	"xen"
	nop
	ret

/*
 * void tf_step_cr0(void): sets the trap flag, then reads %cr0, which the hypervisor
 * emulates: the single-step #DB comes at tf_step_next, after the emulated instruction (a
 * missing one would come after the nop instead). Clears the flag again if it returns.
 */
	.globl	tf_step_cr0
tf_step_cr0:
	pushf
	orl	$0x100, (%esp)
	popf
	mov	%cr0, %eax
	.globl	tf_step_next
tf_step_next:
	nop
	pushf
	andl	$~0x100, (%esp)
	popf
	ret

	.section .note.GNU-stack, "", @progbits
