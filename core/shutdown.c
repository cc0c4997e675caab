/*
 * shutdown.c: the machine's last line, then the arch's stop.
 */
#include "shutdown.h"
#include "arch/machine.h"
#include "console.h"

const char *machine_status_name(enum machine_status status)
{
	switch (status) {
	case MACHINE_POWEROFF:
		return "poweroff";
	case MACHINE_CRASH:
		return "crash";
	case MACHINE_REBOOT:
		return "reboot";
	case MACHINE_PANIC:
	default:
		return "panic";
	}
}

noreturn void machine_shutdown(enum machine_status status)
{
	printk("ringo: shutdown: %s\n", machine_status_name(status));
	arch_machine_stop(status);
}
