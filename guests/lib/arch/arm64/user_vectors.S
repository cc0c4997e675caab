/*
 * user_vectors.S (arm64 guest): entering EL0 programs and taking their exceptions.
 *
 * user_enter saves the kernel's callee-saved registers and stack pointer, then erets to
 * user_start at EL0 (SP_EL0 = the program's stack, interrupts unmasked), which calls
 * fn(arg) and makes the exit call with its result. An exception from the program (lower
 * EL, AArch64) saves its registers in a struct user_frame on the kernel stack and calls
 * user_trap (user.c): 0 resumes the program from the (possibly changed) frame, anything
 * else restores the saved kernel state and returns user_exit_code from user_enter.
 * Exceptions at EL1 itself, and from AArch32, are the library's unhandled path. Offsets
 * follow struct user_frame in arm64/user_el0.h. user_start and user_syscall run at EL0:
 * they are in the text segment, which user_run makes EL0-executable.
 */
#include "arm64_asm.h"

#define FRAME_X28 224
#define FRAME_X30_SP 240
#define FRAME_ELR_SPSR 256
#define FRAME_ESR_FAR 272
#define FRAME_SIZE 288

#define SPSR_EL0T 0
#define USER_SYS_EXIT 0

.macro ventry target
	.balign	0x80
	b	\target
.endm

.macro vunhandled offset
	.balign	0x80
	mov	x0, #\offset
	b	user_unhandled
.endm

	.text
	.balign	0x800
	.global	user_vectors
user_vectors:
	vunhandled 0x000
	vunhandled 0x080
	vunhandled 0x100
	vunhandled 0x180
	vunhandled 0x200
	vunhandled 0x280
	vunhandled 0x300
	vunhandled 0x380
	ventry	user_sync
	vunhandled 0x480
	vunhandled 0x500
	vunhandled 0x580
	vunhandled 0x600
	vunhandled 0x680
	vunhandled 0x700
	vunhandled 0x780

user_unhandled:
	mrs	x1, esr_el1
	mrs	x2, elr_el1
	mrs	x3, far_el1
	bl	guest_arch_unhandled_exception
1:	b	1b

/* EL0: x0 = arg, x1 = fn. */
	.global	user_start
user_start:
	blr	x1
	mov	x1, x0
	mov	x0, #USER_SYS_EXIT
	bl	user_syscall
1:	b	1b

/* long user_syscall(long nr, long a1, long a2, long a3), at EL0: svc with x8 = nr. */
	.global	user_syscall
user_syscall:
	mov	x8, x0
	mov	x0, x1
	mov	x1, x2
	mov	x2, x3
	svc	#0
	ret

/* long user_enter(uint64_t entry, uint64_t stack_top, long arg, long (*fn)(long)) */
	.global	user_enter
user_enter:
	adrp	x9, kernel_context
	add	x9, x9, :lo12:kernel_context
	callee_saved_store x9, x10
	msr	elr_el1, x0
	msr	sp_el0, x1
	mov	x10, #SPSR_EL0T
	msr	spsr_el1, x10
	mov	x0, x2
	mov	x1, x3
	/* The program starts with nothing else of the kernel's in its registers. */
	mov	x2, xzr
	mov	x3, xzr
	mov	x9, xzr
	mov	x10, xzr
	mov	x19, xzr
	mov	x20, xzr
	mov	x21, xzr
	mov	x22, xzr
	mov	x23, xzr
	mov	x24, xzr
	mov	x25, xzr
	mov	x26, xzr
	mov	x27, xzr
	mov	x28, xzr
	mov	x29, xzr
	mov	x30, xzr
	eret

user_sync:
	sub	sp, sp, #FRAME_SIZE
	stp	x0, x1, [sp, #0]
	stp	x2, x3, [sp, #16]
	stp	x4, x5, [sp, #32]
	stp	x6, x7, [sp, #48]
	stp	x8, x9, [sp, #64]
	stp	x10, x11, [sp, #80]
	stp	x12, x13, [sp, #96]
	stp	x14, x15, [sp, #112]
	stp	x16, x17, [sp, #128]
	stp	x18, x19, [sp, #144]
	stp	x20, x21, [sp, #160]
	stp	x22, x23, [sp, #176]
	stp	x24, x25, [sp, #192]
	stp	x26, x27, [sp, #208]
	stp	x28, x29, [sp, #FRAME_X28]
	mrs	x0, sp_el0
	stp	x30, x0, [sp, #FRAME_X30_SP]
	mrs	x0, elr_el1
	mrs	x1, spsr_el1
	stp	x0, x1, [sp, #FRAME_ELR_SPSR]
	mrs	x0, esr_el1
	mrs	x1, far_el1
	stp	x0, x1, [sp, #FRAME_ESR_FAR]
	mov	x0, sp
	bl	user_trap
	cbnz	x0, user_task_over
	ldp	x0, x1, [sp, #FRAME_ELR_SPSR]
	msr	elr_el1, x0
	msr	spsr_el1, x1
	ldp	x30, x0, [sp, #FRAME_X30_SP]
	msr	sp_el0, x0
	ldp	x0, x1, [sp, #0]
	ldp	x2, x3, [sp, #16]
	ldp	x4, x5, [sp, #32]
	ldp	x6, x7, [sp, #48]
	ldp	x8, x9, [sp, #64]
	ldp	x10, x11, [sp, #80]
	ldp	x12, x13, [sp, #96]
	ldp	x14, x15, [sp, #112]
	ldp	x16, x17, [sp, #128]
	ldp	x18, x19, [sp, #144]
	ldp	x20, x21, [sp, #160]
	ldp	x22, x23, [sp, #176]
	ldp	x24, x25, [sp, #192]
	ldp	x26, x27, [sp, #208]
	ldp	x28, x29, [sp, #FRAME_X28]
	add	sp, sp, #FRAME_SIZE
	eret

/* The program is over: back in user_enter's caller, as if user_enter returned. */
user_task_over:
	adrp	x9, kernel_context
	add	x9, x9, :lo12:kernel_context
	callee_saved_load x9, x10
	adrp	x0, user_exit_code
	ldr	x0, [x0, :lo12:user_exit_code]
	ret

	.bss
	.balign	16
kernel_context:
	.space	CALLEE_SAVED_CONTEXT

	.section .note.GNU-stack, "", %progbits
