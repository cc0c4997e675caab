/*
 * entry.S (x86): the way into the hypervisor from any trap, and the way back out.
 *
 * One stub per vector pushes a zero where the CPU pushes no error code, then the vector,
 * and joins x86_trap_common, which completes a struct x86_regs (plat/regs.h) beneath the
 * CPU's frame. A trap from a guest arrives on the entry stack (the TSS's esp0) with the
 * guest's page tables still loaded, which map only the trampoline (layout.h): so this
 * code, the entry stack and what it reads live there. It then switches cr3 to the
 * hypervisor's tables, and the stack to the hypervisor stack, and calls x86_trap(frame);
 * the frame stays on the entry stack, which the hypervisor's tables map too. A trap taken
 * in the hypervisor finds its tables loaded already and nests on the current stack.
 * Entry clears the direction flag (the guest may have left it set; C assumes it clear)
 * and loads the hypervisor's data segments; a guest's fs and gs stay loaded, unused.
 *
 * x86_trap does not return for a guest's trap (it leaves through x86_enter_guest), and
 * otherwise only for a trap it ignores; the stub then reloads the cr3 it interrupted and
 * returns through x86_regs_restore. On the way to a guest, the loads of its data segments
 * and the final iret can fault on a selector the guest made invalid; traps.c recognises
 * those two places (x86_exit_segments, x86_exit_iret) and sends the guest to its
 * failsafe callback instead of panicking.
 */
#include "generated/asm_offsets.h"
#include "plat/layout.h"

/* The vectors for which the CPU pushes an error code. */
#define HAS_ERROR_CODE(v) \
	((v) == 8 || ((v) >= 10 && (v) <= 14) || (v) == 17 || (v) == 21 || (v) == 29 || (v) == 30)

	.section .rodata
	.p2align 2
	.globl	x86_vector_stubs
x86_vector_stubs:			/* filled in, one address per stub, below */

	.section X86_TRAMPOLINE_TEXT, "ax"
	.set	vector, 0
	.rept	256
	.p2align 4
1:	.if	HAS_ERROR_CODE(vector)
	.else
	pushl	$0
	.endif
	pushl	$vector
	jmp	x86_trap_common
	.pushsection .rodata
	.long	1b
	.popsection
	.set	vector, vector + 1
	.endr

x86_trap_common:
	cld
	sub	$REGS_VECTOR, %esp
	mov	%eax, REGS_EAX(%esp)
	mov	%ebx, REGS_EBX(%esp)
	mov	%ecx, REGS_ECX(%esp)
	mov	%edx, REGS_EDX(%esp)
	mov	%esi, REGS_ESI(%esp)
	mov	%edi, REGS_EDI(%esp)
	mov	%ebp, REGS_EBP(%esp)
	xor	%eax, %eax		/* selectors are saved zero-extended */
	mov	%ds, %ax
	mov	%eax, REGS_DS(%esp)
	mov	%es, %ax
	mov	%eax, REGS_ES(%esp)
	mov	%fs, %ax
	mov	%eax, REGS_FS(%esp)
	mov	%gs, %ax
	mov	%eax, REGS_GS(%esp)
	mov	$X86_HV_DS, %eax
	mov	%eax, %ds
	mov	%eax, %es
	mov	%esp, %ebx		/* the frame; ebx and esi survive the call */
	mov	%cr3, %esi		/* the interrupted page tables */
	mov	x86_hypervisor_cr3, %eax
	cmp	%eax, %esi
	je	1f
	mov	%eax, %cr3
	mov	$x86_stack_top, %esp	/* the entry stack is for the frame only */
1:	push	%ebx
	call	x86_trap
	mov	%ebx, %esp
	mov	%cr3, %eax
	cmp	%eax, %esi
	je	x86_regs_restore
	mov	%esi, %cr3
	/* fall through */

x86_regs_restore:
	.globl	x86_exit_segments
x86_exit_segments:			/* a guest's selectors may fault here (traps.c) */
	movw	REGS_DS(%esp), %ds
	movw	REGS_ES(%esp), %es
	movw	REGS_FS(%esp), %fs
	movw	REGS_GS(%esp), %gs
	.globl	x86_exit_segments_end
x86_exit_segments_end:
	mov	REGS_EBX(%esp), %ebx
	mov	REGS_ECX(%esp), %ecx
	mov	REGS_EDX(%esp), %edx
	mov	REGS_ESI(%esp), %esi
	mov	REGS_EDI(%esp), %edi
	mov	REGS_EBP(%esp), %ebp
	mov	REGS_EAX(%esp), %eax
	add	$REGS_EIP, %esp		/* past the vector and error code */
	.globl	x86_exit_iret
x86_exit_iret:				/* ... and here, on cs, ss, eip or esp */
	iret

/*
 * noreturn void x86_enter_guest(const struct x86_regs *regs, uint32_t cr3)
 *
 * Copies regs to the top of the entry stack, where the guest's next trap will put its
 * frame, loads the guest's page tables (this code and that stack are in the trampoline,
 * mapped in both), and returns to the guest from there. What was on the hypervisor stack
 * is dead: the caller never returns.
 */
	.globl	x86_enter_guest
x86_enter_guest:
	mov	4(%esp), %esi
	mov	8(%esp), %edx
	mov	$(x86_entry_stack_top - REGS_SIZE), %esp
	mov	%esp, %edi
	mov	$(REGS_SIZE / 4), %ecx
	rep movsl
	mov	%edx, %cr3
	jmp	x86_regs_restore

	.section X86_TRAMPOLINE_STACK, "aw", @nobits
	.p2align 12
	.skip	X86_ENTRY_STACK_SIZE
	.globl	x86_entry_stack_top
x86_entry_stack_top:

	.section .note.GNU-stack, "", @progbits
