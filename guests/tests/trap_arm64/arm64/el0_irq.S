/*
 * el0_irq.S: running EL0 until an interrupt takes it back to EL1, for the upcall tests.
 *
 * long el0_run_until_irq(void) saves the kernel's callee-saved registers, stack pointer
 * and VBAR_EL1, installs el0_irq_vectors and erets to el0_wfi_loop at EL0 with DAIF clear.
 * el0_wfi_loop waits in WFI forever (SCTLR_EL1.nTWI is set, so each WFI traps to the
 * hypervisor, which blocks the vCPU until an event is pending): only an exception ends it.
 * The first exception, whatever it is, records ELR_EL1 and SPSR_EL1 (trap_elr, trap_spsr),
 * restores the kernel's state and VBAR_EL1, and returns its vector offset from
 * el0_run_until_irq (0x480 for an IRQ from EL0, the event upcall). el0_wfi_loop is in the
 * image's text, which the library's user runner makes EL0-executable.
 */
#include "arm64/vector_table.h"
#include "arm64_asm.h"

#define CONTEXT_VBAR CALLEE_SAVED_CONTEXT /* after the callee-saved context */

.macro el0_ventry offset
	mov	x0, #\offset
	b	el0_back
.endm

	.text
	.global	el0_run_until_irq, el0_wfi_loop
el0_run_until_irq:
	adrp	x9, el0_kernel_context
	add	x9, x9, :lo12:el0_kernel_context
	callee_saved_store x9, x10
	mrs	x10, vbar_el1
	str	x10, [x9, #CONTEXT_VBAR]
	adr	x10, el0_irq_vectors
	msr	vbar_el1, x10
	adr	x10, el0_wfi_loop
	msr	elr_el1, x10
	msr	spsr_el1, xzr
	isb
	eret

el0_wfi_loop:
	wfi
	b	el0_wfi_loop

	vector_table el0_irq_vectors, el0_ventry

el0_back:
	mrs	x1, elr_el1
	adrp	x2, trap_elr
	str	x1, [x2, :lo12:trap_elr]
	mrs	x1, spsr_el1
	adrp	x2, trap_spsr
	str	x1, [x2, :lo12:trap_spsr]
	adrp	x9, el0_kernel_context
	add	x9, x9, :lo12:el0_kernel_context
	ldr	x10, [x9, #CONTEXT_VBAR]
	msr	vbar_el1, x10
	isb
	callee_saved_load x9, x10
	ret

	.bss
	.balign	16
el0_kernel_context:
	.space	CALLEE_SAVED_CONTEXT + 16 /* and VBAR_EL1 */

	.section .note.GNU-stack, "", %progbits
