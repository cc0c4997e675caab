/*
 * entry.S (x86): the way into the hypervisor from any trap, and the way back out.
 *
 * One stub per vector pushes a zero where the CPU pushes no error code, then the vector,
 * and joins x86_trap_common, which pushes the registers beneath them: a struct x86_regs
 * (plat/regs.h) under the CPU's frame. A trap from a guest arrives on the entry stack (the
 * TSS's esp0) with the guest's page tables still loaded, which map only the trampoline
 * (layout.h): so this code, the entry stack and what it reads live there. The frame lands
 * at the top of the entry stack, x86_guest_frame, which is where the loaded vCPU's
 * registers live (cpu_state.c), so nothing is copied. The code then switches cr3 to the
 * hypervisor's tables and the stack to the hypervisor stack (the entry stack is for the
 * frame only), and calls x86_guest_trap(frame) (traps.c), which returns the cr3 to go back
 * with when the guest can resume at once, or goes the long way itself. Entry clears the
 * direction flag (the guest may have left it set; C assumes it clear) and loads the
 * hypervisor's data segments; a guest's fs and gs stay loaded, unused.
 *
 * A page fault from a guest, the trap guests take most, has a way of its own: its stub
 * joins x86_page_fault_common, which calls x86_guest_page_fault(frame) (traps.c: the
 * bounce, nothing else) and leaves by the hypercall gate's way back (hypercall_exit_checks:
 * the same checks as x86_resume, the scheduler's and the event upcall's, made inline).
 *
 * The hypercall gate has an entry of its own, x86_hypercall_entry: the same frame, whose
 * general registers are the hypercall's arguments, handed straight to the handler from
 * the dispatch table, and a way back that skips the scheduler and the checks of a full
 * entry when only registers changed, the scheduler wants no decision (sched_resched) and
 * no event upcall is due: the round trip a null hypercall costs. event_channel_op's
 * EVTCHNOP_send reads its port on the way in, before the switch to the hypervisor's tables
 * (a fault there resumes the table's way, which reports -EFAULT), and goes straight to the
 * send. A due upcall's common case, bounce.c's direct way for it, is written inline on
 * the way back (hypercall_event_pending) and returns at once; the rest goes to
 * arch_event_upcall (event.c).
 *
 * A trap taken in the hypervisor (ring 0 in the frame) goes to x86_hypervisor_trap; it
 * finds the hypervisor's tables loaded, unless it happened on the way out to a guest, and
 * nests on the current stack. x86_hypervisor_trap returns only for a trap it ignores; the
 * stub then reloads the cr3 it interrupted and returns the way it came. On the way to a
 * guest, the loads of its data segments and the final iret can fault on a selector the
 * guest made invalid; traps.c recognises those two places (x86_exit_segments,
 * x86_exit_iret) and sends the guest to its failsafe callback instead of panicking. The
 * segments are loaded before any register is popped, so that such a fault's frame goes
 * below x86_guest_frame and leaves it whole; a fault of the iret itself, when everything
 * but eip..ss is popped, overlaps it, and traps.c puts back the registers from the
 * faulting frame, which holds them all.
 */
#include "generated/asm_offsets.h"
#include "plat/layout.h"
#include "public/errno.h"

/* The vectors for which the CPU pushes an error code. */
#define HAS_ERROR_CODE(v) \
	((v) == 8 || ((v) >= 10 && (v) <= 14) || (v) == 17 || (v) == 21 || (v) == 29 || (v) == 30)

/*
 * The registers under the CPU's frame and the vector, in struct x86_regs' order; then the
 * hypervisor's data segments, loaded through scratch (a register already saved).
 */
.macro	push_registers scratch=%eax
	push	%gs
	push	%fs
	push	%es
	push	%ds
	push	%ebp
	push	%edi
	push	%esi
	push	%edx
	push	%ecx
	push	%ebx
	push	%eax
	cld
	mov	$X86_HV_DS, \scratch
	mov	\scratch, %ds
	mov	\scratch, %es
.endm

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
	.if	vector == 14
	jmp	x86_page_fault_common
	.else
	jmp	x86_trap_common
	.endif
	.pushsection .rodata
	.long	1b
	.popsection
	.set	vector, vector + 1
	.endr

/*
 * A trap's registers, and for one from a guest (on the entry stack, at x86_guest_frame,
 * with the guest's tables) the switch to the hypervisor's tables and stack, the frame
 * pushed as the C handler's argument; one from the hypervisor goes to hypervisor_trap.
 */
.macro	trap_enter
	push_registers
	testb	$3, REGS_CS(%esp)
	jz	hypervisor_trap
	mov	x86_hypervisor_cr3, %eax
	mov	%eax, %cr3
	mov	$x86_stack_top, %esp
	push	$x86_guest_frame
.endm

x86_trap_common:
	trap_enter
	call	x86_guest_trap		/* returns the guest's cr3 */
	jmp	x86_return_to_guest

x86_page_fault_common:
	trap_enter
	call	x86_guest_page_fault	/* returns the loaded vCPU */
	mov	%eax, %ebx		/* as the hypercall gate's way back wants it */
	jmp	hypercall_exit_checks

hypervisor_trap:
	mov	%esp, %ebx		/* the frame; ebx and esi survive the call */
	mov	%cr3, %esi		/* the interrupted page tables: the guest's on the way out */
	mov	x86_hypervisor_cr3, %eax
	cmp	%eax, %esi
	je	1f
	mov	%eax, %cr3
	mov	$x86_stack_top, %esp
1:	push	%ebx
	call	x86_hypervisor_trap	/* returns only for a trap it ignores */
	mov	%ebx, %esp
	mov	%cr3, %eax
	cmp	%eax, %esi
	je	2f
	mov	%esi, %cr3
2:	pop	%eax
	pop	%ebx
	pop	%ecx
	pop	%edx
	pop	%esi
	pop	%edi
	pop	%ebp
	pop	%ds
	pop	%es
	pop	%fs
	pop	%gs
	add	$(REGS_EIP - REGS_VECTOR), %esp
	iret

/*
 * HOT_CALL noreturn void x86_enter_guest(uint32_t cr3): cr3 comes in eax.
 *
 * Loads the guest's page tables (this code and x86_guest_frame are in the trampoline,
 * mapped in both) and returns to the loaded vCPU from its registers at x86_guest_frame.
 * What was on the hypervisor stack is dead: the caller never returns.
 */
	.globl	x86_enter_guest
x86_enter_guest:
	jmp	x86_return_to_guest

/*
 * The hypercall gate's switch into the hypervisor, from the frame at x86_guest_frame: its
 * tables and stack, the loaded vCPU in ebx (which survives the calls), its entry counted
 * (which also says that a failsafe bounce made before reached the guest: bounce.c).
 * Besides cr3 and esp, only ebx and ebp change: eax keeps the hypercall's number, ecx,
 * edx, esi and edi what the way in put there.
 */
.macro	hypercall_enter
	mov	x86_hypervisor_cr3, %ebp
	mov	%ebp, %cr3
	mov	$x86_stack_top, %esp
	mov	cpu_state_loaded, %ebx
	addl	$1, VCPU_ENTRIES(%ebx)
	adcl	$0, VCPU_ENTRIES + 4(%ebx)
.endm

upcall_general:
	push	%ebx
	call	arch_event_upcall		/* masks events, or crashes the domain */
	add	$4, %esp
	jmp	hypercall_exit_checks		/* the checks again: the domain may be gone */

hypercall_unknown:			/* a number past the table */
	hypercall_enter
	movl	$-ENOSYS, x86_guest_frame + REGS_EAX
hypercall_resume:
	call	x86_hypercall_resume		/* does not return */

/*
 * A read of guest memory made with the guest's own tables still loaded, as its kernel
 * would read it (what the hypercall's way checked lies below the hypervisor's hole, so
 * only what the guest maps): a fault there resumes at x86_hypercall_table_call, with the
 * registers as they were (eax, the number, is never one the reads change), and the table's
 * way copies the argument and finds out -EFAULT (traps.c, from the list of these reads in
 * section .x86_peeks).
 */
.macro	peek insn:vararg
1:	\insn
	.pushsection .x86_peeks, "a"
	.long	1b
	.popsection
.endm

/*
 * event_channel_op(EVTCHNOP_send, arg): the port is peeked and the send runs from it
 * (evtchn_send_port, event_channel_op.c) with the same rules as the copied structure's.
 * Every other command takes the table's way.
 */
hypercall_event_channel_op:
	cmp	$EVTCHNOP_SEND, %ebx
	jne	x86_hypercall_table_call
	cmp	$((GUEST_VA_LIMIT_PAGES << 12) - 4), %ecx
	ja	x86_hypercall_table_call
	peek	mov (%ecx), %edx
	hypercall_enter
	mov	%ebx, %eax			/* HOT_CALL: eax the vCPU, edx the port */
	call	evtchn_send_port
	mov	%eax, x86_guest_frame + REGS_EAX
	jmp	hypercall_exit_checks

/*
 * mmu_update(reqs, 1, done, DOMID_SELF), a kernel's single update: the request is peeked
 * onto the hypervisor stack and mmu_update_peeked (mmu_update.c) runs it from there.
 * Batches, and updates for another domain, take the table's way.
 */
hypercall_mmu_update:
	cmp	$1, %ecx
	jne	x86_hypercall_table_call
	cmp	$MMU_UPDATE_DOMID_SELF, %esi
	jne	x86_hypercall_table_call
	cmp	$((GUEST_VA_LIMIT_PAGES << 12) - MMU_UPDATE_SIZE), %ebx
	ja	x86_hypercall_table_call
	peek	mov (%ebx), %ecx
	peek	mov 4(%ebx), %edx
	peek	mov 8(%ebx), %esi
	peek	mov 12(%ebx), %edi
	hypercall_enter
	push	%edi
	push	%esi
	push	%edx
	push	%ecx
	mov	%esp, %ecx			/* HOT_CALL: the vCPU, the arguments, the request */
	mov	%ebx, %eax
	mov	$x86_guest_frame, %edx
	call	mmu_update_peeked
	mov	%eax, x86_guest_frame + REGS_EAX
	jmp	hypercall_exit_checks

/*
 * The hypercall gate (vector 0x82, DPL 1): only ring 1 reaches it, so the frame is at
 * x86_guest_frame and the hypervisor's tables are not loaded. The frame's general
 * registers are the hypercall's struct hcall_args (plat/regs.h); each number has a way
 * (x86_hypercall_ways): a few read an argument from guest memory first (the peeks above),
 * the rest go straight to x86_hypercall_table_call, where the handler from the dispatch
 * table gets the loaded vCPU and them (HOT_CALL), and its result goes to the frame's eax. The
 * way back is x86_enter_guest's when the vCPU is still the one to run (sched_resched clear:
 * nothing blocked, yielded, crashed or woke, and it is runnable), nothing a full entry
 * checks has changed (x86_full_exit) and no event upcall is due (pending and unmasked in
 * its vcpu_info, e.g. after an iret that unmasked; a due upcall is delivered on the spot,
 * which masks events, and the checks run again); otherwise x86_hypercall_resume
 * (hypercall.c) goes through the scheduler and arch_vcpu_run.
 * The handler's result is in the frame before that: a vCPU that blocked or yielded
 * resumes later from the frame, which cpu_state.c saves when another vCPU enters.
 */
	.p2align 4
	.globl	x86_hypercall_entry
x86_hypercall_entry:
	pushl	$0
	pushl	$X86_HYPERCALL_VECTOR
	push_registers %ebp			/* eax keeps the number, ebx-edi arguments 1-5 */
	cmp	$HYPERCALL_TABLE_SIZE, %eax
	jae	hypercall_unknown
	jmp	*x86_hypercall_ways(, %eax, 4)

	.globl	x86_hypercall_table_call
x86_hypercall_table_call:			/* eax: the number, below HYPERCALL_TABLE_SIZE */
	hypercall_enter
	mov	%eax, %ecx
	mov	%ebx, %eax			/* HOT_CALL: the vCPU, the arguments */
	mov	$x86_guest_frame, %edx
	call	*hypercall_table(, %ecx, 4)
	mov	%eax, x86_guest_frame + REGS_EAX
hypercall_exit_checks:
	cmpb	$0, x86_full_exit
	jne	hypercall_resume
	cmpb	$0, sched_resched		/* sched_must_resume(): a decision is due */
	jne	sched_resume
	cmpb	$0, VCPU_RUNNABLE(%ebx)
	je	hypercall_resume
	mov	VCPU_VCPU_INFO(%ebx), %ecx
	cmpb	$0, VCPU_INFO_PENDING(%ecx)
	je	hypercall_return
	/* fall through to hypercall_event_pending */

/*
 * An event upcall is due unless events are masked (ecx: the vCPU's vcpu_info). The common
 * case is written here: from ring 1 (with a stack segment) onto the same stack, whose new
 * frame lies in the page of the vCPU's last bounce while bounce.c's view of it is good;
 * the same checks and the same frame and state as x86_bounce_event's direct way (bounce.c);
 * arch_event_upcall (event.c) takes everything else. ebx stays the vCPU.
 */
hypercall_event_pending:
	cmpb	$0, VCPU_INFO_MASK(%ecx)
	jne	hypercall_return
	mov	VCPU_EVENT_CALLBACK_EIP(%ebx), %esi
	test	%esi, %esi
	jz	upcall_general			/* no event callback */
	testb	$2, x86_guest_frame + REGS_CS	/* ring 2 or 3; a guest frame is never ring 0 */
	jnz	upcall_general			/* not from ring 1 */
	cmpl	$0, x86_guest_frame + REGS_SS
	je	upcall_general
	mov	x86_guest_frame + REGS_ESP, %edx
	sub	$UPCALL_FRAME_SIZE, %edx	/* the frame's guest address */
	jb	upcall_general
	mov	%edx, %edi
	sub	VCPU_BOUNCE_PAGE(%ebx), %edi	/* its offset in the kept page (or wrapped) */
	cmp	$(4096 - UPCALL_FRAME_SIZE), %edi
	ja	upcall_general
	mov	mm_pt_changes, %eax		/* the kept view is still good */
	mov	mm_pt_changes + 4, %ebp
	xor	VCPU_BOUNCE_CHANGES(%ebx), %eax
	xor	VCPU_BOUNCE_CHANGES + 4(%ebx), %ebp
	or	%ebp, %eax
	jnz	upcall_general
	mov	VCPU_BOUNCE_TARGET(%ebx), %eax
	test	%eax, %eax
	jz	upcall_general
	add	%edi, %eax			/* the frame, in the hypervisor's view */
	mov	x86_guest_frame + REGS_EIP, %edi
	mov	%edi, (%eax)
	movzwl	x86_guest_frame + REGS_CS, %edi	/* the saved mask, bits 16-23, is 0 */
	mov	%edi, 4(%eax)
	mov	x86_guest_frame + REGS_EFLAGS, %edi	/* x86_guest_eflags(v, 0) */
	and	$~UPCALL_EFLAGS_IF_IOPL, %edi
	mov	VCPU_DOMAIN(%ebx), %ebp
	testl	$VMASST_ARCHITECTURAL_IOPL, DOMAIN_VM_ASSIST(%ebp)
	jz	1f
	mov	VCPU_IOPL(%ebx), %ebp
	shl	$UPCALL_IOPL_SHIFT, %ebp
	or	%ebp, %edi
1:	or	$UPCALL_EFLAGS_IF, %edi
	mov	%edi, 8(%eax)
	mov	%edx, x86_guest_frame + REGS_ESP
	movzwl	VCPU_EVENT_CALLBACK_CS(%ebx), %edi
	mov	%edi, x86_guest_frame + REGS_CS
	mov	%esi, x86_guest_frame + REGS_EIP
	andl	$~UPCALL_EFLAGS_CLEARED, x86_guest_frame + REGS_EFLAGS
	movb	$1, VCPU_INFO_MASK(%ecx)
	/* fall through to hypercall_return */

/*
 * The way back to the vCPU that entered, its registers changed by nothing but the
 * handler: fs and gs, which the hypervisor never loads, still hold the guest's selectors,
 * so only ds and es are reloaded (64-bit Xen does the same for 32-bit guests; 32-bit Xen
 * reloaded all four). A failsafe bounce, which clears them, and a change to the loaded
 * vCPU's GDT or LDT ask for the full way (x86_full_exit), x86_return_to_guest, which
 * reloads all four: a selector whose descriptor went away faults there as before.
 */
hypercall_return:
	mov	VCPU_CR3(%ebx), %eax
	mov	$x86_guest_frame, %esp
	mov	%eax, %cr3
	jmp	x86_exit_data_segments

x86_return_to_guest:			/* eax: the guest's cr3 */
	mov	$x86_guest_frame, %esp
	mov	%eax, %cr3
	.globl	x86_exit_segments
x86_exit_segments:			/* a guest's selectors may fault here (traps.c) */
	movw	REGS_FS(%esp), %fs
	movw	REGS_GS(%esp), %gs
x86_exit_data_segments:
	movw	REGS_DS(%esp), %ds
	movw	REGS_ES(%esp), %es
	.globl	x86_exit_segments_end
x86_exit_segments_end:
	pop	%eax
	pop	%ebx
	pop	%ecx
	pop	%edx
	pop	%esi
	pop	%edi
	pop	%ebp
	add	$(REGS_EIP - REGS_DS), %esp	/* past the selectors, vector and error code */
	.globl	x86_exit_iret
x86_exit_iret:				/* ... and here, on cs, ss, eip or esp */
	iret

/*
 * Each hypercall number's way in, read with the guest's tables loaded (so here, in the
 * trampoline): the table's, or one of the peeks above.
 */
	.p2align 2
x86_hypercall_ways:
	.set	number, 0
	.rept	HYPERCALL_TABLE_SIZE
	.if	number == HYPERCALL_EVENT_CHANNEL_OP
	.long	hypercall_event_channel_op
	.elseif	number == HYPERCALL_MMU_UPDATE
	.long	hypercall_mmu_update
	.else
	.long	x86_hypercall_table_call
	.endif
	.set	number, number + 1
	.endr

	.section X86_TRAMPOLINE_STACK, "aw", @nobits
	.p2align 12
	.skip	X86_ENTRY_STACK_SIZE - REGS_SIZE
	.globl	x86_guest_frame
x86_guest_frame:			/* the loaded vCPU's registers */
	.skip	REGS_SIZE
	.globl	x86_entry_stack_top
x86_entry_stack_top:

	.section .note.GNU-stack, "", @progbits
