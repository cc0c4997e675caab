/*
 * upcall.S (x86): the bench's minimal event callback (CALLBACKTYPE_event), in place of
 * the library's dispatcher so that "send + upcall + return" measures the hypervisor's
 * path and not a guest's C code.
 *
 * Entered by the hypervisor's bounce frame (EIP, CS with the saved upcall mask in bits
 * 16-23, EFLAGS; always from ring 1 here), with events masked. It clears
 * evtchn_upcall_pending, takes evtchn_pending_sel and every pending port of word 0
 * (bench ports are below 32) with atomic exchanges, ORs the ports into bench_seen, counts
 * the upcall, puts back the event mask the frame saved and returns with a plain iret,
 * which ring 1 may execute towards ring 1. An event raised while it runs stays pending
 * until the guest's next hypercall delivers it (the bench makes one at once).
 */
#define FRAME_SAVED_MASK 14 /* the saved mask byte of CS, above the two saved registers */
#define VCPU_UPCALL_MASK 1

	.text
	.p2align 4
	.globl	bench_upcall_entry
bench_upcall_entry:
	push	%eax
	push	%edx
	mov	bench_vcpu, %eax
	movb	$0, (%eax)
	xor	%edx, %edx
	mov	bench_pending_sel, %eax
	xchg	%edx, (%eax)
	xor	%edx, %edx
	mov	bench_pending, %eax
	xchg	%edx, (%eax)
	lock or	%edx, bench_seen
	incl	bench_upcalls
	mov	bench_vcpu, %eax
	movb	FRAME_SAVED_MASK(%esp), %dl
	movb	%dl, VCPU_UPCALL_MASK(%eax)
	pop	%edx
	pop	%eax
	iret
