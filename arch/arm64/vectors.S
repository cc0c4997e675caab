/*
 * vectors.S: the EL2 exception vector table (VBAR_EL2).
 *
 * Ringo runs at EL2 on SP_EL2 with every exception masked, so an exception taken from EL2
 * itself is a hypervisor bug: it resets the stack and panics with the syndrome. From a
 * guest (lower EL, AArch64), the guest's registers are saved into the struct guest_regs
 * that TPIDR_EL2 points at, then C handles the trap and the guest is resumed through
 * guest_return (entry.S). Nothing runs AArch32 at EL1 (HCR_EL2.RW=1), and a 32-bit EL0
 * cannot reach EL2 except through a trapped instruction, which is a guest error.
 */
#include "plat/offsets.h"

/* Kinds passed to C, in vector order: sync, irq, fiq, serror. */
#define KIND_SYNC 0
#define KIND_IRQ 1
#define KIND_FIQ 2
#define KIND_SERROR 3
/* Added for exceptions from EL2 on SP_EL0, EL2 on SP_EL2, and 32-bit lower ELs. */
#define KIND_EL2_SP0 0
#define KIND_EL2_SPX 4
#define KIND_LOWER_A32 8

.macro ventry target, kind
	.balign	0x80
	mov	x0, #\kind
	b	\target
.endm

/* A guest entry must keep x0: it saves the registers before choosing a handler. */
.macro ventry_guest target
	.balign	0x80
	b	\target
.endm

	.text
	.balign	0x800
	.global	el2_vectors
el2_vectors:
	ventry	hypervisor_exception, KIND_EL2_SP0 + KIND_SYNC
	ventry	hypervisor_exception, KIND_EL2_SP0 + KIND_IRQ
	ventry	hypervisor_exception, KIND_EL2_SP0 + KIND_FIQ
	ventry	hypervisor_exception, KIND_EL2_SP0 + KIND_SERROR
	ventry	hypervisor_exception, KIND_EL2_SPX + KIND_SYNC
	ventry	hypervisor_exception, KIND_EL2_SPX + KIND_IRQ
	ventry	hypervisor_exception, KIND_EL2_SPX + KIND_FIQ
	ventry	hypervisor_exception, KIND_EL2_SPX + KIND_SERROR
	ventry_guest guest_sync
	ventry_guest guest_irq
	ventry_guest guest_fiq
	ventry_guest guest_serror
	ventry	guest_aarch32, KIND_LOWER_A32 + KIND_SYNC
	ventry	guest_aarch32, KIND_LOWER_A32 + KIND_IRQ
	ventry	guest_aarch32, KIND_LOWER_A32 + KIND_FIQ
	ventry	guest_aarch32, KIND_LOWER_A32 + KIND_SERROR

hypervisor_exception:
	/* The stack may be what broke: panic on a fresh one. */
	adrp	x1, hv_stack_top
	add	x1, x1, :lo12:hv_stack_top
	mov	sp, x1
	bl	arch_trap_hypervisor
1:	wfe
	b	1b

/* Saves every guest register into *TPIDR_EL2; leaves x0 pointing at the frame. */
.macro save_guest_regs
	stp	x0, x1, [sp, #-16]!
	mrs	x0, tpidr_el2
	stp	x2, x3, [x0, #GUEST_REGS_X2]
	stp	x4, x5, [x0, #GUEST_REGS_X4]
	stp	x6, x7, [x0, #GUEST_REGS_X6]
	stp	x8, x9, [x0, #GUEST_REGS_X8]
	stp	x10, x11, [x0, #GUEST_REGS_X10]
	stp	x12, x13, [x0, #GUEST_REGS_X12]
	stp	x14, x15, [x0, #GUEST_REGS_X14]
	stp	x16, x17, [x0, #GUEST_REGS_X16]
	stp	x18, x19, [x0, #GUEST_REGS_X18]
	stp	x20, x21, [x0, #GUEST_REGS_X20]
	stp	x22, x23, [x0, #GUEST_REGS_X22]
	stp	x24, x25, [x0, #GUEST_REGS_X24]
	stp	x26, x27, [x0, #GUEST_REGS_X26]
	stp	x28, x29, [x0, #GUEST_REGS_X28]
	str	x30, [x0, #GUEST_REGS_X30]
	ldp	x2, x3, [sp], #16
	stp	x2, x3, [x0, #GUEST_REGS_X0]
	mrs	x2, elr_el2
	mrs	x3, spsr_el2
	stp	x2, x3, [x0, #GUEST_REGS_ELR]
.endm

guest_sync:
	save_guest_regs
	bl	arch_trap_guest_sync
	b	guest_return

guest_irq:
	save_guest_regs
	mov	x1, #KIND_IRQ
	bl	arch_trap_guest_async
	b	guest_return

guest_fiq:
	save_guest_regs
	mov	x1, #KIND_FIQ
	bl	arch_trap_guest_async
	b	guest_return

guest_serror:
	save_guest_regs
	mov	x1, #KIND_SERROR
	bl	arch_trap_guest_async
	b	guest_return

guest_aarch32:
	/* Keep the kind: the registers are not needed, the domain will be crashed. */
	mov	x1, x0
	mrs	x0, tpidr_el2
	bl	arch_trap_guest_async
	b	guest_return

	.section .note.GNU-stack, "", %progbits
