/*
 * start.c: the portable start of a guest: record start_info, run the image, power off.
 */
#include "guest.h"

struct start_info *start_info;

noreturn void guest_start(struct start_info *info)
{
	start_info = info;
	guest_main();
	guest_shutdown(SHUTDOWN_poweroff);
}

noreturn void guest_shutdown(unsigned int reason)
{
	struct sched_shutdown request = {.reason = reason};

	for (;;) {
		HYPERVISOR_sched_op(SCHEDOP_shutdown, &request);
	}
}
