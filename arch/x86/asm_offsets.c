/*
 * asm_offsets.c (x86): structure offsets for the assembly files, generated from C.
 *
 * Not linked: the build compiles it to assembly and turns each "->NAME value" line into
 * "#define NAME value" in generated/asm_offsets.h (see arch.mk), so entry code never
 * hard-codes an offset. The static assertions check what assembly relies on beyond
 * offsets: the CPU's part of the frame is contiguous, in the CPU's order.
 */
#include "plat/regs.h"

#define OFFSET(name, type, member) \
	__asm__ volatile("\n->" #name " %c0" : : "i"(offsetof(type, member)))
#define SIZE(name, type) __asm__ volatile("\n->" #name " %c0" : : "i"(sizeof(type)))

_Static_assert(offsetof(struct x86_regs, error_code) == offsetof(struct x86_regs, vector) + 4,
	       "the stub pushes the error code, then the vector");
_Static_assert(offsetof(struct x86_regs, eip) == offsetof(struct x86_regs, error_code) + 4,
	       "the CPU's frame follows the error code");
_Static_assert(offsetof(struct x86_regs, cs) == offsetof(struct x86_regs, eip) + 4 &&
		   offsetof(struct x86_regs, eflags) == offsetof(struct x86_regs, cs) + 4 &&
		   offsetof(struct x86_regs, esp) == offsetof(struct x86_regs, eflags) + 4 &&
		   offsetof(struct x86_regs, ss) == offsetof(struct x86_regs, esp) + 4,
	       "eip, cs, eflags, esp, ss in the order iret pops them");
_Static_assert(sizeof(struct x86_regs) == offsetof(struct x86_regs, ss) + 4,
	       "the frame ends with ss");

void asm_offsets(void);

void asm_offsets(void)
{
	OFFSET(REGS_EBX, struct x86_regs, ebx);
	OFFSET(REGS_ECX, struct x86_regs, ecx);
	OFFSET(REGS_EDX, struct x86_regs, edx);
	OFFSET(REGS_ESI, struct x86_regs, esi);
	OFFSET(REGS_EDI, struct x86_regs, edi);
	OFFSET(REGS_EBP, struct x86_regs, ebp);
	OFFSET(REGS_EAX, struct x86_regs, eax);
	OFFSET(REGS_DS, struct x86_regs, ds);
	OFFSET(REGS_ES, struct x86_regs, es);
	OFFSET(REGS_FS, struct x86_regs, fs);
	OFFSET(REGS_GS, struct x86_regs, gs);
	OFFSET(REGS_VECTOR, struct x86_regs, vector);
	OFFSET(REGS_ERROR_CODE, struct x86_regs, error_code);
	OFFSET(REGS_EIP, struct x86_regs, eip);
	SIZE(REGS_SIZE, struct x86_regs);
}
