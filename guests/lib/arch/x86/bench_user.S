/*
 * bench_user.S (x86): the benchmark code that a PV guest and a bare-metal native image run
 * alike, so that their figures compare one and the same instructions.
 *
 * The loops (x86/bench_loop.h) run in ring 3:
 *   bench_x86_empty        nothing: what every loop costs besides its body;
 *   bench_x86_int80_loop   `int $0x80` with USER_SYS_add, a system call the kernel serves
 *                          at once;
 *   bench_x86_fault_loop   a load from bench_x86_fault_va, which is not mapped: a page
 *                          fault whose handler skips the load.
 * The kernel's handlers (ring 1 under Ringo, reached through its direct 0x80 gate and its
 * #PF bounce; ring 0 natively, through the IDT):
 *   bench_x86_int80_entry  serves USER_SYS_add (EAX = EBX + ECX) at once and returns with a
 *                          native iret; any other call goes to bench_x86_int80_other,
 *                          which each image defines (the PV guest's full system-call path,
 *                          the native image's exit);
 *   bench_x86_fault_entry  drops the error code, steps the frame's EIP past the 2-byte
 *                          load and returns with a native iret. Under Ringo that iret goes
 *                          from ring 1 straight to ring 3, as XenoLinux's return path does
 *                          when the event mask need not change (the bench's #PF entry does
 *                          not mask events): the CS slot's upper half (the saved mask) is
 *                          ignored by iret, and IF cannot change below IOPL.
 */
#include "x86/bench_loop.h"

#define USER_SYS_add 2
#define FAULTING_LOAD_SIZE 2

BENCH_LOOP(bench_x86_empty)
BENCH_LOOP_END(bench_x86_empty)

BENCH_LOOP(bench_x86_int80_loop)
	mov	$USER_SYS_add, %eax
	int	$0x80
BENCH_LOOP_END(bench_x86_int80_loop)

BENCH_LOOP(bench_x86_fault_loop)
	mov	bench_x86_fault_va, %edx
2:	mov	(%edx), %eax		/* faults; the handler resumes after it */
3:	.if	(3b - 2b) != FAULTING_LOAD_SIZE
	.error	"the faulting load is not the size the handler skips"
	.endif
BENCH_LOOP_END(bench_x86_fault_loop)

	.text
	.p2align 4
	.globl	bench_x86_int80_entry
bench_x86_int80_entry:
	cmp	$USER_SYS_add, %eax
	jne	bench_x86_int80_other
	mov	%ebx, %eax
	add	%ecx, %eax
	iret

	.p2align 4
	.globl	bench_x86_fault_entry
bench_x86_fault_entry:
	add	$4, %esp		/* the error code */
	addl	$FAULTING_LOAD_SIZE, (%esp)
	iret

	.data
	.p2align 2
	.globl	bench_x86_fault_va
bench_x86_fault_va:
	.long	0			/* set by the image: an address mapped nowhere */

	.section .note.GNU-stack, "", @progbits
