/*
 * trap_vectors.S: an EL1 vector table that records exceptions instead of handling them.
 *
 * Each entry saves x0/x1, notes which vector was taken, ESR_EL1, ELR_EL1, SPSR_EL1 and
 * FAR_EL1, and counts the exception. A synchronous exception resumes after the faulting
 * instruction (ELR_EL1 + 4); an IRQ (the event upcall Ringo injects, at offset 0x80 of a
 * group) resumes where it interrupted, so an upcall is seen exactly once: the hypervisor
 * set evtchn_upcall_mask when it injected it, and nothing here clears it. The tests
 * (trap_arm64.h) install the table around instructions the hypervisor must refuse,
 * emulate or interrupt, then check what the guest's own vector saw.
 */
#include "arm64/vector_table.h"

#define VECTOR_KIND_MASK 0x180 /* within a group: sync 0, IRQ 0x80, FIQ 0x100, SError 0x180 */
#define VECTOR_KIND_IRQ 0x080

.macro ventry offset
	stp	x0, x1, [sp, #-16]!
	mov	x0, #\offset
	b	record
.endm

	.text
	vector_table trap_test_vectors, ventry

record:
	adrp	x1, trap_vector
	str	x0, [x1, :lo12:trap_vector]
	mrs	x0, esr_el1
	adrp	x1, trap_esr
	str	x0, [x1, :lo12:trap_esr]
	mrs	x0, far_el1
	adrp	x1, trap_far
	str	x0, [x1, :lo12:trap_far]
	mrs	x0, spsr_el1
	adrp	x1, trap_spsr
	str	x0, [x1, :lo12:trap_spsr]
	mrs	x0, elr_el1
	adrp	x1, trap_elr
	str	x0, [x1, :lo12:trap_elr]
	adrp	x1, trap_vector
	ldr	x1, [x1, :lo12:trap_vector]
	and	x1, x1, #VECTOR_KIND_MASK
	cmp	x1, #VECTOR_KIND_IRQ
	b.eq	1f
	add	x0, x0, #4
	msr	elr_el1, x0
1:	adrp	x1, trap_count
	ldr	x0, [x1, :lo12:trap_count]
	add	x0, x0, #1
	str	x0, [x1, :lo12:trap_count]
	ldp	x0, x1, [sp], #16
	eret

	.section .note.GNU-stack, "", %progbits
