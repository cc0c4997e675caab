/*
 * public/callback.h: callback_op (30) and the callback types (ABI.md section 5).
 *
 * The x86 layout: a callback is a code selector and an address, each 32 bits.
 */
#ifndef RINGO_PUBLIC_CALLBACK_H
#define RINGO_PUBLIC_CALLBACK_H

#include "abi.h"

#define CALLBACKOP_register 0
#define CALLBACKOP_unregister 1

#define CALLBACKTYPE_event 0
#define CALLBACKTYPE_failsafe 1
#define CALLBACKTYPE_syscall 2
#define CALLBACKTYPE_nmi 4
#define CALLBACKTYPE_sysenter 5
#define CALLBACKTYPE_syscall32 7
#define CALLBACKTYPE_COUNT 8

#define CALLBACKF_mask_events (1U << 0)

struct callback_register {
	uint16_t type;
	uint16_t flags;
	uint32_t cs;
	uint32_t eip;
};

struct callback_unregister {
	uint16_t type;
	uint16_t unused;
};

ABI_CHECK_OFFSET(struct callback_register, flags, 2, 2);
ABI_CHECK_OFFSET(struct callback_register, cs, 4, 4);
ABI_CHECK_OFFSET(struct callback_register, eip, 8, 8);
ABI_CHECK_SIZE(struct callback_register, 12, 12);
ABI_CHECK_SIZE(struct callback_unregister, 4, 4);

#endif
