/*
 * event.h (x86): the event upcall as the hypercall entry's way back uses it (event.c).
 */
#ifndef RINGO_PLAT_EVENT_H
#define RINGO_PLAT_EVENT_H

#include "domain.h"

#define X86_UPCALL_FRAME_SIZE 12		/* EIP, CS, EFLAGS */
#define X86_EFLAGS_CLEARED_BY_BOUNCE 0x00034100 /* TF, NT, RF, VM, as a trap gate clears */

/*
 * arch_event_upcall(v), telling how it went: true when the upcall frame went the direct
 * way (ring 1 to ring 1, onto the page of v's last bounce), which changes nothing but v's
 * registers, its upcall mask and its stack, so that the way back needs no check again;
 * false otherwise (bounced the general way, to the failsafe callback, or v's domain
 * crashed). The hypercall exit (entry.S) writes the direct way's frame itself, from the
 * same checks, and calls this for anything else.
 */
bool x86_event_upcall(struct vcpu *v);

#endif
