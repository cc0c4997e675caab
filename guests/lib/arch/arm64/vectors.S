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
#include "arm64_asm.h"

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
	caller_saved_push el1
	bl	events_arch_upcall
	caller_saved_pop el1
	eret

	.section .note.GNU-stack, "", %progbits
