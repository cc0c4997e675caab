/*
 * user_programs.S: small EL0 programs whose exact instructions the tests need.
 *
 * They live in .text, which user_run shares with EL0. Each is called as fn(arg) by the
 * library's user_start, at EL0, and returns its result to the exit call.
 */
	.text

/* long user_probe(long address): the load at user_probe_site; 0xbad if it did not load. */
	.global	user_probe, user_probe_site
user_probe:
	mov	x1, #0xbad
user_probe_site:
	ldr	x1, [x0]
	mov	x0, x1
	ret

/* long user_poke(long address): a store at user_poke_site. */
	.global	user_poke, user_poke_site
user_poke:
	mov	x1, #0x77
user_poke_site:
	str	x1, [x0]
	mov	x0, #0
	ret

/* long user_jump(long address): branches there (user_jump_site is the branch). */
	.global	user_jump, user_jump_site
user_jump:
user_jump_site:
	br	x0

/* long user_hvc(long unused): a hypercall attempt from EL0, at user_hvc_site. */
	.global	user_hvc, user_hvc_site
user_hvc:
	mov	x16, #17
user_hvc_site:
	hvc	#0xea1
	ret

/* long user_smc(long unused): an SMC from EL0, at user_smc_site. */
	.global	user_smc, user_smc_site
user_smc:
	mov	x0, #0x84000000
user_smc_site:
	smc	#0
	ret

/* long user_read_sctlr(long unused): an EL1 register read from EL0. */
	.global	user_read_sctlr, user_read_sctlr_site
user_read_sctlr:
user_read_sctlr_site:
	mrs	x0, sctlr_el1
	ret

/*
 * long user_svc_keeps_registers(long unused): fills x1-x7 and x9-x30 with patterns, makes
 * USER_SYS_count by hand (svc, x8 = 3), and returns how many registers came back changed.
 */
	.global	user_svc_keeps_registers
user_svc_keeps_registers:
	stp	x29, x30, [sp, #-16]!
	stp	x19, x20, [sp, #-16]!
	stp	x21, x22, [sp, #-16]!
	stp	x23, x24, [sp, #-16]!
	stp	x25, x26, [sp, #-16]!
	stp	x27, x28, [sp, #-16]!
	.irp	n, 1, 2, 3, 4, 5, 6, 7, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30
	mov	x\n, #(0x100 + \n)
	.endr
	mov	x8, #3
	svc	#0
	mov	x0, #0
	.irp	n, 1, 2, 3, 4, 5, 6, 7, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30
	cmp	x\n, #(0x100 + \n)
	cinc	x0, x0, ne
	.endr
	cmp	x8, #3
	cinc	x0, x0, ne
	ldp	x27, x28, [sp], #16
	ldp	x25, x26, [sp], #16
	ldp	x23, x24, [sp], #16
	ldp	x21, x22, [sp], #16
	ldp	x19, x20, [sp], #16
	ldp	x29, x30, [sp], #16
	ret

	.section .note.GNU-stack, "", %progbits
