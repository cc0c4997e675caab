/*
 * loops.S (x86): the PV bench image's timed loops (x86/bench_loop.h) for the operations
 * made from ring 1, and the system calls its fast path does not serve.
 *
 * Each hypercall goes through its slot of the hypercall page (`call`; the slot's
 * `mov $n, %eax; int $0x82; ret`), as a Xen kernel makes it; the figure includes the slot
 * and the loading of the arguments. The loops alternate between two entries (or two request
 * arrays), so that every update replaces a mapping with another one.
 */
#include "../bench_pv.h"
#include "x86/bench_loop.h"

#define HYPERCALL_SLOT(nr) (hypercall_page + (nr) * 32)
#define HYPERVISOR_mmu_update 1
#define HYPERVISOR_multicall 13
#define HYPERVISOR_update_va_mapping 14
#define HYPERVISOR_xen_version 17
#define XENVER_version 0
#define UVMF_INVLPG 2
#define DOMID_SELF 0x7ff0

/* xen_version(XENVER_version): the null hypercall, a handler that returns a constant. */
BENCH_LOOP(bench_null_hypercall_loop)
	mov	$XENVER_version, %ebx
	call	HYPERCALL_SLOT(HYPERVISOR_xen_version)
BENCH_LOOP_END(bench_null_hypercall_loop)

/* update_va_mapping(va, entry, UVMF_INVLPG), the entry toggling between two pages. */
BENCH_LOOP(bench_uvm_loop)
	mov	bench_uvm_pte, %ecx
	xor	bench_uvm_toggle, %ecx
	mov	%ecx, bench_uvm_pte
	mov	bench_uvm_va, %ebx
	mov	bench_uvm_pte + 4, %edx
	mov	$UVMF_INVLPG, %esi
	call	HYPERCALL_SLOT(HYPERVISOR_update_va_mapping)
BENCH_LOOP_END(bench_uvm_loop)

/*
 * A kernel's direct write of the same entry's low half, as XenoLinux writes its tables
 * with writable page tables on: the write faults and the hypervisor emulates it.
 */
BENCH_LOOP(bench_ptwr_loop)
	mov	bench_uvm_pte, %ecx
	xor	bench_uvm_toggle, %ecx
	mov	%ecx, bench_uvm_pte
	mov	bench_uvm_entry, %ebx
	mov	%ecx, (%ebx)
BENCH_LOOP_END(bench_ptwr_loop)

/* mmu_update(requests, count, NULL, DOMID_SELF): no `done`, as XenoLinux's queue flush. */
.macro	mmu_update_loop name, count
BENCH_LOOP(\name)
	mov	bench_mmu_requests, %ebx
	xchg	%ebx, bench_mmu_requests + 4
	mov	%ebx, bench_mmu_requests
	mov	$\count, %ecx
	xor	%edx, %edx
	mov	$DOMID_SELF, %esi
	call	HYPERCALL_SLOT(HYPERVISOR_mmu_update)
BENCH_LOOP_END(\name)
.endm

	mmu_update_loop bench_mmu_update_1_loop, 1
	mmu_update_loop bench_mmu_update_64_loop, 64
	mmu_update_loop bench_mmu_update_512_loop, BENCH_BATCH_MAX

/* multicall(bench_calls, BENCH_MULTICALL_ENTRIES), every entry a null hypercall. */
BENCH_LOOP(bench_multicall_loop)
	mov	$bench_calls, %ebx
	mov	$BENCH_MULTICALL_ENTRIES, %ecx
	call	HYPERCALL_SLOT(HYPERVISOR_multicall)
BENCH_LOOP_END(bench_multicall_loop)

/* System calls other than the bench's own go to the library's full path (exit, ...). */
	.text
	.globl	bench_x86_int80_other
bench_x86_int80_other:
	jmp	trap_syscall_entry

	.section .note.GNU-stack, "", @progbits
