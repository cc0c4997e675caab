/*
 * console.c: guest console output through the console_io hypercall.
 */
#include "guest.h"
#include "lib.h"

void console_puts(const char *text)
{
	HYPERVISOR_console_io(CONSOLEIO_write, strlen(text), text);
}

int printf(const char *fmt, ...)
{
	char line[512];
	va_list args;
	int len;

	va_start(args, fmt);
	len = vsnprintf(line, sizeof(line), fmt, args);
	va_end(args);
	HYPERVISOR_console_io(
	    CONSOLEIO_write, len < (int)sizeof(line) ? (unsigned long)len : sizeof(line) - 1, line);
	return len;
}
