/*
 * trap_entry.S (x86 guest): where the hypervisor's bounces and the direct system-call
 * gate land in the guest kernel.
 *
 * An exception arrives on the ring-1 stack with the bounce frame on it (ABI.md section
 * 5): [error code,] EIP, CS, EFLAGS [, ESP, SS from ring 3]. Each vector's stub pushes a
 * zero where there is no error code, then the vector, and joins trap_common, which saves
 * the registers and the data segments (struct trap_frame, x86/traps.h), loads the kernel's
 * data segments (a trap from ring 3 may come with null ones) and calls trap_dispatch. On
 * the way back it restores them and returns through the iret hypercall (slot 23 of the
 * hypercall page, which pushes EAX itself), so the event mask in the frame is restored
 * too.
 *
 * The event callback (event_callback_entry) is the event upcall, entered like an
 * interrupt and returned from the same way.
 *
 * The system-call vector 0x80 is the fast path: the CPU itself brings `int $0x80` from ring
 * 3 here through the direct gate, without the hypervisor, onto the stack_switch stack. Its
 * entry returns with a plain iret, which ring 1 may execute towards ring 3: the whole
 * round trip stays out of the hypervisor.
 */
#define FLAT_RING1_DS 0xe021
#define HYPERCALL_IRET_SLOT (23 * 32)
#define EVENT_CALLBACK_VECTOR 0x100 /* not a CPU vector: marks the frame as an upcall */

/* Vectors for which the CPU (and so the hypervisor's bounce) pushes an error code. */
#define HAS_ERROR_CODE(v) \
	((v) == 8 || ((v) >= 10 && (v) <= 14) || (v) == 17 || (v) == 21 || (v) == 29 || (v) == 30)

	.section .rodata
	.p2align 2
	.globl	trap_stubs
trap_stubs:				/* one address per vector 0-31, filled below */

	.text
	.set	vector, 0
	.rept	32
	.p2align 4
1:	.if	HAS_ERROR_CODE(vector)
	.else
	pushl	$0
	.endif
	pushl	$vector
	jmp	trap_common
	.pushsection .rodata
	.long	1b
	.popsection
	.set	vector, vector + 1
	.endr

.macro save_frame
	pusha
	push	%ds
	push	%es
	mov	$FLAT_RING1_DS, %eax
	mov	%eax, %ds
	mov	%eax, %es
	cld
.endm

.macro restore_frame
	pop	%es
	pop	%ds
	popa
	add	$8, %esp		/* the vector and the error code */
.endm

trap_common:
	save_frame
	push	%esp			/* struct trap_frame * */
	call	trap_dispatch
	add	$4, %esp
	restore_frame
	jmp	hypercall_page + HYPERCALL_IRET_SLOT

/* noreturn void trap_return(struct trap_frame *frame): resumes a frame handed to C. */
	.globl	trap_return
trap_return:
	mov	4(%esp), %esp
	restore_frame
	jmp	hypercall_page + HYPERCALL_IRET_SLOT

/*
 * The CALLBACKTYPE_event callback (events.h): entered by a bounce frame exactly like an
 * interrupt without error code, with events masked. The dispatcher runs on that stack;
 * the iret hypercall then restores the event mask the frame carries (EFLAGS.IF), and the
 * hypervisor delivers any upcall that became pending meanwhile on its way back.
 */
	.p2align 4
	.globl	event_callback_entry
event_callback_entry:
	pushl	$0
	pushl	$EVENT_CALLBACK_VECTOR
	save_frame
	call	evtchn_do_upcall
	restore_frame
	jmp	hypercall_page + HYPERCALL_IRET_SLOT

	.p2align 4
	.globl	trap_syscall_entry
trap_syscall_entry:
	pushl	$0
	pushl	$0x80
	save_frame
	push	%esp
	call	syscall_dispatch
	add	$4, %esp
	restore_frame
	iret				/* straight back to ring 3, no hypervisor */

	.section .note.GNU-stack, "", @progbits
