/*
 * arm64/vector_table.h: the shape of an AArch64 EL1 vector table, for assembly files.
 *
 * VBAR_EL1 names a 2 KiB-aligned table of sixteen 128-byte entries (current EL with SP_EL0,
 * current EL with SP_ELx, lower EL AArch64, lower EL AArch32; each sync, IRQ, FIQ,
 * SError). vector_table emits all sixteen by expanding the caller's one-entry macro with
 * each entry's offset, so every table in the guests has the same layout and only says what
 * one entry does.
 */
#ifndef GUEST_ARM64_VECTOR_TABLE_H
#define GUEST_ARM64_VECTOR_TABLE_H

#ifdef __ASSEMBLY__
/* Assembler macros, not C: kept out of clang-format. */
/* clang-format off */
.macro vector_table name, entry
	.balign	0x800
	.global	\name
\name:
	.irp	offset, 0x000, 0x080, 0x100, 0x180, 0x200, 0x280, 0x300, 0x380, 0x400, 0x480, 0x500, 0x580, 0x600, 0x680, 0x700, 0x780
	.balign	0x80
	\entry	\offset
	.endr
.endm
/* clang-format on */
#endif

#endif
