/*
 * vectors.S: the guest library's default EL1 exception vectors.
 *
 * A guest kernel that has not installed its own VBAR_EL1 table gets this one. The IRQ
 * entries from EL1h (0x280) and from EL0 (0x480) are the event upcall (events.h): Ringo
 * injects an IRQ exception there with evtchn_upcall_mask set. Any other exception is
 * reported with its syndrome by guest_arch_unhandled_exception(), which then crashes the
 * domain (a fault would otherwise repeat forever on an unmapped vector). Tests that expect
 * exceptions install their own table.
 *
 * The upcall saves the registers a C call may clobber (x0-x18, x29, x30) and ELR_EL1 /
 * SPSR_EL1 on the EL1 stack, runs events_arch_upcall() and returns with eret to the
 * interrupted code, PSTATE (and so PSTATE.I) as it was.
 */
#include "arm64/vector_table.h"

#define UPCALL_FRAME (24 * 8) /* x0-x18, x29, x30, ELR, SPSR; 16-byte aligned */

.macro ventry offset
	.if	\offset == 0x280 || \offset == 0x480
	b	event_irq_entry
	.else
	mov	x0, #\offset
	b	unhandled
	.endif
.endm

	.text
	vector_table guest_vectors, ventry

unhandled:
	mrs	x1, esr_el1
	mrs	x2, elr_el1
	mrs	x3, far_el1
	bl	guest_arch_unhandled_exception
1:	b	1b

event_irq_entry:
	sub	sp, sp, #UPCALL_FRAME
	stp	x0, x1, [sp, #0 * 16]
	stp	x2, x3, [sp, #1 * 16]
	stp	x4, x5, [sp, #2 * 16]
	stp	x6, x7, [sp, #3 * 16]
	stp	x8, x9, [sp, #4 * 16]
	stp	x10, x11, [sp, #5 * 16]
	stp	x12, x13, [sp, #6 * 16]
	stp	x14, x15, [sp, #7 * 16]
	stp	x16, x17, [sp, #8 * 16]
	stp	x18, x29, [sp, #9 * 16]
	mrs	x0, elr_el1
	mrs	x1, spsr_el1
	stp	x30, x0, [sp, #10 * 16]
	str	x1, [sp, #11 * 16]
	bl	events_arch_upcall
	ldr	x1, [sp, #11 * 16]
	ldp	x30, x0, [sp, #10 * 16]
	msr	elr_el1, x0
	msr	spsr_el1, x1
	ldp	x18, x29, [sp, #9 * 16]
	ldp	x16, x17, [sp, #8 * 16]
	ldp	x14, x15, [sp, #7 * 16]
	ldp	x12, x13, [sp, #6 * 16]
	ldp	x10, x11, [sp, #5 * 16]
	ldp	x8, x9, [sp, #4 * 16]
	ldp	x6, x7, [sp, #3 * 16]
	ldp	x4, x5, [sp, #2 * 16]
	ldp	x2, x3, [sp, #1 * 16]
	ldp	x0, x1, [sp, #0 * 16]
	add	sp, sp, #UPCALL_FRAME
	eret

	.section .note.GNU-stack, "", %progbits
