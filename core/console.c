/*
 * console.c: printk and the domains' console lines.
 */
#include "console.h"
#include "arch/console.h"
#include "domain.h"
#include "lib.h"

void console_write(const char *text, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		arch_console_putc(text[i]);
	}
}

void vprintk(const char *fmt, va_list args)
{
	char line[256];
	int len = vsnprintf(line, sizeof(line), fmt, args);

	console_write(line, len < (int)sizeof(line) ? (size_t)len : sizeof(line) - 1);
}

void printk(const char *fmt, ...)
{
	va_list args;

	va_start(args, fmt);
	vprintk(fmt, args);
	va_end(args);
}

/* The line goes straight to the console: with its prefix it would not fit printk's buffer. */
static void domain_console_flush(struct domain *d)
{
	printk("(d%u) ", d->id);
	console_write(d->console_line, d->console_len);
	console_write("\n", 1);
	d->console_len = 0;
}

void domain_console_write(struct domain *d, const char *text, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		char c = text[i];

		if (c == '\n') {
			domain_console_flush(d);
		} else if (c == '\r') {
			continue;
		} else {
			/* Unprintable bytes are shown as '?' so a guest cannot drive the terminal.
			 */
			d->console_line[d->console_len++] =
			    (c >= ' ' && c < 0x7f) || c == '\t' ? c : '?';
			if (d->console_len == sizeof(d->console_line) - 1) {
				domain_console_flush(d);
			}
		}
	}
}
