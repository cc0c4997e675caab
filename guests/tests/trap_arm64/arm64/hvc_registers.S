/*
 * hvc_registers.S: a hypercall made with every general register holding a known value,
 * to check that the hypervisor's hypercall entry gives back all of them but x0.
 *
 * uint64_t hvc_registers_changed(uint64_t number, uint64_t arg0, long *result):
 * x1-x15 and x17-x30 are loaded with 0xa5a5 << 48 | n (n the register's number), x16 with
 * number and x0 with arg0; after `hvc #0xEA1` the result goes to *result and the return
 * value has bit n set for each register n that came back changed (bit 16: x16).
 * x29 and x30 are checked too: the frame is saved on the stack, which the hypercall
 * does not touch, and restored before returning.
 */
#define RINGO_HVC_IMMEDIATE 0xEA1
#define PATTERN_HIGH 0xa5a5
#define FRAME_SIZE 128
#define FRAME_RESULT_AT 96
#define FRAME_NUMBER 104
#define FRAME_X0 112

.macro load_pattern n
	movz	x\n, #\n
	movk	x\n, #PATTERN_HIGH, lsl #48
.endm

/* x1 accumulates the mask; x0 is the scratch register. */
.macro check_pattern n
	movz	x0, #\n
	movk	x0, #PATTERN_HIGH, lsl #48
	cmp	x\n, x0
	cset	x0, ne
	orr	x1, x1, x0, lsl #\n
.endm

	.text
	.global	hvc_registers_changed
hvc_registers_changed:
	stp	x29, x30, [sp, #-FRAME_SIZE]!
	stp	x19, x20, [sp, #16]
	stp	x21, x22, [sp, #32]
	stp	x23, x24, [sp, #48]
	stp	x25, x26, [sp, #64]
	stp	x27, x28, [sp, #80]
	str	x2, [sp, #FRAME_RESULT_AT]
	str	x0, [sp, #FRAME_NUMBER]
	mov	x16, x0
	mov	x0, x1
	.irp	n, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15
	load_pattern \n
	.endr
	.irp	n, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30
	load_pattern \n
	.endr
	hvc	#RINGO_HVC_IMMEDIATE
	str	x0, [sp, #FRAME_X0]
	/* x1 first, with x0 as scratch; then x1 holds the mask. */
	movz	x0, #1
	movk	x0, #PATTERN_HIGH, lsl #48
	cmp	x1, x0
	cset	x1, ne
	.irp	n, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15
	check_pattern \n
	.endr
	ldr	x0, [sp, #FRAME_NUMBER]
	cmp	x16, x0
	cset	x0, ne
	orr	x1, x1, x0, lsl #16
	.irp	n, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30
	check_pattern \n
	.endr
	ldr	x2, [sp, #FRAME_RESULT_AT]
	ldr	x0, [sp, #FRAME_X0]
	str	x0, [x2]
	mov	x0, x1
	ldp	x19, x20, [sp, #16]
	ldp	x21, x22, [sp, #32]
	ldp	x23, x24, [sp, #48]
	ldp	x25, x26, [sp, #64]
	ldp	x27, x28, [sp, #80]
	ldp	x29, x30, [sp], #FRAME_SIZE
	ret

	.section .note.GNU-stack, "", %progbits
