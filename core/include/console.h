/*
 * console.h: the hypervisor console.
 *
 * printk formats into the arch's serial console (arch_console_putc). Guest output arrives
 * through console_io and is written line by line with the domain's prefix, "(d0) ...",
 * so lines of different domains never interleave mid-line.
 */
#ifndef RINGO_CONSOLE_H
#define RINGO_CONSOLE_H

#include "types.h"

void printk(const char *fmt, ...) PRINTF_LIKE(1, 2);
void vprintk(const char *fmt, va_list args);
void console_write(const char *text, size_t len);

#endif
