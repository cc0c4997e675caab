/*
 * trap_vectors.S: an EL1 vector table that records exceptions instead of handling them.
 *
 * Each entry saves x0/x1, notes which vector was taken, ESR_EL1, ELR_EL1 and FAR_EL1,
 * counts the exception, and resumes after the faulting instruction (ELR_EL1 + 4). The
 * tests (trap_arm64.h) install it around instructions the hypervisor must refuse or
 * emulate, then check what the guest's own vector saw.
 */
#include "arm64/vector_table.h"

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
	mrs	x0, elr_el1
	adrp	x1, trap_elr
	str	x0, [x1, :lo12:trap_elr]
	add	x0, x0, #4
	msr	elr_el1, x0
	adrp	x1, trap_count
	ldr	x0, [x1, :lo12:trap_count]
	add	x0, x0, #1
	str	x0, [x1, :lo12:trap_count]
	ldp	x0, x1, [sp], #16
	eret

	.section .note.GNU-stack, "", %progbits
