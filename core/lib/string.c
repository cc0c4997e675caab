/*
 * string.c: the string and memory routines of the freestanding C library.
 *
 * Linked into the hypervisor and the guests; libfdt (ARM64) uses them too. The string
 * routines are plain byte loops: correct first, and short enough to read. The memory
 * routines move a machine word at a time, four per round, when the addresses allow it:
 * they zero and copy whole frames (a frame handed to a domain is zeroed, a vCPU switch
 * copies a register frame), where a byte loop costs four to eight times the instructions.
 * Bytes finish what words cannot.
 */
#include "lib.h"

/* A machine word that may alias anything, as the memory routines' accesses must. */
typedef unsigned long __attribute__((may_alias)) word_t;

#define WORD sizeof(word_t)
#define WORDS_PER_ROUND 4

static inline bool words_aligned(const void *a, const void *b)
{
	return (((uintptr_t)a | (uintptr_t)b) & (WORD - 1)) == 0;
}

/* Copies whole rounds of words upwards; returns the bytes left. */
static inline size_t copy_words_up(word_t **d, const word_t **s, size_t len)
{
	for (; len >= WORDS_PER_ROUND * WORD; len -= WORDS_PER_ROUND * WORD) {
		(*d)[0] = (*s)[0];
		(*d)[1] = (*s)[1];
		(*d)[2] = (*s)[2];
		(*d)[3] = (*s)[3];
		*d += WORDS_PER_ROUND;
		*s += WORDS_PER_ROUND;
	}
	for (; len >= WORD; len -= WORD) {
		*(*d)++ = *(*s)++;
	}
	return len;
}

void *memcpy(void *dst, const void *src, size_t len)
{
	unsigned char *d = dst;
	const unsigned char *s = src;

	if (words_aligned(d, s)) {
		word_t *dw = (word_t *)d;
		const word_t *sw = (const word_t *)s;

		len = copy_words_up(&dw, &sw, len);
		d = (unsigned char *)dw;
		s = (const unsigned char *)sw;
	}
	while (len--) {
		*d++ = *s++;
	}
	return dst;
}

void *memmove(void *dst, const void *src, size_t len)
{
	unsigned char *d = dst;
	const unsigned char *s = src;

	if (d < s) {
		return memcpy(dst, src, len);
	}
	/* Downwards, so that an overlap is read before it is written. */
	if (words_aligned(d + len, s + len)) {
		for (; len >= WORD; len -= WORD) {
			*(word_t *)(d + len - WORD) = *(const word_t *)(s + len - WORD);
		}
	}
	while (len--) {
		d[len] = s[len];
	}
	return dst;
}

void *memset(void *dst, int value, size_t len)
{
	unsigned char *d = dst;

	if (words_aligned(d, d)) {
		word_t pattern = (unsigned char)value * (~(word_t)0 / 0xff);
		word_t *dw = (word_t *)d;

		for (; len >= WORDS_PER_ROUND * WORD; len -= WORDS_PER_ROUND * WORD) {
			dw[0] = pattern;
			dw[1] = pattern;
			dw[2] = pattern;
			dw[3] = pattern;
			dw += WORDS_PER_ROUND;
		}
		for (; len >= WORD; len -= WORD) {
			*dw++ = pattern;
		}
		d = (unsigned char *)dw;
	}
	while (len--) {
		*d++ = (unsigned char)value;
	}
	return dst;
}

int memcmp(const void *a, const void *b, size_t len)
{
	const unsigned char *x = a;
	const unsigned char *y = b;

	for (size_t i = 0; i < len; i++) {
		if (x[i] != y[i]) {
			return x[i] - y[i];
		}
	}
	return 0;
}

void *memchr(const void *s, int c, size_t len)
{
	const unsigned char *p = s;

	for (size_t i = 0; i < len; i++) {
		if (p[i] == (unsigned char)c) {
			return (void *)(p + i);
		}
	}
	return NULL;
}

size_t strlen(const char *s)
{
	size_t len = 0;

	while (s[len]) {
		len++;
	}
	return len;
}

size_t strnlen(const char *s, size_t max)
{
	size_t len = 0;

	while (len < max && s[len]) {
		len++;
	}
	return len;
}

int strcmp(const char *a, const char *b)
{
	while (*a && *a == *b) {
		a++;
		b++;
	}
	return (unsigned char)*a - (unsigned char)*b;
}

int strncmp(const char *a, const char *b, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		if (a[i] != b[i] || !a[i]) {
			return (unsigned char)a[i] - (unsigned char)b[i];
		}
	}
	return 0;
}

char *strchr(const char *s, int c)
{
	for (;; s++) {
		if (*s == (char)c) {
			return (char *)s;
		}
		if (!*s) {
			return NULL;
		}
	}
}

char *strrchr(const char *s, int c)
{
	const char *found = NULL;

	for (;; s++) {
		if (*s == (char)c) {
			found = s;
		}
		if (!*s) {
			return (char *)found;
		}
	}
}

size_t strlcpy(char *dst, const char *src, size_t size)
{
	size_t len = strlen(src);

	if (size) {
		size_t n = len < size - 1 ? len : size - 1;
		memcpy(dst, src, n);
		dst[n] = '\0';
	}
	return len;
}

static int digit_value(char c)
{
	if (c >= '0' && c <= '9') {
		return c - '0';
	}
	if (c >= 'a' && c <= 'z') {
		return c - 'a' + 10;
	}
	if (c >= 'A' && c <= 'Z') {
		return c - 'A' + 10;
	}
	return 99;
}

unsigned long strtoul(const char *s, char **end, int base)
{
	unsigned long value = 0;

	while (*s == ' ' || *s == '\t') {
		s++;
	}
	if ((base == 0 || base == 16) && s[0] == '0' && (s[1] == 'x' || s[1] == 'X') &&
	    digit_value(s[2]) < 16) {
		s += 2;
		base = 16;
	} else if (base == 0) {
		base = s[0] == '0' ? 8 : 10;
	}
	while (digit_value(*s) < base) {
		value = value * (unsigned long)base + (unsigned long)digit_value(*s);
		s++;
	}
	if (end) {
		*end = (char *)s;
	}
	return value;
}
