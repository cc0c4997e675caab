/*
 * event.h (x86): the event upcall frame's shape, for the hypercall exit's direct upcall
 * (entry.S, through asm_offsets.c): the frame and flags bounce.c writes for an upcall.
 */
#ifndef RINGO_PLAT_EVENT_H
#define RINGO_PLAT_EVENT_H

#include "domain.h"

#define X86_UPCALL_FRAME_SIZE 12		/* EIP, CS, EFLAGS */
#define X86_EFLAGS_CLEARED_BY_BOUNCE 0x00034100 /* TF, NT, RF, VM, as a trap gate clears */

#endif
