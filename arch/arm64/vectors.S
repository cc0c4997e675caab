/*
 * vectors.S: the EL2 exception vector table (VBAR_EL2).
 *
 * Ringo runs at EL2 on SP_EL2 with every exception masked, so an exception taken from EL2
 * itself is a hypervisor bug: it resets the stack and panics with the syndrome. The one
 * exception is an IRQ inside arch_idle's window (irq.c), which saves the caller-saved
 * registers and ELR/SPSR_EL2 on the stack, runs arch_irq_hypervisor and returns. From a
 * guest (lower EL, AArch64), the guest's registers are saved into the struct guest_regs
 * that TPIDR_EL2 points at, then C handles the trap or interrupt (arch_irq_guest) and the
 * guest is resumed through guest_return (entry.S). Nothing runs AArch32 at EL1
 * (HCR_EL2.RW=1), and a 32-bit EL0 cannot reach EL2 except through a trapped instruction,
 * which is a guest error.
 *
 * Hypercalls, the one trap a PV guest makes on its fast paths, skip the generic path: the
 * lower-EL synchronous entry saves the registers in the vector slot itself and compares
 * the syndrome with `hvc #0xEA1`'s; a match goes to hypercall_fast, which indexes the core's
 * hypercall table (core/include/hypercall.h), passes the saved frame as the struct
 * hcall_args (plat/vcpu.h), counts the entry, and reloads only the registers the C code
 * may have changed. Before that it makes, inline, the two checks of every return to a
 * guest: sched_must_resume() (the handler blocked, yielded or stopped the vCPU, or woke
 * another) and a deliverable upcall in the vCPU's vcpu_info; either takes the slow return,
 * guest_return_check() in C and the full reload of guest_return. Every register is saved
 * on entry, so the frame is complete wherever the handler or the scheduler goes: a vCPU
 * switch later resumes this one from it through guest_enter.
 */
#include "arm64_asm.h"
#include "plat/hvc_abi.h"
#include "plat/offsets.h"
#include "plat/sysreg_bits.h"

/* Kinds passed to C, in vector order: sync, irq, fiq, serror. */
#define KIND_SYNC 0
#define KIND_IRQ 1
#define KIND_FIQ 2
#define KIND_SERROR 3
/* Added for exceptions from EL2 on SP_EL0, EL2 on SP_EL2, and 32-bit lower ELs. */
#define KIND_EL2_SP0 0
#define KIND_EL2_SPX 4
#define KIND_LOWER_A32 8

.macro ventry target, kind
	.balign	0x80
	mov	x0, #\kind
	b	\target
.endm

/* Saves every guest register into *TPIDR_EL2; leaves x0 pointing at the frame. */
.macro save_guest_regs
	stp	x0, x1, [sp, #-16]!
	mrs	x0, tpidr_el2
	stp	x2, x3, [x0, #GUEST_REGS_X2]
	stp	x4, x5, [x0, #GUEST_REGS_X4]
	stp	x6, x7, [x0, #GUEST_REGS_X6]
	stp	x8, x9, [x0, #GUEST_REGS_X8]
	stp	x10, x11, [x0, #GUEST_REGS_X10]
	stp	x12, x13, [x0, #GUEST_REGS_X12]
	stp	x14, x15, [x0, #GUEST_REGS_X14]
	stp	x16, x17, [x0, #GUEST_REGS_X16]
	stp	x18, x19, [x0, #GUEST_REGS_X18]
	stp	x20, x21, [x0, #GUEST_REGS_X20]
	stp	x22, x23, [x0, #GUEST_REGS_X22]
	stp	x24, x25, [x0, #GUEST_REGS_X24]
	stp	x26, x27, [x0, #GUEST_REGS_X26]
	stp	x28, x29, [x0, #GUEST_REGS_X28]
	str	x30, [x0, #GUEST_REGS_X30]
	ldp	x2, x3, [sp], #16
	stp	x2, x3, [x0, #GUEST_REGS_X0]
	mrs	x2, elr_el2
	mrs	x3, spsr_el2
	stp	x2, x3, [x0, #GUEST_REGS_ELR]
.endm

/* An entry that must keep x0: it saves the registers before choosing a handler. */
.macro ventry_guest target
	.balign	0x80
	b	\target
.endm

/*
 * The lower-EL synchronous entry, whole in its 32-instruction slot so that a hypercall
 * reaches hypercall_fast without a branch before the check; the assembler refuses a slot
 * that outgrows its 0x80 bytes.
 */
.macro ventry_guest_sync
	.balign	0x80
0:	save_guest_regs
	mrs	x1, esr_el2
	ldr	x2, =ESR_RINGO_HVC
	cmp	x1, x2
	b.eq	hypercall_fast
	b	guest_sync_slow
	.if	(. - 0b) > 0x80
	.error	"the lower-EL synchronous entry outgrew its vector slot"
	.endif
.endm

	.text
	.balign	0x800
	.global	el2_vectors
el2_vectors:
	ventry	hypervisor_exception, KIND_EL2_SP0 + KIND_SYNC
	ventry	hypervisor_exception, KIND_EL2_SP0 + KIND_IRQ
	ventry	hypervisor_exception, KIND_EL2_SP0 + KIND_FIQ
	ventry	hypervisor_exception, KIND_EL2_SP0 + KIND_SERROR
	ventry	hypervisor_exception, KIND_EL2_SPX + KIND_SYNC
	ventry_guest hypervisor_irq
	ventry	hypervisor_exception, KIND_EL2_SPX + KIND_FIQ
	ventry	hypervisor_exception, KIND_EL2_SPX + KIND_SERROR
	ventry_guest_sync
	ventry_guest guest_irq
	ventry_guest guest_fiq
	ventry_guest guest_serror
	ventry	guest_aarch32, KIND_LOWER_A32 + KIND_SYNC
	ventry	guest_aarch32, KIND_LOWER_A32 + KIND_IRQ
	ventry	guest_aarch32, KIND_LOWER_A32 + KIND_FIQ
	ventry	guest_aarch32, KIND_LOWER_A32 + KIND_SERROR

hypervisor_exception:
	/* The stack may be what broke: panic on a fresh one. */
	adrp	x1, hv_stack_top
	add	x1, x1, :lo12:hv_stack_top
	mov	sp, x1
	bl	arch_trap_hypervisor
1:	wfe
	b	1b

/*
 * An IRQ at EL2, which only arch_idle lets in: the AAPCS64 caller-saved registers, x29 and
 * ELR/SPSR_EL2 are kept on the stack across the C handler. It returns with IRQs masked
 * (PSTATE.I set in the restored SPSR_EL2), so arch_idle's window admits one interrupt even
 * when the handler leaves another pending (a deadline already past).
 */
hypervisor_irq:
	caller_saved_push el2
	bl	arch_irq_hypervisor
	caller_saved_pop el2, PSR_I
	eret
	dsb	nsh
	isb

/* Any other synchronous trap: x0 = the frame, every guest register saved in it. */
guest_sync_slow:
	bl	arch_trap_guest_sync
	b	guest_return

/*
 * A hypercall: x0 = the frame, every guest register saved in it, x16 still the guest's. A
 * number beyond the table takes the slow path, whose dispatcher answers -ENOSYS. x19 keeps
 * the frame across the calls (AAPCS64: callee-saved), as x20-x29 keep the guest's own
 * values, which is why the exit reloads only x1-x19 and x30 (x0 is the result, stored in
 * the frame only when the slow return needs it there). ELR_EL2 and SPSR_EL2 are not
 * reloaded: nothing at EL2 changes them before the eret, and no hypercall changes where
 * its caller resumes (one that must, an upcall, or a switch to another vCPU, leaves
 * through guest_return or guest_enter, which load them from the frame).
 */
hypercall_fast:
	cmp	x16, #HCALL_TABLE_SIZE
	b.hs	guest_sync_slow
	str	x16, [x0, #GUEST_REGS_HCALL_NUMBER]
	mov	x19, x0
	sub	x0, x19, #VCPU_ARCH_REGS
	ldr	x2, [x0, #VCPU_HYPERVISOR_ENTRIES]
	add	x2, x2, #1
	str	x2, [x0, #VCPU_HYPERVISOR_ENTRIES]
	ldr	x2, =hypercall_table
	ldr	x2, [x2, x16, lsl #3]
	mov	x1, x19
	blr	x2
	adrp	x1, sched_resched
	ldrb	w1, [x1, :lo12:sched_resched]
	cbnz	w1, hypercall_return_slow
	/* evtchn_upcall_pending != 0 and evtchn_upcall_mask == 0: the halfword in [1, 0xff]. */
	ldr	x1, [x19, #FRAME_VCPU_INFO]
	ldrh	w1, [x1, #VCPU_INFO_UPCALL_PENDING]
	sub	w1, w1, #1
	cmp	w1, #0xff
	b.lo	hypercall_return_slow
	ldr	x1, [x19, #GUEST_REGS_X0 + 8]
	ldp	x2, x3, [x19, #GUEST_REGS_X2]
	ldp	x4, x5, [x19, #GUEST_REGS_X4]
	ldp	x6, x7, [x19, #GUEST_REGS_X6]
	ldp	x8, x9, [x19, #GUEST_REGS_X8]
	ldp	x10, x11, [x19, #GUEST_REGS_X10]
	ldp	x12, x13, [x19, #GUEST_REGS_X12]
	ldp	x14, x15, [x19, #GUEST_REGS_X14]
	ldp	x16, x17, [x19, #GUEST_REGS_X16]
	ldr	x30, [x19, #GUEST_REGS_X30]
	ldp	x18, x19, [x19, #GUEST_REGS_X18]
	eret
	/* Nothing after eret may run speculatively with hypervisor state. */
	dsb	nsh
	isb

/*
 * The scheduler or an upcall after a hypercall, x0 = its result: into the frame first, so
 * the vCPU resumes with it from wherever the scheduler goes.
 */
hypercall_return_slow:
	str	x0, [x19, #GUEST_REGS_X0]
	sub	x0, x19, #VCPU_ARCH_REGS
	bl	guest_return_check
	b	guest_return

guest_irq:
	save_guest_regs
	bl	arch_irq_guest
	b	guest_return

guest_fiq:
	save_guest_regs
	mov	x1, #KIND_FIQ
	bl	arch_trap_guest_async
	b	guest_return

guest_serror:
	save_guest_regs
	mov	x1, #KIND_SERROR
	bl	arch_trap_guest_async
	b	guest_return

guest_aarch32:
	/* Keep the kind: the registers are not needed, the domain will be crashed. */
	mov	x1, x0
	mrs	x0, tpidr_el2
	bl	arch_trap_guest_async
	b	guest_return

	/* The constants of the ldr =... above. */
	.ltorg

	.section .note.GNU-stack, "", %progbits
