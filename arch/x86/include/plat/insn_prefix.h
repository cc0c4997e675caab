/*
 * plat/insn_prefix.h (x86): the instruction prefix bytes the hypervisor's decoders take
 * apart (emulate.c, ptwr_insn.c, insn_name.c). Pure: the host tests include it too.
 */
#ifndef RINGO_PLAT_INSN_PREFIX_H
#define RINGO_PLAT_INSN_PREFIX_H

#include "types.h"

#define X86_PREFIX_ES 0x26
#define X86_PREFIX_CS 0x2e
#define X86_PREFIX_SS 0x36
#define X86_PREFIX_DS 0x3e
#define X86_PREFIX_FS 0x64
#define X86_PREFIX_GS 0x65
#define X86_PREFIX_OPERAND_SIZE 0x66
#define X86_PREFIX_ADDRESS_SIZE 0x67
#define X86_PREFIX_LOCK 0xf0
#define X86_PREFIX_REPNE 0xf2
#define X86_PREFIX_REP 0xf3

static inline bool x86_is_segment_override(uint8_t byte)
{
	return byte == X86_PREFIX_ES || byte == X86_PREFIX_CS || byte == X86_PREFIX_SS ||
	       byte == X86_PREFIX_DS || byte == X86_PREFIX_FS || byte == X86_PREFIX_GS;
}

#endif
