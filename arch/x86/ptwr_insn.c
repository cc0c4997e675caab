/*
 * ptwr_insn.c (x86): decodes and runs the one instruction a guest kernel used to write a
 * level-1 page-table entry in place (writable page tables, plat/ptwr_insn.h).
 *
 * Only the forms a kernel uses to update a PAE entry are taken: mov, xchg, cmpxchg,
 * cmpxchg8b, and, or, bts and btr, each with a memory destination, 32-bit operand size
 * and 32-bit addressing. Decoding records the memory operand's addressing form (base,
 * index, scale, displacement from the ModRM, SIB and displacement bytes) and the segment
 * override, and ptwr_operand_offset computes the offset from them: the caller checks that
 * effective address against the fault address and refuses fs/gs overrides. A prefix other
 * than lock and one segment override makes the instruction one Ringo does not emulate, and
 * the fault goes to the guest. Everything here is pure: no globals, no CPU state, so the
 * host tests and a fuzz target run it as it is.
 */
#include "plat/insn_prefix.h"
#include "plat/ptwr_insn.h"

#define OPCODE_OR 0x09
#define OPCODE_TWO_BYTE 0x0f
#define OPCODE_AND 0x21
#define OPCODE_GROUP1_IMM32 0x81
#define OPCODE_GROUP1_IMM8 0x83
#define OPCODE_XCHG 0x87
#define OPCODE_MOV 0x89
#define OPCODE_MOV_IMM 0xc7
#define TWO_BYTE_CMPXCHG 0xb1
#define TWO_BYTE_GROUP8 0xba
#define TWO_BYTE_GROUP9 0xc7

/* ModRM reg fields that select the operation in the group opcodes. */
#define GROUP1_OR 1
#define GROUP1_AND 4
#define GROUP8_BTS 5
#define GROUP8_BTR 6
#define GROUP9_CMPXCHG8B 1
#define MOV_IMM_REG 0

#define MODRM_MOD_REGISTER 3
#define MODRM_RM_SIB 4
#define MODRM_RM_DISP32 5
#define SIB_BASE_DISP32 5
#define SIB_INDEX_NONE 4
#define NO_REGISTER (-1)

#define BIT_NUMBER_MASK 31

/* The bytes being decoded and how far the decoder has read. */
struct cursor {
	const uint8_t *code;
	size_t len;
	size_t pos;
};

static bool cursor_byte(struct cursor *c, uint8_t *byte)
{
	if (c->pos >= c->len) {
		return false;
	}
	*byte = c->code[c->pos++];
	return true;
}

/* A little-endian immediate or displacement of 1 or 4 bytes; one byte is sign-extended. */
static bool cursor_imm(struct cursor *c, size_t size, uint32_t *imm)
{
	uint8_t byte = 0;

	*imm = 0;
	for (size_t i = 0; i < size; i++) {
		if (!cursor_byte(c, &byte)) {
			return false;
		}
		*imm |= (uint32_t)byte << (8 * i);
	}
	if (size == 1) {
		*imm = (uint32_t)(int32_t)(int8_t)byte;
	}
	return true;
}

/*
 * Reads the prefixes (into insn->lock and insn->segment) and the first opcode byte. Other
 * prefixes (66, 67, F2, F3) are left as the opcode, which no form matches; a second lock or
 * segment override is refused.
 */
static bool decode_prefixes(struct cursor *c, struct ptwr_insn *insn, uint8_t *opcode)
{
	for (;;) {
		if (!cursor_byte(c, opcode)) {
			return false;
		}
		if (*opcode == X86_PREFIX_LOCK) {
			if (insn->lock) {
				return false;
			}
			insn->lock = true;
		} else if (x86_is_segment_override(*opcode)) {
			if (insn->segment) {
				return false;
			}
			insn->segment = *opcode;
		} else {
			return true;
		}
	}
}

/*
 * Reads the SIB byte into insn's index, scale and base; *disp_size becomes 4 for base 101
 * with mod 00 (no base register, disp32).
 */
static bool decode_sib(struct cursor *c, unsigned int mod, struct ptwr_insn *insn,
		       size_t *disp_size)
{
	uint8_t sib;

	if (!cursor_byte(c, &sib)) {
		return false;
	}
	unsigned int index = (sib >> 3) & 7;
	unsigned int base = sib & 7;

	insn->scale = (uint8_t)(1u << (sib >> 6));
	insn->index = index == SIB_INDEX_NONE ? NO_REGISTER : (int8_t)index;
	if (mod == 0 && base == SIB_BASE_DISP32) {
		insn->base = NO_REGISTER;
		*disp_size = 4;
	} else {
		insn->base = (int8_t)base;
	}
	return true;
}

/*
 * Reads the ModRM byte (its reg field into *reg) and the SIB byte and displacement of a
 * memory operand into insn's base, index, scale and disp; false for a register operand or
 * when the bytes run out.
 */
static bool decode_modrm(struct cursor *c, struct ptwr_insn *insn, uint8_t *reg)
{
	uint8_t modrm;
	size_t disp_size;
	uint32_t disp = 0;

	if (!cursor_byte(c, &modrm)) {
		return false;
	}
	unsigned int mod = modrm >> 6;
	unsigned int rm = modrm & 7;

	*reg = (modrm >> 3) & 7;
	if (mod == MODRM_MOD_REGISTER) {
		return false;
	}
	disp_size = mod == 1 ? 1 : mod == 2 ? 4 : 0;
	insn->base = (int8_t)rm;
	insn->index = NO_REGISTER;
	insn->scale = 1;
	if (rm == MODRM_RM_SIB) {
		if (!decode_sib(c, mod, insn, &disp_size)) {
			return false;
		}
	} else if (mod == 0 && rm == MODRM_RM_DISP32) {
		insn->base = NO_REGISTER;
		disp_size = 4;
	}
	if (disp_size && !cursor_imm(c, disp_size, &disp)) {
		return false;
	}
	insn->disp = (int32_t)disp;
	return true;
}

/* An "op r32 -> m32" form: the register operand is the ModRM reg field. */
static bool decode_reg_form(struct cursor *c, enum ptwr_op op, struct ptwr_insn *insn)
{
	insn->op = op;
	return decode_modrm(c, insn, &insn->reg);
}

/* C7 /0 id: mov imm32 -> m32. */
static bool decode_mov_imm(struct cursor *c, struct ptwr_insn *insn)
{
	uint8_t sub;

	insn->op = PTWR_MOV;
	insn->has_imm = true;
	return decode_modrm(c, insn, &sub) && sub == MOV_IMM_REG && cursor_imm(c, 4, &insn->imm);
}

/* 81 /1 /4 id and 83 /1 /4 ib: or and and with an immediate of imm_size bytes. */
static bool decode_group1(struct cursor *c, size_t imm_size, struct ptwr_insn *insn)
{
	uint8_t sub;

	if (!decode_modrm(c, insn, &sub)) {
		return false;
	}
	if (sub == GROUP1_AND) {
		insn->op = PTWR_AND;
	} else if (sub == GROUP1_OR) {
		insn->op = PTWR_OR;
	} else {
		return false;
	}
	insn->has_imm = true;
	return cursor_imm(c, imm_size, &insn->imm);
}

/* 0F BA /5 ib and /6 ib: bts and btr with the bit number as an immediate. */
static bool decode_group8(struct cursor *c, struct ptwr_insn *insn)
{
	uint8_t sub;

	if (!decode_modrm(c, insn, &sub)) {
		return false;
	}
	if (sub == GROUP8_BTS) {
		insn->op = PTWR_BTS;
	} else if (sub == GROUP8_BTR) {
		insn->op = PTWR_BTR;
	} else {
		return false;
	}
	insn->has_imm = true;
	if (!cursor_imm(c, 1, &insn->imm)) {
		return false;
	}
	insn->imm &= BIT_NUMBER_MASK;
	return true;
}

/* 0F C7 /1: cmpxchg8b m64, the one 8-byte form. */
static bool decode_group9(struct cursor *c, struct ptwr_insn *insn)
{
	uint8_t sub;

	insn->op = PTWR_CMPXCHG8B;
	insn->width = 8;
	return decode_modrm(c, insn, &sub) && sub == GROUP9_CMPXCHG8B;
}

static bool decode_two_byte(struct cursor *c, struct ptwr_insn *insn)
{
	uint8_t opcode;

	if (!cursor_byte(c, &opcode)) {
		return false;
	}
	switch (opcode) {
	case TWO_BYTE_CMPXCHG:
		return decode_reg_form(c, PTWR_CMPXCHG, insn);
	case TWO_BYTE_GROUP8:
		return decode_group8(c, insn);
	case TWO_BYTE_GROUP9:
		return decode_group9(c, insn);
	default:
		return false;
	}
}

static bool decode_opcode(struct cursor *c, uint8_t opcode, struct ptwr_insn *insn)
{
	switch (opcode) {
	case OPCODE_MOV:
		return decode_reg_form(c, PTWR_MOV, insn);
	case OPCODE_XCHG:
		return decode_reg_form(c, PTWR_XCHG, insn);
	case OPCODE_AND:
		return decode_reg_form(c, PTWR_AND, insn);
	case OPCODE_OR:
		return decode_reg_form(c, PTWR_OR, insn);
	case OPCODE_MOV_IMM:
		return decode_mov_imm(c, insn);
	case OPCODE_GROUP1_IMM32:
		return decode_group1(c, 4, insn);
	case OPCODE_GROUP1_IMM8:
		return decode_group1(c, 1, insn);
	case OPCODE_TWO_BYTE:
		return decode_two_byte(c, insn);
	default:
		return false;
	}
}

bool ptwr_decode(const uint8_t *code, size_t len, struct ptwr_insn *insn)
{
	struct cursor c = {.code = code, .len = len, .pos = 0};
	uint8_t opcode;

	*insn = (struct ptwr_insn){.op = PTWR_MOV, .width = 4};
	if (!decode_prefixes(&c, insn, &opcode) || !decode_opcode(&c, opcode, insn)) {
		return false;
	}
	/* lock mov is #UD on the CPU: it never gets as far as the write. */
	if (insn->lock && insn->op == PTWR_MOV) {
		return false;
	}
	if (c.pos > PTWR_INSN_MAX_LEN) {
		return false;
	}
	/* xchg with memory asserts the bus lock with or without the prefix. */
	if (insn->op == PTWR_XCHG) {
		insn->lock = true;
	}
	insn->len = (uint8_t)c.pos;
	return true;
}

uint32_t ptwr_operand_offset(const struct ptwr_insn *insn, const struct ptwr_regs *regs)
{
	uint32_t offset = (uint32_t)insn->disp;

	if (insn->base >= 0) {
		offset += regs->gpr[insn->base & 7];
	}
	if (insn->index >= 0) {
		offset += regs->gpr[insn->index & 7] * insn->scale;
	}
	return offset;
}

/* PF: set when the low byte of the result has an even number of bits set. */
static uint32_t parity_flag(uint32_t result)
{
	uint8_t byte = (uint8_t)result;

	byte ^= byte >> 4;
	byte ^= byte >> 2;
	byte ^= byte >> 1;
	return (byte & 1) ? 0 : PTWR_EFLAGS_PF;
}

/* ZF, SF and PF from a 32-bit result. */
static uint32_t result_flags(uint32_t result)
{
	return (result == 0 ? PTWR_EFLAGS_ZF : 0) | ((result >> 31) ? PTWR_EFLAGS_SF : 0) |
	       parity_flag(result);
}

/* The six arithmetic flags of `a - b`, as cmp sets them. */
static uint32_t subtract_flags(uint32_t a, uint32_t b)
{
	uint32_t result = a - b;
	uint32_t flags = result_flags(result);

	if (a < b) {
		flags |= PTWR_EFLAGS_CF;
	}
	if ((a ^ b ^ result) & 0x10) {
		flags |= PTWR_EFLAGS_AF;
	}
	if (((a ^ b) & (a ^ result)) >> 31) {
		flags |= PTWR_EFLAGS_OF;
	}
	return flags;
}

/* Replaces the flags in `mask` with `flags`. */
static void flags_set(struct ptwr_regs *regs, uint32_t mask, uint32_t flags)
{
	regs->eflags = (regs->eflags & ~mask) | (flags & mask);
}

static uint32_t source_operand(const struct ptwr_insn *insn, const struct ptwr_regs *regs)
{
	return insn->has_imm ? insn->imm : regs->gpr[insn->reg & 7];
}

static uint32_t execute_logic(const struct ptwr_insn *insn, uint32_t old, struct ptwr_regs *regs)
{
	uint32_t source = source_operand(insn, regs);
	uint32_t result = insn->op == PTWR_AND ? old & source : old | source;

	flags_set(regs,
		  PTWR_EFLAGS_CF | PTWR_EFLAGS_OF | PTWR_EFLAGS_ZF | PTWR_EFLAGS_SF |
		      PTWR_EFLAGS_PF,
		  result_flags(result));
	return result;
}

static uint32_t execute_bit(const struct ptwr_insn *insn, uint32_t old, struct ptwr_regs *regs)
{
	uint32_t bit = 1U << (insn->imm & BIT_NUMBER_MASK);

	flags_set(regs, PTWR_EFLAGS_CF, (old & bit) ? PTWR_EFLAGS_CF : 0);
	return insn->op == PTWR_BTS ? old | bit : old & ~bit;
}

/* cmpxchg r32, m32: the store happens only when eax equals the memory operand. */
static bool execute_cmpxchg(const struct ptwr_insn *insn, uint32_t old, struct ptwr_regs *regs,
			    uint64_t *value)
{
	uint32_t eax = regs->gpr[PTWR_EAX];

	flags_set(regs, PTWR_EFLAGS_ARITH, subtract_flags(eax, old));
	if (eax != old) {
		regs->gpr[PTWR_EAX] = old;
		*value = old;
		return false;
	}
	*value = source_operand(insn, regs);
	return true;
}

/* cmpxchg8b m64: edx:eax against the memory operand, ecx:ebx stored when equal. */
static bool execute_cmpxchg8b(uint64_t old, struct ptwr_regs *regs, uint64_t *value)
{
	uint64_t expected = (uint64_t)regs->gpr[PTWR_EDX] << 32 | regs->gpr[PTWR_EAX];

	if (expected != old) {
		regs->gpr[PTWR_EDX] = (uint32_t)(old >> 32);
		regs->gpr[PTWR_EAX] = (uint32_t)old;
		flags_set(regs, PTWR_EFLAGS_ZF, 0);
		*value = old;
		return false;
	}
	flags_set(regs, PTWR_EFLAGS_ZF, PTWR_EFLAGS_ZF);
	*value = (uint64_t)regs->gpr[PTWR_ECX] << 32 | regs->gpr[PTWR_EBX];
	return true;
}

bool ptwr_execute(const struct ptwr_insn *insn, uint64_t old, struct ptwr_regs *regs,
		  uint64_t *value)
{
	uint32_t old32 = (uint32_t)old;

	switch (insn->op) {
	case PTWR_MOV:
		*value = source_operand(insn, regs);
		return true;
	case PTWR_XCHG:
		*value = source_operand(insn, regs);
		regs->gpr[insn->reg & 7] = old32;
		return true;
	case PTWR_CMPXCHG:
		return execute_cmpxchg(insn, old32, regs, value);
	case PTWR_CMPXCHG8B:
		return execute_cmpxchg8b(old, regs, value);
	case PTWR_AND:
	case PTWR_OR:
		*value = execute_logic(insn, old32, regs);
		return true;
	case PTWR_BTS:
	case PTWR_BTR:
		*value = execute_bit(insn, old32, regs);
		return true;
	}
	*value = old32;
	return false;
}
