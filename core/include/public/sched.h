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

/* SCHEDOP_poll: block until one of ports is pending or system time passes timeout (0: none). */
struct sched_poll {
	unsigned long ports; /* guest address of an array of nr_ports evtchn_port_t */
	uint32_t nr_ports;
	uint64_t timeout;
};

ABI_CHECK_OFFSET(struct sched_poll, nr_ports, 4, 8);
ABI_CHECK_OFFSET(struct sched_poll, timeout, 8, 16);
ABI_CHECK_SIZE(struct sched_poll, 16, 24);

#endif
