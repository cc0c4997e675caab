/*
 * public/sched.h: sched_op (29) commands and arguments (ABI.md section 7).
 */
#ifndef RINGO_PUBLIC_SCHED_H
#define RINGO_PUBLIC_SCHED_H

#include "abi.h"

#define SCHEDOP_yield 0
#define SCHEDOP_block 1
#define SCHEDOP_shutdown 2
#define SCHEDOP_poll 3

#define SHUTDOWN_poweroff 0
#define SHUTDOWN_reboot 1
#define SHUTDOWN_suspend 2
#define SHUTDOWN_crash 3
#define SHUTDOWN_watchdog 4

struct sched_shutdown {
	uint32_t reason;
};

ABI_CHECK_SIZE(struct sched_shutdown, 4, 4);

#endif
