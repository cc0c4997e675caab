/*
 * irq_helpers.S (irq_x86): the event-callback entry the upcall tests record with, and the
 * instruction sequences they need exactly.
 */
#define FLAT_RING1_CS 0xe019
#define FLAT_RING1_DS 0xe021
#define HYPERCALL_VECTOR 0x82
#define HYPERCALL_IRET 23
#define HYPERCALL_XEN_VERSION 17
#define TIMER_VECTOR 0xf0

	.text

/*
 * The event callback. The bounce frame is EIP, CS (the old event mask in bits 16-23),
 * EFLAGS, and from ring 3 ESP, SS; all five words go to upcall_frame, its address to
 * upcall_esp, the event mask as the callback found it to upcall_mask_on_entry. It clears
 * evtchn_upcall_pending (raising it again while upcall_reraise counts down, to see the
 * iret hypercall deliver the next upcall) and returns through the iret hypercall, which
 * restores the mask from the frame's IF.
 */
	.globl	upcall_entry
upcall_entry:
	push	%eax
	push	%ecx
	lea	8(%esp), %eax
	mov	%eax, upcall_esp
	mov	0(%eax), %ecx
	mov	%ecx, upcall_frame
	mov	4(%eax), %ecx
	mov	%ecx, upcall_frame + 4
	mov	8(%eax), %ecx
	mov	%ecx, upcall_frame + 8
	mov	12(%eax), %ecx
	mov	%ecx, upcall_frame + 12
	mov	16(%eax), %ecx
	mov	%ecx, upcall_frame + 16
	mov	upcall_vcpu_info, %ecx
	movzbl	1(%ecx), %eax
	mov	%eax, upcall_mask_on_entry
	movb	$0, (%ecx)
	cmpl	$0, upcall_reraise
	je	1f
	decl	upcall_reraise
	movb	$1, (%ecx)
1:	incl	upcall_count
	pop	%ecx
	pop	%eax
	push	%eax
	mov	$HYPERCALL_IRET, %eax
	int	$HYPERCALL_VECTOR

/*
 * The failsafe callback: DS..GS are null on entry, so reload the kernel's first, then
 * hand the frame (DS, ES, FS, GS, EIP, CS, EFLAGS[, ESP, SS]) to C.
 */
	.globl	irq_failsafe_entry
irq_failsafe_entry:
	mov	$FLAT_RING1_DS, %eax
	mov	%eax, %ds
	mov	%eax, %es
	mov	%esp, %eax
	push	%eax
	call	irq_failsafe_seen
	ud2

/*
 * void null_hypercall(void): xen_version(0) with int $0x82; its return is where a due
 * upcall is delivered, and null_hypercall_next is where the upcall's frame points.
 */
	.globl	null_hypercall
null_hypercall:
	push	%ebx
	mov	$HYPERCALL_XEN_VERSION, %eax
	xor	%ebx, %ebx
	int	$HYPERCALL_VECTOR
	.globl	null_hypercall_next
null_hypercall_next:
	pop	%ebx
	ret

/* void hypercall_on_stack(uint32_t esp): the same hypercall with esp as the stack; no return. */
	.globl	hypercall_on_stack
hypercall_on_stack:
	mov	4(%esp), %esp
	mov	$HYPERCALL_XEN_VERSION, %eax
	xor	%ebx, %ebx
	int	$HYPERCALL_VECTOR
	.globl	hypercall_on_stack_next
hypercall_on_stack_next:
	ud2

/* void int_timer_vector(void): `int $0xf0` at int_timer_site (a #GP unless allowed). */
	.globl	int_timer_vector
int_timer_vector:
	.globl	int_timer_site
int_timer_site:
	int	$TIMER_VECTOR
	.globl	int_timer_next
int_timer_next:
	ret

/*
 * uint32_t tsc_largest_gap(uint32_t iterations): reads the TSC iterations times in a
 * tight loop and returns the largest difference between two reads: under -icount, where
 * the TSC counts instructions, an interrupt taken in the loop shows as a gap of its path
 * length plus the loop's own few instructions.
 */
	.globl	tsc_largest_gap
tsc_largest_gap:
	push	%ebx
	push	%esi
	push	%edi
	mov	16(%esp), %ecx
	xor	%edi, %edi
	rdtsc
	mov	%eax, %esi
1:	mov	%ecx, %ebx
	rdtsc
	mov	%eax, %ecx
	sub	%esi, %eax
	mov	%ecx, %esi
	cmp	%edi, %eax
	jbe	2f
	mov	%eax, %edi
2:	mov	%ebx, %ecx
	dec	%ecx
	jnz	1b
	mov	%edi, %eax
	pop	%edi
	pop	%esi
	pop	%ebx
	ret

/*
 * uint32_t iret_round_trip(void): TSC ticks of one iret hypercall that returns to ring 1
 * just after itself with IF set (events unmasked), between two rdtsc.
 */
	.globl	iret_round_trip
iret_round_trip:
	push	%esi
	rdtsc
	mov	%eax, %esi
	pushfl
	pop	%ecx
	or	$0x200, %ecx
	push	%ecx
	push	$FLAT_RING1_CS
	push	$1f
	push	%eax
	mov	$HYPERCALL_IRET, %eax
	int	$HYPERCALL_VECTOR
1:	rdtsc
	sub	%esi, %eax
	pop	%esi
	ret

	.section .note.GNU-stack, "", @progbits
