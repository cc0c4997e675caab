/*
 * vectors.S: the guest library's default EL1 exception vectors.
 *
 * A guest kernel that has not installed its own VBAR_EL1 table gets this one: any
 * exception is reported with its syndrome by guest_arch_unhandled_exception(), which then
 * crashes the domain (a fault would otherwise repeat forever on an unmapped vector).
 * Tests that expect exceptions install their own table.
 */
#include "arm64/vector_table.h"

.macro ventry offset
	mov	x0, #\offset
	b	unhandled
.endm

	.text
	vector_table guest_vectors, ventry

unhandled:
	mrs	x1, esr_el1
	mrs	x2, elr_el1
	mrs	x3, far_el1
	bl	guest_arch_unhandled_exception
1:	b	1b

	.section .note.GNU-stack, "", %progbits
