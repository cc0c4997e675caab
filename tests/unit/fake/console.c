/*
 * console.c (fake arch): the serial console, captured for the tests to read.
 *
 * Set RINGO_FAKE_CONSOLE=1 in the environment to also see the output on stderr while
 * debugging a test.
 */
#include <stdio.h>
#include <stdlib.h>

#include "fake.h"

#include "arch/console.h"

#define CONSOLE_CAPACITY (1UL << 20)

static char console_text[CONSOLE_CAPACITY];
static size_t console_len;

void arch_console_putc(char c)
{
	static int echo = -1;

	if (echo < 0) {
		echo = getenv("RINGO_FAKE_CONSOLE") != NULL;
	}
	if (echo) {
		fputc(c, stderr);
	}
	/* Keep the last byte for the terminator; a full buffer keeps its beginning. */
	if (console_len + 1 < CONSOLE_CAPACITY) {
		console_text[console_len++] = c;
		console_text[console_len] = '\0';
	}
}

const char *fake_console_text(void)
{
	return console_text;
}

void fake_console_clear(void)
{
	console_len = 0;
	console_text[0] = '\0';
}

static bool contains(const char *haystack, const char *needle)
{
	size_t needle_len = strlen(needle);

	for (; *haystack; haystack++) {
		if (!strncmp(haystack, needle, needle_len)) {
			return true;
		}
	}
	return needle_len == 0;
}

bool fake_console_contains(const char *text)
{
	return contains(console_text, text);
}
