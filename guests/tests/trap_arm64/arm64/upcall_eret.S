/*
 * upcall_eret.S: the cheapest possible upcall handler, for measuring the upcall itself.
 *
 * upcall_eret_vectors: the IRQ entry from EL1h (0x280) returns at once with eret (Ringo
 * has set evtchn_upcall_mask, so the same upcall is not taken again); every other entry
 * stops the vCPU where a debugger can see it, as nothing else may happen while the table
 * is installed.
 */
#include "arm64/vector_table.h"

.macro upcall_ventry offset
	.if	\offset == 0x280
	eret
	.else
1:	b	1b
	.endif
.endm

	.text
	vector_table upcall_eret_vectors, upcall_ventry

	.section .note.GNU-stack, "", %progbits
