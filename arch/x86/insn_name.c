/*
 * insn_name.c (x86): naming the privileged instruction a guest kernel tripped over.
 *
 * Only for messages: when a ring-1 guest takes a #GP with no trap handler, the crash line
 * says which instruction did it ("lgdt", "mov to %cr3", "int $0x80"), which makes a
 * broken guest easy to read. It recognises the instructions ring 1 may not execute, not
 * x86 at large; anything else gets no name. The privileged-op emulator will build on it.
 */
#include "lib.h"
#include "plat/insn_prefix.h"
#include "plat/traps.h"

#define OPCODE_TWO_BYTE 0x0f
#define OPCODE_INT 0xcd

static bool is_prefix(uint8_t byte)
{
	switch (byte) {
	case X86_PREFIX_OPERAND_SIZE:
	case X86_PREFIX_ADDRESS_SIZE:
	case X86_PREFIX_LOCK:
	case X86_PREFIX_REPNE:
	case X86_PREFIX_REP:
		return true;
	default:
		return x86_is_segment_override(byte);
	}
}

static const char *one_byte_name(uint8_t opcode)
{
	switch (opcode) {
	case 0x6c:
	case 0x6d:
		return "ins";
	case 0x6e:
	case 0x6f:
		return "outs";
	case 0xcc:
		return "int3";
	case 0xce:
		return "into";
	case 0xcf:
		return "iret";
	case 0xe4:
	case 0xe5:
	case 0xec:
	case 0xed:
		return "in";
	case 0xe6:
	case 0xe7:
	case 0xee:
	case 0xef:
		return "out";
	case 0xf1:
		return "int1";
	case 0xf4:
		return "hlt";
	case 0xfa:
		return "cli";
	case 0xfb:
		return "sti";
	default:
		return NULL;
	}
}

static const char *two_byte_name(uint8_t opcode)
{
	switch (opcode) {
	case 0x06:
		return "clts";
	case 0x08:
		return "invd";
	case 0x09:
		return "wbinvd";
	case 0x30:
		return "wrmsr";
	case 0x32:
		return "rdmsr";
	case 0x33:
		return "rdpmc";
	case 0x35:
		return "sysexit";
	default:
		return NULL;
	}
}

/* 0f 00 /r and 0f 01 /r: the descriptor-table group, chosen by the ModRM reg field. */
static const char *group_name(uint8_t opcode, uint8_t modrm)
{
	static const char *const group0[8] = {[2] = "lldt", [3] = "ltr"};
	static const char *const group1[8] = {
	    [2] = "lgdt", [3] = "lidt", [6] = "lmsw", [7] = "invlpg"};
	unsigned int reg = (modrm >> 3) & 7;
	bool register_form = (modrm >> 6) == 3;

	if (opcode == 0x00) {
		return group0[reg];
	}
	/* With a register operand, 0f 01 encodes other instructions, except lmsw. */
	return register_form && reg != 6 ? NULL : group1[reg];
}

/* 0f 20-23: mov to and from control and debug registers; reg names the register. */
static bool describe_mov_special(const uint8_t *code, size_t len, char *out, size_t out_size)
{
	if (len < 3 || code[1] < 0x20 || code[1] > 0x23) {
		return false;
	}
	snprintf(out, out_size, "mov %s %%%s%u", code[1] & 2 ? "to" : "from",
		 code[1] & 1 ? "dr" : "cr", (unsigned int)(code[2] >> 3) & 7);
	return true;
}

static const char *two_byte_describe(const uint8_t *code, size_t len)
{
	if (len < 2) {
		return NULL;
	}
	if (code[1] <= 0x01) {
		return len >= 3 ? group_name(code[1], code[2]) : NULL;
	}
	return two_byte_name(code[1]);
}

void insn_describe_privileged(const uint8_t *code, size_t len, char *out, size_t out_size)
{
	const char *name = NULL;

	while (len && is_prefix(*code)) {
		code++;
		len--;
	}
	out[0] = '\0';
	if (len == 0) {
		return;
	}
	if (code[0] == OPCODE_INT && len >= 2) {
		snprintf(out, out_size, "int $0x%x", code[1]);
		return;
	}
	if (code[0] == OPCODE_TWO_BYTE) {
		if (describe_mov_special(code, len, out, out_size)) {
			return;
		}
		name = two_byte_describe(code, len);
	} else {
		name = one_byte_name(code[0]);
	}
	if (name) {
		strlcpy(out, name, out_size);
	}
}
