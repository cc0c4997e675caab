/*
 * loops.S (arm64): the PV bench image's timed loops (arm64/bench_loop.h) and the EL1 ends
 * of its EL0 operations.
 *
 * Hypercalls go through stubs shaped like a Linux arm64 kernel's (`mov x16, #n;
 * hvc #0xEA1; ret`, called with bl), so each figure includes the call, the stub and the
 * loading of the arguments, as x86's includes its hypercall-page slot. The loops alternate
 * between two entries (or two request arrays), so that every update replaces a mapping
 * with another one.
 *
 * EL0 operations (run through user_run) reach the kernel's own VBAR_EL1 table, never the
 * hypervisor; for them the bench installs a table of its own in front of the library's
 * (user_vectors_set), whose lower-EL synchronous entry serves the operation in place:
 *   bench_el0_svc_vectors    `svc` with x8 = USER_SYS_add: x0 += x1 and eret, four
 *                            instructions;
 *   bench_el0_fault_vectors  a data abort from EL0: ELR_EL1 stepped past the 4-byte load
 *                            and eret, eight instructions (x9 is their scratch register:
 *                            the EL0 loops keep nothing there).
 * Everything else, the program's exit call included, goes on to the library's entry at
 * the same offset. A round trip's figure is thus the EL0 and EL1 instructions alone; any
 * hypervisor instruction would show above them, and the entry counter shows none.
 */
#include "../bench_pv.h"
#include "arm64/bench_loop.h"

#define HYPERVISOR_mmu_update 1
#define HYPERVISOR_multicall 13
#define HYPERVISOR_update_va_mapping 14
#define HYPERVISOR_xen_version 17
#define XENVER_version 0
#define UVMF_INVLPG 2
#define DOMID_SELF 0x7ff0
#define USER_SYS_add 2
#define EC_DABT_LOWER 0x24
#define ESR_EC_SHIFT 26
#define FAULTING_LOAD_SIZE 4
#define CALIBRATION_BODY 64

	hypercall_stub bench_hvc_xen_version, HYPERVISOR_xen_version
	hypercall_stub bench_hvc_update_va_mapping, HYPERVISOR_update_va_mapping
	hypercall_stub bench_hvc_mmu_update, HYPERVISOR_mmu_update
	hypercall_stub bench_hvc_multicall, HYPERVISOR_multicall

BENCH_LOOP(bench_arm64_empty)
BENCH_LOOP_END(bench_arm64_empty)

/* The clock's scale: a body of exactly CALIBRATION_BODY instructions. */
BENCH_LOOP(bench_calibration_loop)
	.rept	CALIBRATION_BODY
	nop
	.endr
BENCH_LOOP_END(bench_calibration_loop)

/* xen_version(XENVER_version): the null hypercall, a handler that returns a constant. */
BENCH_LOOP(bench_null_hypercall_loop)
	mov	x0, #XENVER_version
	bl	bench_hvc_xen_version
BENCH_LOOP_END(bench_null_hypercall_loop)

/* update_va_mapping(va, entry, UVMF_INVLPG), the entry toggling between two pages. */
BENCH_LOOP(bench_uvm_loop)
	adrp	x9, bench_uvm_pte
	ldr	x1, [x9, :lo12:bench_uvm_pte]
	adrp	x10, bench_uvm_toggle
	ldr	x10, [x10, :lo12:bench_uvm_toggle]
	eor	x1, x1, x10
	str	x1, [x9, :lo12:bench_uvm_pte]
	adrp	x0, bench_uvm_va
	ldr	x0, [x0, :lo12:bench_uvm_va]
	mov	x2, #UVMF_INVLPG
	bl	bench_hvc_update_va_mapping
BENCH_LOOP_END(bench_uvm_loop)

/* mmu_update(requests, count, NULL, DOMID_SELF): no `done`, as XenoLinux's queue flush. */
.macro	mmu_update_loop name, count
BENCH_LOOP(\name)
	adrp	x9, bench_mmu_requests
	add	x9, x9, :lo12:bench_mmu_requests
	ldp	x0, x1, [x9]
	stp	x1, x0, [x9]
	mov	x1, #\count
	mov	x2, xzr
	mov	x3, #DOMID_SELF
	bl	bench_hvc_mmu_update
BENCH_LOOP_END(\name)
.endm

	mmu_update_loop bench_mmu_update_1_loop, 1
	mmu_update_loop bench_mmu_update_64_loop, 64
	mmu_update_loop bench_mmu_update_512_loop, BENCH_BATCH_MAX

/* multicall(bench_calls, BENCH_MULTICALL_ENTRIES), every entry a null hypercall. */
BENCH_LOOP(bench_multicall_loop)
	adrp	x0, bench_calls
	add	x0, x0, :lo12:bench_calls
	mov	x1, #BENCH_MULTICALL_ENTRIES
	bl	bench_hvc_multicall
BENCH_LOOP_END(bench_multicall_loop)

/* At EL0: the system call the bench's vector serves in place. */
BENCH_LOOP(bench_el0_svc_loop)
	mov	x8, #USER_SYS_add
	svc	#0
BENCH_LOOP_END(bench_el0_svc_loop)

/* At EL0: a load from an address mapped nowhere (guest_arch_unmapped_va, in .rodata). */
BENCH_LOOP(bench_el0_fault_loop)
	adrp	x10, guest_arch_unmapped_va
	ldr	x10, [x10, :lo12:guest_arch_unmapped_va]
2:	ldr	x11, [x10]		/* faults; the handler resumes after it */
3:	.if	(3b - 2b) != FAULTING_LOAD_SIZE
	.error	"the faulting load is not the size the handler skips"
	.endif
BENCH_LOOP_END(bench_el0_fault_loop)

/* At EL0, for the check: one faulting load, then 42. */
	.text
	.global	bench_el0_fault_once
bench_el0_fault_once:
	adrp	x10, guest_arch_unmapped_va
	ldr	x10, [x10, :lo12:guest_arch_unmapped_va]
	ldr	x11, [x10]
	mov	x0, #42
	ret

/* An entry that hands the exception to the library's table, at the same offset. */
.macro chain offset
	.balign	0x80
	b	user_vectors + \offset
.endm

.macro chain_el1_entries
	.irp	offset, 0x000, 0x080, 0x100, 0x180, 0x200, 0x280, 0x300, 0x380
	chain	\offset
	.endr
.endm

.macro chain_entries_after_sync
	.irp	offset, 0x480, 0x500, 0x580, 0x600, 0x680, 0x700, 0x780
	chain	\offset
	.endr
.endm

	.text
	.balign	0x800
	.global	bench_el0_svc_vectors
bench_el0_svc_vectors:
	chain_el1_entries
	.balign	0x80
	cmp	x8, #USER_SYS_add
	b.ne	user_vectors + 0x400
	add	x0, x0, x1
	eret
	chain_entries_after_sync

	.balign	0x800
	.global	bench_el0_fault_vectors
bench_el0_fault_vectors:
	chain_el1_entries
	.balign	0x80
	mrs	x9, esr_el1
	lsr	x9, x9, #ESR_EC_SHIFT
	cmp	x9, #EC_DABT_LOWER
	b.ne	user_vectors + 0x400
	mrs	x9, elr_el1
	add	x9, x9, #FAULTING_LOAD_SIZE
	msr	elr_el1, x9
	eret
	chain_entries_after_sync

	.section .note.GNU-stack, "", %progbits
