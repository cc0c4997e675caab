/*
 * hypercall.S: raw ARM64 hypercalls (ABI.md section 8).
 *
 * `hvc #0xEA1` with the hypercall number in x16 and up to five arguments in x0-x4; the
 * result comes back in x0 and Ringo preserves every other register. The C prototypes
 * (guest.h) pass the number first, so each stub shifts the arguments down by one.
 */
#define RINGO_HVC_IMMEDIATE 0xEA1

	.text
	.global	hypercall0, hypercall1, hypercall2, hypercall3, hypercall4, hypercall5

hypercall5:
	mov	x16, x0
	mov	x0, x1
	mov	x1, x2
	mov	x2, x3
	mov	x3, x4
	mov	x4, x5
	hvc	#RINGO_HVC_IMMEDIATE
	ret

hypercall4:
	mov	x16, x0
	mov	x0, x1
	mov	x1, x2
	mov	x2, x3
	mov	x3, x4
	hvc	#RINGO_HVC_IMMEDIATE
	ret

hypercall3:
	mov	x16, x0
	mov	x0, x1
	mov	x1, x2
	mov	x2, x3
	hvc	#RINGO_HVC_IMMEDIATE
	ret

hypercall2:
	mov	x16, x0
	mov	x0, x1
	mov	x1, x2
	hvc	#RINGO_HVC_IMMEDIATE
	ret

hypercall1:
	mov	x16, x0
	mov	x0, x1
	hvc	#RINGO_HVC_IMMEDIATE
	ret

hypercall0:
	mov	x16, x0
	hvc	#RINGO_HVC_IMMEDIATE
	ret

	.section .note.GNU-stack, "", %progbits
