/*
 * test_ptwr_insn.c: the writable-page-table instruction decoder and executor
 * (arch/x86/ptwr_insn.c), on the host.
 *
 * Every form is given as the bytes an assembler writes for it. An accepted instruction is
 * decoded from an exactly-sized heap copy (AddressSanitizer catches a read past the end),
 * with trailing bytes (which must not change its length) and cut short at every length
 * (which must be refused). The executor's results are checked against what the CPU does:
 * the flag values for cmp were taken from the hardware. Each addressing form's decoded
 * operand (base, index, scale, displacement) and ptwr_operand_offset's 32-bit result, and
 * the segment and lock fields, are checked too.
 */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "plat/ptwr_insn.h"
#include "../../support/ptwr_insn_check.h"

#define BYTES(...) ((const uint8_t[]){__VA_ARGS__}), sizeof((const uint8_t[]){__VA_ARGS__})

/* Flags no emulated instruction touches, kept in every eflags the tests start from. */
#define EFLAGS_OTHER 0x202

/* Decodes code, which must be exactly one accepted instruction. */
static struct ptwr_insn decode(const uint8_t *code, size_t len)
{
	struct ptwr_insn insn;
	struct ptwr_insn longer;
	uint8_t padded[32];

	cr_assert(ptwr_decode_exact(code, len, &insn), "refused a %zu-byte form", len);
	cr_assert_eq(insn.len, len);
	for (size_t cut = 0; cut < len; cut++) {
		struct ptwr_insn ignored;

		cr_assert(!ptwr_decode_exact(code, cut, &ignored), "took %zu of %zu bytes", cut,
			  len);
	}
	cr_assert_lt(len, sizeof(padded));
	memcpy(padded, code, len);
	memset(padded + len, 0x90, sizeof(padded) - len);
	cr_assert(ptwr_decode(padded, sizeof(padded), &longer));
	cr_assert(ptwr_insn_same(&longer, &insn));
	return insn;
}

static void refused(const uint8_t *code, size_t len)
{
	struct ptwr_insn insn;

	cr_assert(!ptwr_decode_exact(code, len, &insn), "took a %zu-byte form", len);
}

static void assert_reg_form(struct ptwr_insn insn, enum ptwr_op op, uint8_t reg)
{
	cr_assert_eq(insn.op, op);
	cr_assert_eq(insn.width, 4);
	cr_assert_eq(insn.reg, reg);
	cr_assert(!insn.has_imm);
}

static void assert_imm_form(struct ptwr_insn insn, enum ptwr_op op, uint32_t imm)
{
	cr_assert_eq(insn.op, op);
	cr_assert_eq(insn.width, 4);
	cr_assert(insn.has_imm);
	cr_assert_eq(insn.imm, imm, "imm %#x, not %#x", insn.imm, imm);
}

Test(ptwr_insn, mov_register)
{
	assert_reg_form(decode(BYTES(0x89, 0x03)), PTWR_MOV, 0);	     /* (%ebx) */
	assert_reg_form(decode(BYTES(0x89, 0x44, 0x24, 0x08)), PTWR_MOV, 0); /* 8(%esp) */
	assert_reg_form(decode(BYTES(0x89, 0x0f)), PTWR_MOV, 1);	     /* %ecx,(%edi) */
	assert_reg_form(decode(BYTES(0x89, 0x3e)), PTWR_MOV, 7);	     /* %edi,(%esi) */
}

Test(ptwr_insn, mov_immediate)
{
	assert_imm_form(decode(BYTES(0xc7, 0x00, 0x00, 0x00, 0x00, 0x00)), PTWR_MOV, 0);
	assert_imm_form(decode(BYTES(0xc7, 0x43, 0x10, 0x67, 0x10, 0x00, 0x00)), PTWR_MOV, 0x1067);
	/* movl $0x67,0x1000(,%eax,1): SIB, base 101 with mod 00, then disp32 and imm32. */
	assert_imm_form(
	    decode(BYTES(0xc7, 0x04, 0x05, 0x00, 0x10, 0x00, 0x00, 0x67, 0x00, 0x00, 0x00)),
	    PTWR_MOV, 0x67);
}

Test(ptwr_insn, addressing_lengths)
{
	/* mod 00 rm 101: disp32 alone. */
	cr_assert_eq(decode(BYTES(0x89, 0x05, 0x78, 0x56, 0x34, 0x12)).len, 6);
	/* mod 01: disp8, also for rm 101 (%ebp). */
	cr_assert_eq(decode(BYTES(0x89, 0x43, 0x08)).len, 3);
	cr_assert_eq(decode(BYTES(0x89, 0x45, 0x00)).len, 3);
	/* mod 10: disp32. */
	cr_assert_eq(decode(BYTES(0x89, 0x83, 0x00, 0x10, 0x00, 0x00)).len, 6);
	/* SIB without displacement, with disp8, with disp32. */
	cr_assert_eq(decode(BYTES(0x89, 0x04, 0x24)).len, 3);
	cr_assert_eq(decode(BYTES(0x89, 0x44, 0x9e, 0xfc)).len, 4);
	cr_assert_eq(decode(BYTES(0x89, 0x84, 0x24, 0x00, 0x01, 0x00, 0x00)).len, 7);
	/* SIB base 101 with mod 00: no base, disp32 (mov %ecx,0x1000(,%ecx,4)). */
	assert_reg_form(decode(BYTES(0x89, 0x0c, 0x8d, 0x00, 0x10, 0x00, 0x00)), PTWR_MOV, 1);
	/* SIB base 101 with mod 01 is %ebp plus disp8. */
	cr_assert_eq(decode(BYTES(0x89, 0x44, 0x25, 0x08)).len, 4);
}

Test(ptwr_insn, xchg)
{
	assert_reg_form(decode(BYTES(0x87, 0x02)), PTWR_XCHG, 0);
	assert_reg_form(decode(BYTES(0xf0, 0x87, 0x5e, 0x04)), PTWR_XCHG, 3);
}

Test(ptwr_insn, cmpxchg)
{
	assert_reg_form(decode(BYTES(0xf0, 0x0f, 0xb1, 0x11)), PTWR_CMPXCHG, 2);
	assert_reg_form(decode(BYTES(0x0f, 0xb1, 0x0b)), PTWR_CMPXCHG, 1);
}

Test(ptwr_insn, cmpxchg8b)
{
	struct ptwr_insn insn = decode(BYTES(0xf0, 0x0f, 0xc7, 0x0e));

	cr_assert_eq(insn.op, PTWR_CMPXCHG8B);
	cr_assert_eq(insn.width, 8);
	cr_assert(!insn.has_imm);
	cr_assert_eq(decode(BYTES(0x0f, 0xc7, 0x4c, 0x24, 0x10)).width, 8);
}

Test(ptwr_insn, and_or)
{
	assert_reg_form(decode(BYTES(0x21, 0x18)), PTWR_AND, 3);
	assert_reg_form(decode(BYTES(0x09, 0x0a)), PTWR_OR, 1);
	assert_reg_form(decode(BYTES(0xf0, 0x09, 0x0a)), PTWR_OR, 1);
	assert_imm_form(decode(BYTES(0x83, 0x20, 0xfe)), PTWR_AND, 0xfffffffe);
	assert_imm_form(decode(BYTES(0x83, 0x08, 0x40)), PTWR_OR, 0x40);
	assert_imm_form(decode(BYTES(0x81, 0x08, 0x00, 0x00, 0x00, 0x80)), PTWR_OR, 0x80000000);
	assert_imm_form(decode(BYTES(0x81, 0x20, 0xff, 0xff, 0xff, 0x7f)), PTWR_AND, 0x7fffffff);
	assert_imm_form(decode(BYTES(0xf0, 0x83, 0x60, 0x04, 0xfd)), PTWR_AND, 0xfffffffd);
}

Test(ptwr_insn, bts_btr)
{
	assert_imm_form(decode(BYTES(0xf0, 0x0f, 0xba, 0x28, 0x01)), PTWR_BTS, 1);
	assert_imm_form(decode(BYTES(0x0f, 0xba, 0x30, 0x05)), PTWR_BTR, 5);
	/* The bit number is taken modulo 32 for a 32-bit operand. */
	assert_imm_form(decode(BYTES(0x0f, 0xba, 0x28, 0x25)), PTWR_BTS, 5);
	assert_imm_form(decode(BYTES(0x0f, 0xba, 0x70, 0x04, 0xff)), PTWR_BTR, 31);
}

Test(ptwr_insn, segment_override_and_lock)
{
	assert_reg_form(decode(BYTES(0x3e, 0xf0, 0x0f, 0xb1, 0x11)), PTWR_CMPXCHG, 2);
	assert_reg_form(decode(BYTES(0xf0, 0x65, 0x87, 0x02)), PTWR_XCHG, 0);
	assert_reg_form(decode(BYTES(0x26, 0x89, 0x03)), PTWR_MOV, 0);
	assert_reg_form(decode(BYTES(0x2e, 0x89, 0x03)), PTWR_MOV, 0);
	assert_reg_form(decode(BYTES(0x36, 0x89, 0x03)), PTWR_MOV, 0);
	assert_imm_form(decode(BYTES(0x64, 0xc7, 0x00, 0x01, 0x00, 0x00, 0x00)), PTWR_MOV, 1);
	cr_assert_eq(decode(BYTES(0x64, 0xf0, 0x0f, 0xc7, 0x0e)).len, 5);
}

Test(ptwr_insn, refused_prefixes)
{
	refused(BYTES(0x66, 0x89, 0x03)); /* 16-bit operand */
	refused(BYTES(0x67, 0x89, 0x03)); /* 16-bit addressing */
	refused(BYTES(0xf3, 0x89, 0x03));
	refused(BYTES(0xf2, 0x89, 0x03));
	refused(BYTES(0xf3, 0x0f, 0xba, 0x28, 0x01));
	refused(BYTES(0x66, 0xf0, 0x0f, 0xb1, 0x11));
	refused(BYTES(0xf0, 0x66, 0x0f, 0xc7, 0x0e));
	refused(BYTES(0xf0, 0xf0, 0x0f, 0xb1, 0x11)); /* a prefix twice */
	refused(BYTES(0x2e, 0x3e, 0x89, 0x03));	      /* two segment overrides */
	refused(BYTES(0xf0, 0x89, 0x03));	      /* lock mov: #UD */
	refused(BYTES(0xf0, 0xc7, 0x00, 0x00, 0x00, 0x00, 0x00));
}

Test(ptwr_insn, refused_register_destinations)
{
	refused(BYTES(0x89, 0xc3)); /* mov %eax,%ebx */
	refused(BYTES(0x87, 0xc2));
	refused(BYTES(0x21, 0xd8));
	refused(BYTES(0x09, 0xca));
	refused(BYTES(0x0f, 0xb1, 0xd1));
	refused(BYTES(0x0f, 0xc7, 0xce)); /* mod 3 for cmpxchg8b */
	refused(BYTES(0xc7, 0xc0, 0x00, 0x00, 0x00, 0x00));
	refused(BYTES(0x81, 0xe0, 0x00, 0x00, 0x00, 0x80));
	refused(BYTES(0x83, 0xc8, 0x01));
	refused(BYTES(0x0f, 0xba, 0xe8, 0x01));
}

Test(ptwr_insn, refused_opcodes)
{
	refused(BYTES(0x0f, 0xc7, 0x06));		    /* 0F C7 /0 */
	refused(BYTES(0x0f, 0xc7, 0x36));		    /* 0F C7 /6 (vmptrld) */
	refused(BYTES(0xc7, 0x08, 0x00, 0x00, 0x00, 0x00)); /* C7 /1 */
	refused(BYTES(0x81, 0x00, 0x01, 0x00, 0x00, 0x00)); /* add */
	refused(BYTES(0x81, 0x30, 0x01, 0x00, 0x00, 0x00)); /* xor */
	refused(BYTES(0x83, 0x10, 0x01));		    /* adc */
	refused(BYTES(0x83, 0x38, 0x01));		    /* cmp */
	refused(BYTES(0x0f, 0xba, 0x20, 0x01));		    /* bt: no write */
	refused(BYTES(0x0f, 0xba, 0x38, 0x01));		    /* btc */
	refused(BYTES(0x88, 0x03));			    /* 8-bit mov */
	refused(BYTES(0x01, 0x03));			    /* add */
	refused(BYTES(0x31, 0x03));			    /* xor */
	refused(BYTES(0x0f, 0xb0, 0x11));		    /* 8-bit cmpxchg */
	refused(BYTES(0x0f, 0xab, 0x03));		    /* bts r32: bit may leave the dword */
	refused(BYTES(0x0f, 0xc1, 0x03));		    /* xadd */
	refused(BYTES(0x0f));
	refused(BYTES(0x90));
	refused(NULL, 0);
}

Test(ptwr_insn, refused_truncated)
{
	/* decode() already cuts every accepted form at every length; these stop mid-field. */
	refused(BYTES(0x89, 0x05, 0x78, 0x56, 0x34));
	refused(BYTES(0x89, 0x04, 0x25, 0x00, 0x10));
	refused(BYTES(0x81, 0x08, 0x00, 0x00, 0x00));
	refused(BYTES(0xf0, 0x0f, 0xba, 0x28));
	refused(BYTES(0xf0, 0x3e));
}

/* Runs the instruction in code against old, with regs, expecting it to write or not. */
static uint64_t run(const uint8_t *code, size_t len, uint64_t old, struct ptwr_regs *regs,
		    bool writes)
{
	struct ptwr_insn insn = decode(code, len);
	uint64_t value = 0xa5a5a5a5a5a5a5a5ULL;

	cr_assert_eq(ptwr_execute(&insn, old, regs, &value), writes);
	return value;
}

static struct ptwr_regs regs_with(uint32_t eflags)
{
	struct ptwr_regs regs = {.eflags = EFLAGS_OTHER | eflags};

	for (unsigned int i = 0; i < 8; i++) {
		regs.gpr[i] = 0x11111111 * (i + 1);
	}
	return regs;
}

/* Every register but `except` still holds what regs_with put there. */
static void assert_gprs_kept(const struct ptwr_regs *regs, int except)
{
	struct ptwr_regs start = regs_with(0);

	for (int i = 0; i < 8; i++) {
		if (i != except) {
			cr_assert_eq(regs->gpr[i], start.gpr[i], "register %d changed", i);
		}
	}
}

Test(ptwr_insn, execute_mov)
{
	struct ptwr_regs regs = regs_with(PTWR_EFLAGS_ARITH);

	regs.gpr[PTWR_EAX] = 0x12345067;
	cr_assert_eq(run(BYTES(0x89, 0x03), 0xdeadbeef00000001ULL, &regs, true), 0x12345067);
	cr_assert_eq(regs.eflags, EFLAGS_OTHER | PTWR_EFLAGS_ARITH);
	cr_assert_eq(regs.gpr[PTWR_EAX], 0x12345067);
	assert_gprs_kept(&regs, PTWR_EAX);

	cr_assert_eq(run(BYTES(0xc7, 0x00, 0x67, 0x10, 0x00, 0x00), 0xffffffff, &regs, true),
		     0x1067);
	cr_assert_eq(run(BYTES(0x89, 0x3e), 0, &regs, true), 0x88888888);
	cr_assert_eq(regs.eflags, EFLAGS_OTHER | PTWR_EFLAGS_ARITH);
}

Test(ptwr_insn, execute_xchg)
{
	struct ptwr_regs regs = regs_with(0);

	cr_assert_eq(run(BYTES(0x87, 0x5e, 0x04), 0xffffffff00001067ULL, &regs, true), 0x44444444);
	cr_assert_eq(regs.gpr[PTWR_EBX], 0x1067);
	assert_gprs_kept(&regs, PTWR_EBX);
	cr_assert_eq(regs.eflags, EFLAGS_OTHER);
}

Test(ptwr_insn, execute_and)
{
	struct ptwr_regs regs = regs_with(PTWR_EFLAGS_CF | PTWR_EFLAGS_OF | PTWR_EFLAGS_AF);

	/* 0x1066: low byte 0x66 has four bits set, so PF; AF stays. */
	cr_assert_eq(run(BYTES(0x83, 0x20, 0xfe), 0x1067, &regs, true), 0x1066);
	cr_assert_eq(regs.eflags, EFLAGS_OTHER | PTWR_EFLAGS_PF | PTWR_EFLAGS_AF);

	regs = regs_with(PTWR_EFLAGS_SF);
	regs.gpr[PTWR_EBX] = 0x1000;
	cr_assert_eq(run(BYTES(0x21, 0x18), 0x80000067, &regs, true), 0);
	cr_assert_eq(regs.eflags, EFLAGS_OTHER | PTWR_EFLAGS_ZF | PTWR_EFLAGS_PF);
	assert_gprs_kept(&regs, PTWR_EBX);

	/* Only the low 32 bits of old take part. */
	regs = regs_with(0);
	cr_assert_eq(
	    run(BYTES(0x81, 0x20, 0xff, 0xff, 0xff, 0x7f), 0xffffffffffffffffULL, &regs, true),
	    0x7fffffff);
	cr_assert_eq(regs.eflags, EFLAGS_OTHER | PTWR_EFLAGS_PF);
}

Test(ptwr_insn, execute_or)
{
	struct ptwr_regs regs = regs_with(PTWR_EFLAGS_ZF | PTWR_EFLAGS_CF);

	/* 0x80001067: SF; low byte 0x67 has five bits set, so no PF. */
	cr_assert_eq(run(BYTES(0x81, 0x08, 0x00, 0x00, 0x00, 0x80), 0x1067, &regs, true),
		     0x80001067);
	cr_assert_eq(regs.eflags, EFLAGS_OTHER | PTWR_EFLAGS_SF);

	regs = regs_with(PTWR_EFLAGS_AF);
	regs.gpr[PTWR_ECX] = 1;
	cr_assert_eq(run(BYTES(0x09, 0x0a), 2, &regs, true), 3);
	cr_assert_eq(regs.eflags, EFLAGS_OTHER | PTWR_EFLAGS_AF | PTWR_EFLAGS_PF);
}

Test(ptwr_insn, execute_bts_btr)
{
	uint32_t others = PTWR_EFLAGS_ARITH & ~PTWR_EFLAGS_CF;
	struct ptwr_regs regs = regs_with(others);

	cr_assert_eq(run(BYTES(0xf0, 0x0f, 0xba, 0x28, 0x01), 0x1065, &regs, true), 0x1067);
	cr_assert_eq(regs.eflags, EFLAGS_OTHER | others);
	cr_assert_eq(run(BYTES(0xf0, 0x0f, 0xba, 0x28, 0x01), 0x1067, &regs, true), 0x1067);
	cr_assert_eq(regs.eflags, EFLAGS_OTHER | others | PTWR_EFLAGS_CF);

	regs = regs_with(PTWR_EFLAGS_CF);
	cr_assert_eq(run(BYTES(0x0f, 0xba, 0x30, 0x05), 0x1067, &regs, true), 0x1047);
	cr_assert_eq(regs.eflags, EFLAGS_OTHER | PTWR_EFLAGS_CF);
	cr_assert_eq(run(BYTES(0x0f, 0xba, 0x30, 0x05), 0x1047, &regs, true), 0x1047);
	cr_assert_eq(regs.eflags, EFLAGS_OTHER);
	/* Bit 37 is bit 5; bit 31 of a 32-bit operand. */
	cr_assert_eq(run(BYTES(0x0f, 0xba, 0x28, 0x25), 0, &regs, true), 0x20);
	cr_assert_eq(run(BYTES(0x0f, 0xba, 0x70, 0x04, 0xff), 0xffffffffffffffffULL, &regs, true),
		     0x7fffffff);
	cr_assert_eq(regs.eflags, EFLAGS_OTHER | PTWR_EFLAGS_CF);
	assert_gprs_kept(&regs, -1);
}

Test(ptwr_insn, execute_cmpxchg_success)
{
	struct ptwr_regs regs = regs_with(PTWR_EFLAGS_CF | PTWR_EFLAGS_SF | PTWR_EFLAGS_OF);

	regs.gpr[PTWR_EAX] = 0x1067;
	regs.gpr[PTWR_EDX] = 0x2067;
	cr_assert_eq(run(BYTES(0xf0, 0x0f, 0xb1, 0x11), 0x1067, &regs, true), 0x2067);
	cr_assert_eq(regs.gpr[PTWR_EAX], 0x1067);
	cr_assert_eq(regs.gpr[PTWR_EDX], 0x2067);
	cr_assert_eq(regs.eflags, EFLAGS_OTHER | PTWR_EFLAGS_ZF | PTWR_EFLAGS_PF);

	/* cmpxchg %eax,(%eax) stores eax itself. */
	regs.gpr[PTWR_EAX] = 0x3067;
	cr_assert_eq(run(BYTES(0x0f, 0xb1, 0x00), 0xffffffff00003067ULL, &regs, true), 0x3067);
}

Test(ptwr_insn, execute_cmpxchg_failure)
{
	struct ptwr_regs regs = regs_with(PTWR_EFLAGS_ZF | PTWR_EFLAGS_AF);

	regs.gpr[PTWR_EAX] = 0x1067;
	cr_assert_eq(run(BYTES(0xf0, 0x0f, 0xb1, 0x11), 0x2067, &regs, false), 0x2067);
	cr_assert_eq(regs.gpr[PTWR_EAX], 0x2067);
	assert_gprs_kept(&regs, PTWR_EAX);
	/* 0x1067 - 0x2067 = 0xfffff000: borrow, negative, low byte 0 (even). */
	cr_assert_eq(regs.eflags, EFLAGS_OTHER | PTWR_EFLAGS_CF | PTWR_EFLAGS_SF | PTWR_EFLAGS_PF);
}

/* cmp eax, m32 flags against the CPU's for a few pairs (measured with cmpl; pushf). */
static uint32_t cmpxchg_flags(uint32_t eax, uint32_t memory)
{
	struct ptwr_regs regs = regs_with(PTWR_EFLAGS_ARITH);

	regs.gpr[PTWR_EAX] = eax;
	run(BYTES(0x0f, 0xb1, 0x0b), memory, &regs, eax == memory);
	return regs.eflags & ~EFLAGS_OTHER;
}

Test(ptwr_insn, execute_cmpxchg_flags)
{
	cr_assert_eq(cmpxchg_flags(0x1067, 0x2067), 0x85); /* CF PF SF */
	cr_assert_eq(cmpxchg_flags(0x80000000, 1), 0x814); /* OF AF PF */
	cr_assert_eq(cmpxchg_flags(5, 7), 0x91);	   /* CF AF SF */
	cr_assert_eq(cmpxchg_flags(0x1067, 0x1067), 0x44); /* ZF PF */
	cr_assert_eq(cmpxchg_flags(0x10, 1), 0x14);	   /* AF PF */
	cr_assert_eq(cmpxchg_flags(1, 0x80000000), 0x881); /* OF SF CF */
}

Test(ptwr_insn, execute_cmpxchg8b)
{
	uint32_t others = PTWR_EFLAGS_ARITH & ~PTWR_EFLAGS_ZF;
	struct ptwr_regs regs = regs_with(others);

	regs.gpr[PTWR_EDX] = 0x80000000;
	regs.gpr[PTWR_EAX] = 0x00001067;
	regs.gpr[PTWR_ECX] = 0x00000001;
	regs.gpr[PTWR_EBX] = 0x00002067;
	cr_assert_eq(run(BYTES(0xf0, 0x0f, 0xc7, 0x0e), 0x8000000000001067ULL, &regs, true),
		     0x0000000100002067ULL);
	cr_assert_eq(regs.eflags, EFLAGS_OTHER | others | PTWR_EFLAGS_ZF);
	cr_assert_eq(regs.gpr[PTWR_EDX], 0x80000000);
	cr_assert_eq(regs.gpr[PTWR_EAX], 0x00001067);

	/* The high halves differ: edx:eax get the current value, ZF clears. */
	cr_assert_eq(run(BYTES(0xf0, 0x0f, 0xc7, 0x0e), 0x0000000000001067ULL, &regs, false),
		     0x0000000000001067ULL);
	cr_assert_eq(regs.gpr[PTWR_EDX], 0);
	cr_assert_eq(regs.gpr[PTWR_EAX], 0x1067);
	cr_assert_eq(regs.gpr[PTWR_ECX], 1);
	cr_assert_eq(regs.gpr[PTWR_EBX], 0x2067);
	cr_assert_eq(regs.eflags, EFLAGS_OTHER | others);
}

/* The memory operand as decoded: base, index (-1 for none), scale and displacement. */
static void assert_operand(struct ptwr_insn insn, int base, int index, unsigned int scale,
			   int32_t disp)
{
	cr_assert_eq(insn.base, base, "base %d, not %d", insn.base, base);
	cr_assert_eq(insn.index, index, "index %d, not %d", insn.index, index);
	cr_assert_eq(insn.scale, scale, "scale %u, not %u", insn.scale, scale);
	cr_assert_eq(insn.disp, disp, "disp %#x, not %#x", (uint32_t)insn.disp, (uint32_t)disp);
}

/* Registers with distinct values, so a wrong register or scale shows in the offset. */
static struct ptwr_regs address_regs(void)
{
	struct ptwr_regs regs = {.eflags = EFLAGS_OTHER};

	for (unsigned int i = 0; i < 8; i++) {
		regs.gpr[i] = 0x10000000 * (i + 1) + 0x100 * i;
	}
	return regs;
}

static uint32_t offset_of(const uint8_t *code, size_t len, const struct ptwr_regs *regs)
{
	struct ptwr_insn insn = decode(code, len);

	return ptwr_operand_offset(&insn, regs);
}

Test(ptwr_insn, operand_base)
{
	struct ptwr_regs regs = address_regs();

	/* mov %eax,(%ebx) */
	assert_operand(decode(BYTES(0x89, 0x03)), PTWR_EBX, -1, 1, 0);
	cr_assert_eq(offset_of(BYTES(0x89, 0x03), &regs), regs.gpr[PTWR_EBX]);
	/* mov %edi,(%esi) */
	assert_operand(decode(BYTES(0x89, 0x3e)), PTWR_ESI, -1, 1, 0);
	cr_assert_eq(offset_of(BYTES(0x89, 0x3e), &regs), regs.gpr[PTWR_ESI]);
}

Test(ptwr_insn, operand_base_disp8)
{
	struct ptwr_regs regs = address_regs();

	/* mov %eax,0x8(%ebx) */
	assert_operand(decode(BYTES(0x89, 0x43, 0x08)), PTWR_EBX, -1, 1, 8);
	cr_assert_eq(offset_of(BYTES(0x89, 0x43, 0x08), &regs), regs.gpr[PTWR_EBX] + 8);
	/* mov %eax,-0x4(%ebp): disp8 is sign-extended; mod 01 rm 101 is %ebp. */
	assert_operand(decode(BYTES(0x89, 0x45, 0xfc)), PTWR_EBP, -1, 1, -4);
	cr_assert_eq(offset_of(BYTES(0x89, 0x45, 0xfc), &regs), regs.gpr[PTWR_EBP] - 4);
}

Test(ptwr_insn, operand_base_disp32)
{
	struct ptwr_regs regs = address_regs();

	/* mov %eax,0x1000(%ebx) */
	assert_operand(decode(BYTES(0x89, 0x83, 0x00, 0x10, 0x00, 0x00)), PTWR_EBX, -1, 1, 0x1000);
	cr_assert_eq(offset_of(BYTES(0x89, 0x83, 0x00, 0x10, 0x00, 0x00), &regs),
		     regs.gpr[PTWR_EBX] + 0x1000);
	/* orl $0x40,-0x1000(%ecx) (83 /1 ib after a disp32): the immediate is not the disp. */
	struct ptwr_insn insn = decode(BYTES(0x83, 0x89, 0x00, 0xf0, 0xff, 0xff, 0x40));

	assert_operand(insn, PTWR_ECX, -1, 1, -0x1000);
	assert_imm_form(insn, PTWR_OR, 0x40);
	cr_assert_eq(ptwr_operand_offset(&insn, &regs), regs.gpr[PTWR_ECX] - 0x1000);
}

Test(ptwr_insn, operand_disp32_alone)
{
	struct ptwr_regs regs = address_regs();

	/* mov %eax,0x12345678: mod 00 rm 101. */
	assert_operand(decode(BYTES(0x89, 0x05, 0x78, 0x56, 0x34, 0x12)), -1, -1, 1, 0x12345678);
	cr_assert_eq(offset_of(BYTES(0x89, 0x05, 0x78, 0x56, 0x34, 0x12), &regs), 0x12345678);
	/* movl $0x67,0xc0001000: the immediate follows the disp32. */
	struct ptwr_insn insn =
	    decode(BYTES(0xc7, 0x05, 0x00, 0x10, 0x00, 0xc0, 0x67, 0x00, 0x00, 0x00));

	assert_operand(insn, -1, -1, 1, (int32_t)0xc0001000);
	assert_imm_form(insn, PTWR_MOV, 0x67);
	cr_assert_eq(ptwr_operand_offset(&insn, &regs), 0xc0001000);
}

Test(ptwr_insn, operand_sib_index_scale)
{
	struct ptwr_regs regs = address_regs();

	/* mov %eax,-0x4(%esi,%ebx,4) */
	assert_operand(decode(BYTES(0x89, 0x44, 0x9e, 0xfc)), PTWR_ESI, PTWR_EBX, 4, -4);
	cr_assert_eq(offset_of(BYTES(0x89, 0x44, 0x9e, 0xfc), &regs),
		     regs.gpr[PTWR_ESI] + regs.gpr[PTWR_EBX] * 4 - 4);
	/* mov %eax,(%eax,%ecx,1), (%edx,%edi,2), 0x100(%ebx,%esi,8) */
	assert_operand(decode(BYTES(0x89, 0x04, 0x08)), PTWR_EAX, PTWR_ECX, 1, 0);
	cr_assert_eq(offset_of(BYTES(0x89, 0x04, 0x08), &regs),
		     regs.gpr[PTWR_EAX] + regs.gpr[PTWR_ECX]);
	assert_operand(decode(BYTES(0x89, 0x04, 0x7a)), PTWR_EDX, PTWR_EDI, 2, 0);
	cr_assert_eq(offset_of(BYTES(0x89, 0x04, 0x7a), &regs),
		     regs.gpr[PTWR_EDX] + regs.gpr[PTWR_EDI] * 2);
	assert_operand(decode(BYTES(0x89, 0x84, 0xf3, 0x00, 0x01, 0x00, 0x00)), PTWR_EBX, PTWR_ESI,
		       8, 0x100);
	cr_assert_eq(offset_of(BYTES(0x89, 0x84, 0xf3, 0x00, 0x01, 0x00, 0x00), &regs),
		     regs.gpr[PTWR_EBX] + regs.gpr[PTWR_ESI] * 8 + 0x100);
}

Test(ptwr_insn, operand_sib_without_index)
{
	struct ptwr_regs regs = address_regs();

	/* mov %eax,(%ebx) through a SIB byte with index 100 (none), even scaled by 4. */
	assert_operand(decode(BYTES(0x89, 0x04, 0xa3)), PTWR_EBX, -1, 4, 0);
	cr_assert_eq(offset_of(BYTES(0x89, 0x04, 0xa3), &regs), regs.gpr[PTWR_EBX]);
	/* mov %eax,0x8(%ebp) via SIB base 101 with mod 01: %ebp, not disp32. */
	assert_operand(decode(BYTES(0x89, 0x44, 0x25, 0x08)), PTWR_EBP, -1, 1, 8);
	cr_assert_eq(offset_of(BYTES(0x89, 0x44, 0x25, 0x08), &regs), regs.gpr[PTWR_EBP] + 8);
	/* mov %eax,0x1000 via SIB with no base and no index. */
	assert_operand(decode(BYTES(0x89, 0x04, 0x25, 0x00, 0x10, 0x00, 0x00)), -1, -1, 1, 0x1000);
	cr_assert_eq(offset_of(BYTES(0x89, 0x04, 0x25, 0x00, 0x10, 0x00, 0x00), &regs), 0x1000);
}

Test(ptwr_insn, operand_sib_disp32_with_index)
{
	struct ptwr_regs regs = address_regs();

	/* mov %ecx,0x1000(,%ecx,4): SIB base 101 with mod 00 has no base register. */
	assert_operand(decode(BYTES(0x89, 0x0c, 0x8d, 0x00, 0x10, 0x00, 0x00)), -1, PTWR_ECX, 4,
		       0x1000);
	cr_assert_eq(offset_of(BYTES(0x89, 0x0c, 0x8d, 0x00, 0x10, 0x00, 0x00), &regs),
		     regs.gpr[PTWR_ECX] * 4 + 0x1000);
	/* mov %eax,0x1000(%ebp,%ecx,4) with mod 10: %ebp is the base. */
	assert_operand(decode(BYTES(0x89, 0x84, 0x8d, 0x00, 0x10, 0x00, 0x00)), PTWR_EBP, PTWR_ECX,
		       4, 0x1000);
	cr_assert_eq(offset_of(BYTES(0x89, 0x84, 0x8d, 0x00, 0x10, 0x00, 0x00), &regs),
		     regs.gpr[PTWR_EBP] + regs.gpr[PTWR_ECX] * 4 + 0x1000);
}

Test(ptwr_insn, operand_esp_base)
{
	struct ptwr_regs regs = address_regs();

	/* mov %eax,(%esp) and 0x8(%esp): %esp as a base needs a SIB byte. */
	assert_operand(decode(BYTES(0x89, 0x04, 0x24)), PTWR_ESP, -1, 1, 0);
	cr_assert_eq(offset_of(BYTES(0x89, 0x04, 0x24), &regs), regs.gpr[PTWR_ESP]);
	assert_operand(decode(BYTES(0x89, 0x44, 0x24, 0x08)), PTWR_ESP, -1, 1, 8);
	cr_assert_eq(offset_of(BYTES(0x89, 0x44, 0x24, 0x08), &regs), regs.gpr[PTWR_ESP] + 8);
	/* cmpxchg8b 0x10(%esp) */
	assert_operand(decode(BYTES(0x0f, 0xc7, 0x4c, 0x24, 0x10)), PTWR_ESP, -1, 1, 0x10);
}

Test(ptwr_insn, operand_offset_wraps)
{
	struct ptwr_regs regs = address_regs();
	struct ptwr_insn insn = decode(BYTES(0x89, 0x44, 0x9e, 0xfc)); /* -0x4(%esi,%ebx,4) */

	regs.gpr[PTWR_ESI] = 0xfffff000;
	regs.gpr[PTWR_EBX] = 0x40000401; /* * 4 = 0x1_0000_1004 */
	cr_assert_eq(ptwr_operand_offset(&insn, &regs), 0x00000000);
	regs.gpr[PTWR_ESI] = 2;
	regs.gpr[PTWR_EBX] = 0;
	cr_assert_eq(ptwr_operand_offset(&insn, &regs), 0xfffffffe);
	/* A base near the top plus a positive disp32 wraps to the bottom. */
	insn = decode(BYTES(0x89, 0x83, 0x00, 0x20, 0x00, 0x00)); /* 0x2000(%ebx) */
	regs.gpr[PTWR_EBX] = 0xfffff000;
	cr_assert_eq(ptwr_operand_offset(&insn, &regs), 0x1000);
	/* A negative disp32 below 0. */
	insn = decode(BYTES(0x89, 0x83, 0x00, 0xf0, 0xff, 0xff)); /* -0x1000(%ebx) */
	regs.gpr[PTWR_EBX] = 0x800;
	cr_assert_eq(ptwr_operand_offset(&insn, &regs), 0xfffff800);
}

Test(ptwr_insn, segment_field)
{
	cr_assert_eq(decode(BYTES(0x89, 0x03)).segment, 0);
	cr_assert_eq(decode(BYTES(0x26, 0x89, 0x03)).segment, 0x26);
	cr_assert_eq(decode(BYTES(0x2e, 0x89, 0x03)).segment, 0x2e);
	cr_assert_eq(decode(BYTES(0x36, 0x89, 0x03)).segment, 0x36);
	cr_assert_eq(decode(BYTES(0x3e, 0xf0, 0x0f, 0xb1, 0x11)).segment, 0x3e);
	cr_assert_eq(decode(BYTES(0x64, 0xc7, 0x00, 0x01, 0x00, 0x00, 0x00)).segment, 0x64);
	cr_assert_eq(decode(BYTES(0xf0, 0x65, 0x87, 0x02)).segment, 0x65);
	/* The override does not change the operand. */
	assert_operand(decode(BYTES(0x65, 0x89, 0x44, 0x24, 0x08)), PTWR_ESP, -1, 1, 8);
}

Test(ptwr_insn, lock_field)
{
	cr_assert(decode(BYTES(0xf0, 0x0f, 0xb1, 0x11)).lock);
	cr_assert(decode(BYTES(0x3e, 0xf0, 0x0f, 0xb1, 0x11)).lock);
	cr_assert(decode(BYTES(0xf0, 0x0f, 0xc7, 0x0e)).lock);
	cr_assert(decode(BYTES(0xf0, 0x09, 0x0a)).lock);
	cr_assert(decode(BYTES(0xf0, 0x0f, 0xba, 0x28, 0x01)).lock);
	/* xchg with memory is locked with or without the prefix. */
	cr_assert(decode(BYTES(0x87, 0x02)).lock);
	cr_assert(decode(BYTES(0xf0, 0x87, 0x5e, 0x04)).lock);
	/* Without F0, no lock. */
	cr_assert(!decode(BYTES(0x89, 0x03)).lock);
	cr_assert(!decode(BYTES(0xc7, 0x00, 0x00, 0x00, 0x00, 0x00)).lock);
	cr_assert(!decode(BYTES(0x21, 0x18)).lock);
	cr_assert(!decode(BYTES(0x83, 0x20, 0xfe)).lock);
	cr_assert(!decode(BYTES(0x09, 0x0a)).lock);
	cr_assert(!decode(BYTES(0x81, 0x08, 0x00, 0x00, 0x00, 0x80)).lock);
	cr_assert(!decode(BYTES(0x0f, 0xb1, 0x0b)).lock);
	cr_assert(!decode(BYTES(0x2e, 0x89, 0x03)).lock);
}
