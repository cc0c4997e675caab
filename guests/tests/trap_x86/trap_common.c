/*
 * trap_common.c: state the trap_x86 tests share.
 */
#include "lib.h"
#include "trap_x86.h"

struct jump_buffer failsafe_jump;
uint32_t failsafe_frame[9];
uint32_t failsafe_esp;

uint8_t *event_mask(void)
{
	return &guest_shared_info()->vcpu_info[0].evtchn_upcall_mask;
}

noreturn void failsafe_seen(uint32_t *frame)
{
	memcpy(failsafe_frame, frame, sizeof(failsafe_frame));
	failsafe_esp = (uint32_t)(uintptr_t)frame;
	jump_to(&failsafe_jump, 1);
}
