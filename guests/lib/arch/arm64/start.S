/*
 * start.S: where an ARM64 guest begins (ABI.md section 8).
 *
 * Ringo enters at EL1h with the MMU on, DAIF masked, SP_EL1 at the top of the boot stack
 * and x0 = the virtual address of start_info. Before C runs, the library's own exception
 * vectors go into VBAR_EL1, so a fault in the guest is reported instead of looping.
 */
	.section .text.entry, "ax"
	.global	_start
_start:
	adrp	x1, guest_vectors
	add	x1, x1, :lo12:guest_vectors
	msr	vbar_el1, x1
	isb
	bl	guest_start
1:	b	1b

	.section .note.GNU-stack, "", %progbits
