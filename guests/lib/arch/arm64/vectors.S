/*
 * vectors.S: the guest library's default EL1 exception vectors.
 *
 * A guest kernel that has not installed its own VBAR_EL1 table gets this one: any
 * exception is reported with its syndrome by guest_arch_unhandled_exception(), which then
 * crashes the domain (a fault would otherwise repeat forever on an unmapped vector).
 * Tests that expect exceptions install their own table.
 */
.macro ventry offset
	.balign	0x80
	mov	x0, #\offset
	b	unhandled
.endm

	.text
	.balign	0x800
	.global	guest_vectors
guest_vectors:
	ventry	0x000
	ventry	0x080
	ventry	0x100
	ventry	0x180
	ventry	0x200
	ventry	0x280
	ventry	0x300
	ventry	0x380
	ventry	0x400
	ventry	0x480
	ventry	0x500
	ventry	0x580
	ventry	0x600
	ventry	0x680
	ventry	0x700
	ventry	0x780

unhandled:
	mrs	x1, esr_el1
	mrs	x2, elr_el1
	mrs	x3, far_el1
	bl	guest_arch_unhandled_exception
1:	b	1b

	.section .note.GNU-stack, "", %progbits
