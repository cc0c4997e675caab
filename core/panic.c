/*
 * panic.c: a broken hypervisor invariant stops the machine, saying why.
 */
#include "check.h"
#include "console.h"
#include "shutdown.h"

noreturn void panic(const char *fmt, ...)
{
	va_list args;

	printk("ringo: panic: ");
	va_start(args, fmt);
	vprintk(fmt, args);
	va_end(args);
	printk("\n");
	machine_shutdown(MACHINE_PANIC);
}
