/*
 * x86/jump.h (x86 guest): non-local jumps, for leaving a trap handler.
 *
 * jump_save records the callee-saved registers, the stack and the return address and
 * returns 0; jump_to(buffer, value) returns from that jump_save again with value (1 if 0
 * was given). The frame of jump_save's caller must still be live. Trap handlers use it to
 * get back to the test that provoked the trap, abandoning the trap's frame.
 */
#ifndef GUEST_X86_JUMP_H
#define GUEST_X86_JUMP_H

#include "types.h"

struct jump_buffer {
	uint32_t ebx, esi, edi, ebp, esp, eip;
};

int jump_save(struct jump_buffer *buffer) __attribute__((returns_twice));
noreturn void jump_to(struct jump_buffer *buffer, int value);

#endif
