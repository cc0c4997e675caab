/*
 * arm64_asm.h (arm64, assembly): register-saving sequences that the arm64 hypervisor and
 * the arm64 guests (their library and their tests) both need, written once.
 *
 *   caller_saved_push el / caller_saved_pop el[, spsr_set]
 *       An exception entry that calls C and returns where it was taken: the AAPCS64
 *       caller-saved registers x0-x18, x29 (kept for the backtrace), x30 and the level's
 *       ELR/SPSR in a CALLER_SAVED_FRAME-byte frame below sp. el is el1 or el2; spsr_set
 *       is ORed into the SPSR as it is restored (e.g. to return with IRQs masked).
 *
 *   callee_saved_store base, scratch / callee_saved_load base, scratch
 *       A kernel context, as code that leaves for EL0 and comes back "as if it returned"
 *       keeps it: x19-x30 at base + 0..95 and sp at base + CALLEE_SAVED_SP, in a
 *       CALLEE_SAVED_CONTEXT-byte block. scratch is clobbered.
 */
#ifndef RINGO_ARM64_ASM_H
#define RINGO_ARM64_ASM_H

#define CALLER_SAVED_FRAME (12 * 16) /* x0-x18, x29, x30, ELR, SPSR; 16-byte aligned */
#define CALLEE_SAVED_SP 96
#define CALLEE_SAVED_CONTEXT 112

/* clang-format off */
.macro caller_saved_push el
	sub	sp, sp, #CALLER_SAVED_FRAME
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
	mrs	x0, elr_\el
	mrs	x1, spsr_\el
	stp	x30, x0, [sp, #10 * 16]
	str	x1, [sp, #11 * 16]
.endm

.macro caller_saved_pop el, spsr_set=0
	ldr	x1, [sp, #11 * 16]
	ldp	x30, x0, [sp, #10 * 16]
	.if \spsr_set
	orr	x1, x1, #\spsr_set
	.endif
	msr	elr_\el, x0
	msr	spsr_\el, x1
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
	add	sp, sp, #CALLER_SAVED_FRAME
.endm

.macro callee_saved_store base, scratch
	stp	x19, x20, [\base, #0]
	stp	x21, x22, [\base, #16]
	stp	x23, x24, [\base, #32]
	stp	x25, x26, [\base, #48]
	stp	x27, x28, [\base, #64]
	stp	x29, x30, [\base, #80]
	mov	\scratch, sp
	str	\scratch, [\base, #CALLEE_SAVED_SP]
.endm

.macro callee_saved_load base, scratch
	ldr	\scratch, [\base, #CALLEE_SAVED_SP]
	mov	sp, \scratch
	ldp	x19, x20, [\base, #0]
	ldp	x21, x22, [\base, #16]
	ldp	x23, x24, [\base, #32]
	ldp	x25, x26, [\base, #48]
	ldp	x27, x28, [\base, #64]
	ldp	x29, x30, [\base, #80]
.endm
/* clang-format on */

#endif
