/*
 * plat/ptwr_insn.h (x86): the instructions a guest kernel may use to write one of its
 * level-1 page-table entries in place (VMASST_TYPE_writable_pagetables), decoded and run
 * as pure functions.
 *
 * The page-table page is mapped read-only, so the write faults and the hypervisor emulates
 * that one instruction: ptwr_decode says what the bytes at the guest's eip are (form,
 * operands, length), ptwr_execute what the entry and the registers would hold afterwards.
 * ptwr_operand_offset computes the memory operand's offset in its segment from the decoded
 * addressing form and the registers: the caller requires it to equal the fault address
 * (%cr2), since a misaligned write that runs from a writable page into a page-table page
 * faults with %cr2 at the start of the table page, not at the operand, and refuses fs/gs
 * overrides, whose base need not be 0. None of them touches any state of the hypervisor:
 * the caller validates the new entry and commits it, and the register results, only when
 * it accepts the write. Being pure, they link into the host unit tests and a fuzz target
 * beside the fake arch.
 */
#ifndef RINGO_PLAT_PTWR_INSN_H
#define RINGO_PLAT_PTWR_INSN_H

#include "types.h"

/* The arithmetic flags the emulated instructions set or clear. */
#define PTWR_EFLAGS_CF 0x001
#define PTWR_EFLAGS_PF 0x004
#define PTWR_EFLAGS_AF 0x010
#define PTWR_EFLAGS_ZF 0x040
#define PTWR_EFLAGS_SF 0x080
#define PTWR_EFLAGS_OF 0x800
#define PTWR_EFLAGS_ARITH                                                                     \
	(PTWR_EFLAGS_CF | PTWR_EFLAGS_PF | PTWR_EFLAGS_AF | PTWR_EFLAGS_ZF | PTWR_EFLAGS_SF | \
	 PTWR_EFLAGS_OF)

/* The longest instruction x86 allows. */
#define PTWR_INSN_MAX_LEN 15

/* The general registers in ModRM order. */
enum ptwr_gpr {
	PTWR_EAX,
	PTWR_ECX,
	PTWR_EDX,
	PTWR_EBX,
	PTWR_ESP,
	PTWR_EBP,
	PTWR_ESI,
	PTWR_EDI,
};

/*
 * The guest registers an emulated write reads and may change: the general registers in
 * ModRM order (eax, ecx, edx, ebx, esp, ebp, esi, edi) and eflags.
 */
struct ptwr_regs {
	uint32_t gpr[8];
	uint32_t eflags;
};

enum ptwr_op {
	PTWR_MOV,	/* 89 /r (mov r32 -> m32), C7 /0 id (mov imm32 -> m32) */
	PTWR_XCHG,	/* 87 /r (xchg r32, m32; either operand order encodes the same) */
	PTWR_CMPXCHG,	/* 0F B1 /r (cmpxchg r32, m32: compare with eax) */
	PTWR_CMPXCHG8B, /* 0F C7 /1 (cmpxchg8b m64: compare edx:eax, store ecx:ebx) */
	PTWR_AND,	/* 21 /r (and r32 -> m32), 81 /4 id, 83 /4 ib (sign-extended) */
	PTWR_OR,	/* 09 /r, 81 /1 id, 83 /1 ib */
	PTWR_BTS,	/* 0F BA /5 ib (bts imm8, m32; bit = imm & 31) */
	PTWR_BTR,	/* 0F BA /6 ib (btr imm8, m32) */
};

struct ptwr_insn {
	enum ptwr_op op;
	uint8_t len;   /* the whole instruction's bytes, prefixes included (<= 15) */
	uint8_t width; /* bytes written: 4, or 8 for cmpxchg8b */
	uint8_t reg;   /* the register operand (ModRM reg field) for the /r forms */
	bool has_imm;
	uint32_t imm; /* the immediate, sign-extended for 83; the bit number for bt* */
	/* The memory operand as decoded: base + index * scale + disp. */
	int8_t base;	 /* base register (ModRM order), -1 (mod 00 with rm 101 or SIB base 101) */
	int8_t index;	 /* SIB index register, or -1: no SIB, or SIB index 100 */
	uint8_t scale;	 /* the SIB scale, 1, 2, 4 or 8; 1 without a SIB byte */
	int32_t disp;	 /* the displacement, sign-extended for disp8; 0 when there is none */
	uint8_t segment; /* the segment override prefix (26 2E 36 3E 64 65), or 0 for none */
	bool lock;	 /* the lock prefix was given, or the instruction is xchg (always locked) */
};

/*
 * Decodes code[0, len): true when it is one of the forms above with a MEMORY destination
 * (ModRM mod != 3), with only these prefixes: lock (F0) and a segment override (26 2E 36
 * 3E 64 65), at most one of each; false for anything else (66 operand size, 67 address
 * size, F2/F3 rep, a repeated prefix, lock on mov, which the CPU refuses with #UD, a
 * register destination, a truncated instruction, any other opcode). Never reads code[len]
 * or beyond. ModRM/SIB/displacement lengths follow 32-bit addressing: mod 00 rm 101 ->
 * disp32; SIB when rm == 100 (mod != 11), and SIB base 101 with mod 00 -> disp32; mod 01 ->
 * disp8; mod 10 -> disp32. For the /r forms insn->reg is the ModRM reg field; for the
 * others it is 0. The operand fields (base, index, scale, disp) describe the ModRM/SIB
 * addressing form; segment and lock the prefixes. On false, *insn is unspecified.
 */
bool ptwr_decode(const uint8_t *code, size_t len, struct ptwr_insn *insn);

/*
 * The memory operand's offset in its segment: base + index * scale + disp from regs, in
 * 32-bit arithmetic, wrapping as the CPU does. The segment is the caller's to judge.
 */
uint32_t ptwr_operand_offset(const struct ptwr_insn *insn, const struct ptwr_regs *regs);

/*
 * Runs insn against the memory operand's current value `old` (its low width*8 bits
 * matter) and regs, as the CPU would: *value is what the memory operand holds afterwards
 * (low width*8 bits; the bits above are zero), regs get the register and flag results.
 * Returns true when the instruction writes memory, false when it does not (cmpxchg /
 * cmpxchg8b whose compare failed: then eax, or edx:eax, get the current value, ZF is
 * clear and *value is the current value). Flags:
 *  - and/or: CF=OF=0, ZF, SF, PF (even parity of the low result byte) from the result; AF
 *    left alone.
 *  - bts/btr: CF = the bit's old value; the rest left alone.
 *  - cmpxchg: all of CF, PF, AF, ZF, SF, OF as `cmp eax, m32` (eax - m32) sets them.
 *  - cmpxchg8b: ZF only.
 *  - mov, xchg: none. xchg puts the old memory value in the register.
 * The caller commits regs only when it accepts the write.
 */
bool ptwr_execute(const struct ptwr_insn *insn, uint64_t old, struct ptwr_regs *regs,
		  uint64_t *value);

#endif
