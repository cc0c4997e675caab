/*
 * emulate.c (x86): the privileged instructions a PV kernel may execute in ring 1.
 *
 * Ring 1 takes a #GP on every privileged instruction; some of them a PV kernel may
 * legitimately use, and the hypervisor performs them on its behalf, as Xen does:
 *
 *   mov from %cr0/%cr2/%cr3/%cr4   the virtual values: CR0 with the virtual TS, the
 *                                  fault address of the last #PF bounce, the current
 *                                  base in PAE's folded form (pfn << 12 | pfn >> 20)
 *   mov to %cr0                    only TS may change (fpu_taskswitch)
 *   clts                           clears the virtual TS
 *   wbinvd, invd                   write back caches (privileged domains; else nothing)
 *   in, out (not the string forms) when the virtual IOPL admits the ring, on ports the
 *                                  domain may use (others read as all ones, writes drop)
 *   cli, sti                       when the virtual IOPL admits the ring: set or clear
 *                                  the event mask, the guest's virtual interrupt flag
 *
 * Anything else, or the same from ring 3 (except in/out/cli/sti at virtual IOPL 3), is
 * not emulated and the #GP goes to the guest's handler. Segment overrides are ignored:
 * every segment a guest can hold starts at 0 or is refused (descriptor.c).
 */
#include "lib.h"
#include "plat/cpu.h"
#include "plat/cpu_state.h"
#include "plat/insn_prefix.h"
#include "plat/traps.h"

#define OPCODE_TWO_BYTE 0x0f
#define OPCODE_CLI 0xfa
#define OPCODE_STI 0xfb
#define TWO_BYTE_CLTS 0x06
#define TWO_BYTE_INVD 0x08
#define TWO_BYTE_WBINVD 0x09
#define TWO_BYTE_MOV_FROM_CR 0x20
#define TWO_BYTE_MOV_TO_CR 0x22
#define MODRM_REGISTER 0xc0

/* One decoded instruction. */
struct insn {
	const uint8_t *bytes; /* after the prefixes */
	size_t len;	      /* bytes available from bytes[0] */
	size_t prefix_len;
	bool operand_16;
};

/* Skips the prefixes we accept; false on any other (lock, rep, address size). */
static bool decode_prefixes(const uint8_t *code, size_t len, struct insn *insn)
{
	size_t i = 0;

	insn->operand_16 = false;
	while (i < len &&
	       (code[i] == X86_PREFIX_OPERAND_SIZE || x86_is_segment_override(code[i]))) {
		insn->operand_16 |= code[i] == X86_PREFIX_OPERAND_SIZE;
		i++;
	}
	insn->bytes = code + i;
	insn->len = len - i;
	insn->prefix_len = i;
	return insn->len > 0;
}

static void finish(struct vcpu *v, const struct insn *insn, size_t opcode_len)
{
	v->arch.regs->eip += (uint32_t)(insn->prefix_len + opcode_len);
}

static uint32_t virtual_cr0(const struct vcpu *v)
{
	return (x86_read_cr0() & ~X86_CR0_TS) | (v->arch.cr0_ts ? X86_CR0_TS : 0);
}

/* PAE cr3 as a guest reads it (ABI.md section 2). */
static uint32_t virtual_cr3(const struct vcpu *v)
{
	uint64_t frame = mfn_value(maddr_to_mfn(v->arch.cr3));

	return (uint32_t)(frame << PAGE_SHIFT) | (uint32_t)(frame >> 20);
}

static bool read_cr(const struct vcpu *v, unsigned int cr, uint32_t *value)
{
	switch (cr) {
	case 0:
		*value = virtual_cr0(v);
		return true;
	case 2:
		*value = v->arch.cr2;
		return true;
	case 3:
		*value = virtual_cr3(v);
		return true;
	case 4:
		*value = x86_read_cr4();
		return true;
	default:
		return false;
	}
}

static bool write_cr(struct vcpu *v, unsigned int cr, uint32_t value)
{
	/* Only CR0.TS is the guest's to change. */
	if (cr != 0 || ((value ^ virtual_cr0(v)) & ~X86_CR0_TS)) {
		return false;
	}
	fpu_set_virtual_ts(v, value & X86_CR0_TS);
	return true;
}

static bool emulate_mov_cr(struct vcpu *v, const struct insn *insn)
{
	uint8_t modrm;
	uint32_t *reg;

	if (insn->len < 3 || ((modrm = insn->bytes[2]) & MODRM_REGISTER) != MODRM_REGISTER) {
		return false;
	}
	reg = x86_regs_gpr(v->arch.regs, modrm);
	if (insn->bytes[1] == TWO_BYTE_MOV_FROM_CR) {
		if (!read_cr(v, (modrm >> 3) & 7, reg)) {
			return false;
		}
	} else if (!write_cr(v, (modrm >> 3) & 7, *reg)) {
		return false;
	}
	finish(v, insn, 3);
	return true;
}

static bool emulate_two_byte(struct vcpu *v, const struct insn *insn)
{
	if (insn->len < 2 || x86_regs_ring(v->arch.regs) != 1) {
		return false;
	}
	switch (insn->bytes[1]) {
	case TWO_BYTE_CLTS:
		fpu_set_virtual_ts(v, false);
		break;
	case TWO_BYTE_WBINVD:
	case TWO_BYTE_INVD: /* never without the write-back: that would lose data */
		if (v->domain->privileged) {
			x86_wbinvd();
		}
		break;
	case TWO_BYTE_MOV_FROM_CR:
	case TWO_BYTE_MOV_TO_CR:
		return emulate_mov_cr(v, insn);
	default:
		return false;
	}
	finish(v, insn, 2);
	return true;
}

static uint32_t port_read(uint16_t port, unsigned int size)
{
	switch (size) {
	case 1:
		return inb(port);
	case 2:
		return inw(port);
	default:
		return inl(port);
	}
}

static void port_write(uint16_t port, unsigned int size, uint32_t value)
{
	switch (size) {
	case 1:
		outb(port, (uint8_t)value);
		break;
	case 2:
		outw(port, (uint16_t)value);
		break;
	default:
		outl(port, value);
		break;
	}
}

static uint32_t size_mask(unsigned int size)
{
	return size == 4 ? 0xffffffffU : (1U << (size * 8)) - 1;
}

/* in/out: e4-e7 with an immediate port, ec-ef with the port in dx. */
static bool emulate_io(struct vcpu *v, const struct insn *insn)
{
	struct x86_regs *regs = v->arch.regs;
	uint8_t opcode = insn->bytes[0];
	bool port_in_dx = opcode & 0x8;
	bool is_out = opcode & 0x2;
	unsigned int size = opcode & 0x1 ? (insn->operand_16 ? 2 : 4) : 1;
	size_t opcode_len = port_in_dx ? 1 : 2;
	uint16_t port;
	uint32_t mask = size_mask(size);

	if (insn->len < opcode_len || !io_iopl_allows(v)) {
		return false;
	}
	port = port_in_dx ? (uint16_t)regs->edx : insn->bytes[1];
	if (!io_port_permitted(v->domain, port, size)) {
		/* Filtered: reads see a floating bus, writes vanish. */
		if (!is_out) {
			regs->eax |= mask;
		}
	} else if (is_out) {
		port_write(port, size, regs->eax & mask);
	} else {
		regs->eax = (regs->eax & ~mask) | (port_read(port, size) & mask);
	}
	finish(v, insn, opcode_len);
	return true;
}

static bool emulate_cli_sti(struct vcpu *v, const struct insn *insn)
{
	if (!io_iopl_allows(v)) {
		return false;
	}
	*x86_upcall_mask(v) = insn->bytes[0] == OPCODE_CLI;
	finish(v, insn, 1);
	return true;
}

static bool is_in_out(uint8_t opcode)
{
	return (opcode >= 0xe4 && opcode <= 0xe7) || (opcode >= 0xec && opcode <= 0xef);
}

bool x86_emulate_privileged(struct vcpu *v)
{
	uint8_t code[X86_INSN_MAX] = {0};
	struct insn insn;

	if (!decode_prefixes(code, x86_fetch_insn(v, code), &insn)) {
		return false;
	}
	if (insn.bytes[0] == OPCODE_TWO_BYTE) {
		return emulate_two_byte(v, &insn);
	}
	if (is_in_out(insn.bytes[0])) {
		return emulate_io(v, &insn);
	}
	if (insn.bytes[0] == OPCODE_CLI || insn.bytes[0] == OPCODE_STI) {
		return emulate_cli_sti(v, &insn);
	}
	return false;
}
