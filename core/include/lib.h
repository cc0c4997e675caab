/*
 * lib.h: the small C library the hypervisor carries (string functions and formatting).
 *
 * The same sources (core/lib/) are linked into the hypervisor, the guests' library and the
 * host tests' fake arch build, so there is one formatter and one set of string routines.
 */
#ifndef RINGO_LIB_H
#define RINGO_LIB_H

#include "types.h"

void *memcpy(void *dst, const void *src, size_t len);
void *memmove(void *dst, const void *src, size_t len);
void *memset(void *dst, int value, size_t len);
int memcmp(const void *a, const void *b, size_t len);
void *memchr(const void *s, int c, size_t len);
size_t strlen(const char *s);
size_t strnlen(const char *s, size_t max);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t len);
char *strchr(const char *s, int c);
char *strrchr(const char *s, int c);
unsigned long strtoul(const char *s, char **end, int base);

/* Copies at most size - 1 characters and always terminates (when size > 0). */
size_t strlcpy(char *dst, const char *src, size_t size);

int vsnprintf(char *buf, size_t size, const char *fmt, va_list args);
int snprintf(char *buf, size_t size, const char *fmt, ...) PRINTF_LIKE(3, 4);

/*
 * Finds "name=value" among space-separated words of a command line and copies value into
 * out (at most out_size - 1 characters). Returns false when the option is absent.
 */
bool cmdline_get(const char *cmdline, const char *name, char *out, size_t out_size);

/* Parses a size like "16M", "512K", "1G" or plain bytes; returns false on bad syntax. */
bool parse_size(const char *text, uint64_t *bytes);

#endif
