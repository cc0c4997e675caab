/*
 * target.c (ptwr_insn): fuzzes the writable-page-table instruction decoder and executor
 * (arch/x86/ptwr_insn.c) with arbitrary bytes and machine state (input.h).
 *
 * The decoder gets an exactly-sized heap copy, so AddressSanitizer reports a read past its
 * end. An accepted instruction must be self-consistent: a length within bounds and the
 * input, refused when cut short, the same result when decoded again or on its own bytes,
 * the operand fields its form allows. The memory operand's offset (ptwr_operand_offset) must
 * equal one computed here straight from the ModRM, SIB and displacement bytes, and the
 * segment and lock fields must match the prefix bytes. Running it must change only what its
 * form may
 * change (the registers and flags listed in plat/ptwr_insn.h), keep the value within its
 * width, and not write only for a failed compare. On an x86-64 host the logical, bit and
 * compare-exchange forms are also run on the CPU itself and must agree with it in value,
 * registers and every flag the architecture defines for them.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_check.h"
#include "input.h"
#include "plat/ptwr_insn.h"
#include "ptwr_insn_check.h"

static uint32_t read_le(const uint8_t *bytes, size_t size)
{
	uint32_t value = 0;

	for (size_t i = 0; i < size; i++) {
		value |= (uint32_t)bytes[i] << (8 * i);
	}
	return value;
}

static void read_state(const uint8_t *data, struct ptwr_regs *regs, uint64_t *old)
{
	for (size_t i = 0; i < PTWR_FUZZ_GPR_COUNT; i++) {
		regs->gpr[i] = read_le(data + 4 * i, 4);
	}
	data += 4 * PTWR_FUZZ_GPR_COUNT;
	regs->eflags = read_le(data, 4);
	*old = read_le(data + 4, 4) | (uint64_t)read_le(data + 8, 4) << 32;
}

static bool is_segment_byte(uint8_t byte)
{
	return byte == 0x26 || byte == 0x2e || byte == 0x36 || byte == 0x3e || byte == 0x64 ||
	       byte == 0x65;
}

/* The operand fields' ranges: registers -1..7 (no index 4), scale 1/2/4/8, a known segment. */
static void check_operand_fields(const struct ptwr_insn *insn)
{
	FUZZ_ASSERT(insn->base >= -1 && insn->base <= 7);
	FUZZ_ASSERT(insn->index >= -1 && insn->index <= 7 && insn->index != PTWR_ESP);
	FUZZ_ASSERT(insn->scale == 1 || insn->scale == 2 || insn->scale == 4 || insn->scale == 8);
	FUZZ_ASSERT(insn->segment == 0 || is_segment_byte(insn->segment));
}

/* Register `number`'s value, or 0 when the form has no such register (`none`). */
static uint32_t reg_or_zero(const struct ptwr_regs *regs, unsigned int number, bool none)
{
	return none ? 0 : regs->gpr[number];
}

/* The raw instruction being re-read, bounded by the length the decoder accepted. */
struct raw {
	const uint8_t *code;
	size_t len;
	size_t at;
};

static uint8_t raw_byte(struct raw *r)
{
	FUZZ_ASSERT(r->at < r->len);
	return r->code[r->at++];
}

/* What the raw bytes say about the operand, worked out without the decoder's fields. */
struct reference {
	uint32_t offset;
	size_t len;
	uint8_t segment;
	bool lock;
};

/* The immediate bytes after the operand: C7 and 81 take 4, 83 and 0F BA take 1. */
static size_t reference_imm_size(uint8_t opcode, uint8_t second)
{
	if (opcode == 0xc7 || opcode == 0x81) {
		return 4;
	}
	return opcode == 0x83 || (opcode == 0x0f && second == 0xba) ? 1 : 0;
}

/*
 * The operand's offset from the raw bytes (32-bit addressing, Intel SDM vol. 2 tables 2-2
 * and 2-3), summed in 64 bits and truncated at the end, and the length they imply.
 */
static struct reference reference_operand(const uint8_t *code, size_t len,
					  const struct ptwr_regs *regs)
{
	struct raw r = {.code = code, .len = len, .at = 0};
	struct reference ref = {0};
	uint64_t sum = 0;
	uint8_t opcode = raw_byte(&r);
	uint8_t second = 0;

	while (opcode == 0xf0 || is_segment_byte(opcode)) {
		if (opcode == 0xf0) {
			ref.lock = true;
		} else {
			ref.segment = opcode;
		}
		opcode = raw_byte(&r);
	}
	if (opcode == 0x0f) {
		second = raw_byte(&r);
	}

	uint8_t modrm = raw_byte(&r);
	unsigned int mod = modrm >> 6;
	unsigned int rm = modrm & 7;
	bool disp32 = mod == 2 || (mod == 0 && rm == 5);

	if (rm == 4) {
		uint8_t sib = raw_byte(&r);
		unsigned int base = sib & 7;
		unsigned int index = (sib >> 3) & 7;

		sum += (uint64_t)reg_or_zero(regs, index, index == 4) << (sib >> 6);
		sum += reg_or_zero(regs, base, mod == 0 && base == 5);
		disp32 = mod == 2 || (mod == 0 && base == 5);
	} else {
		sum += reg_or_zero(regs, rm, mod == 0 && rm == 5);
	}
	if (mod == 1) {
		sum += (uint64_t)(int64_t)(int8_t)raw_byte(&r);
	} else if (disp32) {
		uint32_t disp = 0;

		for (unsigned int i = 0; i < 4; i++) {
			disp |= (uint32_t)raw_byte(&r) << (8 * i);
		}
		sum += (uint64_t)(int64_t)(int32_t)disp;
	}
	ref.offset = (uint32_t)sum;
	ref.len = r.at + reference_imm_size(opcode, second);
	return ref;
}

/* ptwr_operand_offset, the length, segment and lock against the raw bytes, for `regs`. */
static void check_operand(const uint8_t *code, const struct ptwr_insn *insn,
			  const struct ptwr_regs *regs)
{
	struct reference ref = reference_operand(code, insn->len, regs);

	check_operand_fields(insn);
	FUZZ_ASSERT(ptwr_operand_offset(insn, regs) == ref.offset);
	FUZZ_ASSERT(insn->len == ref.len);
	FUZZ_ASSERT(insn->segment == ref.segment);
	FUZZ_ASSERT(insn->lock == (ref.lock || insn->op == PTWR_XCHG));
}

/* The fields an accepted form may hold. */
static void check_fields(const struct ptwr_insn *insn)
{
	bool imm_form = insn->op == PTWR_MOV || insn->op == PTWR_AND || insn->op == PTWR_OR;
	bool bit_form = insn->op == PTWR_BTS || insn->op == PTWR_BTR;

	FUZZ_ASSERT(insn->op <= PTWR_BTR);
	FUZZ_ASSERT(insn->width == (insn->op == PTWR_CMPXCHG8B ? 8 : 4));
	FUZZ_ASSERT(insn->reg < 8);
	FUZZ_ASSERT(!insn->has_imm || imm_form || bit_form);
	FUZZ_ASSERT(!bit_form || (insn->has_imm && insn->imm < 32));
	FUZZ_ASSERT(!(insn->has_imm || insn->op == PTWR_CMPXCHG8B) || insn->reg == 0);
}

static void check_decode(const uint8_t *code, size_t len, const struct ptwr_insn *insn)
{
	struct ptwr_insn again;

	FUZZ_ASSERT(insn->len >= 1 && insn->len <= PTWR_INSN_MAX_LEN);
	FUZZ_ASSERT(insn->len <= len);
	for (size_t cut = 0; cut < insn->len; cut++) {
		FUZZ_ASSERT(!ptwr_decode_exact(code, cut, &again));
	}
	FUZZ_ASSERT(ptwr_decode_exact(code, len, &again) && ptwr_insn_same(&again, insn));
	FUZZ_ASSERT(ptwr_decode_exact(code, insn->len, &again) && ptwr_insn_same(&again, insn));
	check_fields(insn);
}

/* The flags each form may change (plat/ptwr_insn.h). */
static uint32_t flags_changed(enum ptwr_op op)
{
	switch (op) {
	case PTWR_AND:
	case PTWR_OR:
		return PTWR_EFLAGS_ARITH & ~PTWR_EFLAGS_AF;
	case PTWR_BTS:
	case PTWR_BTR:
		return PTWR_EFLAGS_CF;
	case PTWR_CMPXCHG:
		return PTWR_EFLAGS_ARITH;
	case PTWR_CMPXCHG8B:
		return PTWR_EFLAGS_ZF;
	default:
		return 0;
	}
}

/* Whether register i may change, for a write that did (wrote) or did not happen. */
static bool gpr_may_change(const struct ptwr_insn *insn, unsigned int i, bool wrote)
{
	switch (insn->op) {
	case PTWR_XCHG:
		return i == insn->reg;
	case PTWR_CMPXCHG:
		return !wrote && i == PTWR_EAX;
	case PTWR_CMPXCHG8B:
		return !wrote && (i == PTWR_EAX || i == PTWR_EDX);
	default:
		return false;
	}
}

static void check_execute(const struct ptwr_insn *insn, uint64_t old, const struct ptwr_regs *start,
			  const struct ptwr_regs *regs, uint64_t value, bool wrote)
{
	uint64_t mask = insn->width == 8 ? ~0ULL : 0xffffffffULL;
	uint32_t source = insn->has_imm ? insn->imm : start->gpr[insn->reg];

	FUZZ_ASSERT((value & ~mask) == 0);
	FUZZ_ASSERT(((regs->eflags ^ start->eflags) & ~flags_changed(insn->op)) == 0);
	for (unsigned int i = 0; i < PTWR_FUZZ_GPR_COUNT; i++) {
		FUZZ_ASSERT(regs->gpr[i] == start->gpr[i] || gpr_may_change(insn, i, wrote));
	}
	if (!wrote) {
		FUZZ_ASSERT(insn->op == PTWR_CMPXCHG || insn->op == PTWR_CMPXCHG8B);
		FUZZ_ASSERT(value == (old & mask));
		FUZZ_ASSERT(!(regs->eflags & PTWR_EFLAGS_ZF));
	}
	if (insn->op == PTWR_MOV) {
		FUZZ_ASSERT(value == source);
	} else if (insn->op == PTWR_XCHG) {
		FUZZ_ASSERT(value == source && regs->gpr[insn->reg] == (uint32_t)old);
	} else if (insn->op == PTWR_CMPXCHG) {
		FUZZ_ASSERT(wrote == (start->gpr[PTWR_EAX] == (uint32_t)old));
		FUZZ_ASSERT(!wrote || value == source);
		FUZZ_ASSERT(regs->gpr[PTWR_EAX] == (uint32_t)old);
	} else if (insn->op == PTWR_CMPXCHG8B) {
		uint64_t expected = (uint64_t)start->gpr[PTWR_EDX] << 32 | start->gpr[PTWR_EAX];
		uint64_t stored = (uint64_t)start->gpr[PTWR_ECX] << 32 | start->gpr[PTWR_EBX];

		FUZZ_ASSERT(wrote == (expected == old));
		FUZZ_ASSERT(!wrote || value == stored);
		FUZZ_ASSERT(((uint64_t)regs->gpr[PTWR_EDX] << 32 | regs->gpr[PTWR_EAX]) == old);
	}
}

#if defined(__x86_64__)
/* Reads EFLAGS after the instruction, below the red zone the compiler may be using. */
#define READ_FLAGS "\n\tlea -128(%%rsp), %%rsp\n\tpushfq\n\tpopq %q[flags]\n\tlea 128(%%rsp), %%rsp"

/* The instruction run on the host CPU: the memory operand's value and registers after it. */
static bool cpu_run(const struct ptwr_insn *insn, uint64_t old, struct ptwr_regs *regs,
		    uint64_t *value)
{
	uint32_t memory = (uint32_t)old;
	uint32_t source = insn->has_imm ? insn->imm : regs->gpr[insn->reg];
	uint64_t memory64 = old;
	uint64_t flags = 0;
	bool wrote = true;

	switch (insn->op) {
	case PTWR_AND:
		__asm__ volatile("andl %[src], %[mem]" READ_FLAGS
				 : [mem] "+m"(memory), [flags] "=r"(flags)
				 : [src] "r"(source)
				 : "cc");
		break;
	case PTWR_OR:
		__asm__ volatile("orl %[src], %[mem]" READ_FLAGS
				 : [mem] "+m"(memory), [flags] "=r"(flags)
				 : [src] "r"(source)
				 : "cc");
		break;
	case PTWR_BTS:
		__asm__ volatile("btsl %[src], %[mem]" READ_FLAGS
				 : [mem] "+m"(memory), [flags] "=r"(flags)
				 : [src] "r"(source)
				 : "cc");
		break;
	case PTWR_BTR:
		__asm__ volatile("btrl %[src], %[mem]" READ_FLAGS
				 : [mem] "+m"(memory), [flags] "=r"(flags)
				 : [src] "r"(source)
				 : "cc");
		break;
	case PTWR_CMPXCHG:
		wrote = regs->gpr[PTWR_EAX] == memory;
		__asm__ volatile("lock cmpxchgl %[src], %[mem]" READ_FLAGS
				 : [mem] "+m"(memory),
				   "+a"(regs->gpr[PTWR_EAX]), [flags] "=r"(flags)
				 : [src] "r"(source)
				 : "cc");
		break;
	case PTWR_CMPXCHG8B:
		wrote = ((uint64_t)regs->gpr[PTWR_EDX] << 32 | regs->gpr[PTWR_EAX]) == old;
		__asm__ volatile("lock cmpxchg8b %[mem]" READ_FLAGS
				 : [mem] "+m"(memory64), "+a"(regs->gpr[PTWR_EAX]),
				   "+d"(regs->gpr[PTWR_EDX]), [flags] "=r"(flags)
				 : "b"(regs->gpr[PTWR_EBX]), "c"(regs->gpr[PTWR_ECX])
				 : "cc");
		*value = memory64;
		regs->eflags =
		    (regs->eflags & ~PTWR_EFLAGS_ARITH) | ((uint32_t)flags & PTWR_EFLAGS_ARITH);
		return wrote;
	default:
		return false;
	}
	*value = memory;
	regs->eflags = (regs->eflags & ~PTWR_EFLAGS_ARITH) | ((uint32_t)flags & PTWR_EFLAGS_ARITH);
	return wrote;
}

/* The flags the architecture defines for each form (AF after and/or, and the rest after
 * bts/btr, are undefined on the CPU). */
static uint32_t flags_defined(enum ptwr_op op)
{
	return op == PTWR_CMPXCHG ? PTWR_EFLAGS_ARITH : flags_changed(op);
}

static void check_against_cpu(const struct ptwr_insn *insn, uint64_t old,
			      const struct ptwr_regs *start, const struct ptwr_regs *regs,
			      uint64_t value, bool wrote)
{
	struct ptwr_regs cpu = *start;
	uint64_t cpu_value = 0;
	bool cpu_wrote;

	if (insn->op == PTWR_MOV || insn->op == PTWR_XCHG) {
		return;
	}
	cpu_wrote = cpu_run(insn, old, &cpu, &cpu_value);
	FUZZ_ASSERT(wrote == cpu_wrote);
	FUZZ_ASSERT(value == cpu_value);
	FUZZ_ASSERT(memcmp(cpu.gpr, regs->gpr, sizeof(cpu.gpr)) == 0);
	FUZZ_ASSERT(((cpu.eflags ^ regs->eflags) & flags_defined(insn->op)) == 0);
}
#else
static void check_against_cpu(const struct ptwr_insn *insn, uint64_t old,
			      const struct ptwr_regs *start, const struct ptwr_regs *regs,
			      uint64_t value, bool wrote)
{
	(void)insn, (void)old, (void)start, (void)regs, (void)value, (void)wrote;
}
#endif

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ptwr_regs start;
	struct ptwr_regs regs;
	struct ptwr_insn insn;
	uint64_t old;
	uint64_t value;
	bool wrote;

	if (size < PTWR_FUZZ_STATE_SIZE) {
		return 0;
	}
	read_state(data, &start, &old);
	data += PTWR_FUZZ_STATE_SIZE;
	size -= PTWR_FUZZ_STATE_SIZE;
	if (!ptwr_decode_exact(data, size, &insn)) {
		return 0;
	}
	check_decode(data, size, &insn);
	check_operand(data, &insn, &start);
	regs = start;
	wrote = ptwr_execute(&insn, old, &regs, &value);
	check_execute(&insn, old, &start, &regs, value, wrote);
	check_against_cpu(&insn, old, &start, &regs, value, wrote);
	return 0;
}
