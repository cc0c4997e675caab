/*
 * entry.S: entering a guest from a struct guest_regs.
 *
 * Every entry into a guest starts from an empty hypervisor stack, so a trap always finds
 * SP_EL2 at its top and nothing of the hypervisor's C frames survives a guest run.
 * TPIDR_EL2 names the frame the vectors save into on the next trap.
 */
#include "plat/offsets.h"

	.text

/* noreturn void guest_enter(struct guest_regs *regs) */
	.global	guest_enter
guest_enter:
	msr	tpidr_el2, x0
	b	restore_and_eret

/* Back to the guest that trapped, after its handler returned (vectors.S). */
	.global	guest_return
guest_return:
	mrs	x0, tpidr_el2

restore_and_eret:
	adrp	x1, hv_stack_top
	add	x1, x1, :lo12:hv_stack_top
	mov	sp, x1
	ldp	x2, x3, [x0, #GUEST_REGS_ELR]
	msr	elr_el2, x2
	msr	spsr_el2, x3
	ldp	x2, x3, [x0, #GUEST_REGS_X2]
	ldp	x4, x5, [x0, #GUEST_REGS_X4]
	ldp	x6, x7, [x0, #GUEST_REGS_X6]
	ldp	x8, x9, [x0, #GUEST_REGS_X8]
	ldp	x10, x11, [x0, #GUEST_REGS_X10]
	ldp	x12, x13, [x0, #GUEST_REGS_X12]
	ldp	x14, x15, [x0, #GUEST_REGS_X14]
	ldp	x16, x17, [x0, #GUEST_REGS_X16]
	ldp	x18, x19, [x0, #GUEST_REGS_X18]
	ldp	x20, x21, [x0, #GUEST_REGS_X20]
	ldp	x22, x23, [x0, #GUEST_REGS_X22]
	ldp	x24, x25, [x0, #GUEST_REGS_X24]
	ldp	x26, x27, [x0, #GUEST_REGS_X26]
	ldp	x28, x29, [x0, #GUEST_REGS_X28]
	ldr	x30, [x0, #GUEST_REGS_X30]
	ldp	x0, x1, [x0, #GUEST_REGS_X0]
	eret
	/* Nothing after eret may run speculatively with hypervisor state. */
	dsb	nsh
	isb

	.section .note.GNU-stack, "", %progbits
