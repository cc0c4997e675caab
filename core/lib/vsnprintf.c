/*
 * vsnprintf.c: the one formatter, for the hypervisor's printk and the guests' printf.
 *
 * Supports %d %i %u %x %X %p %s %c %%, the flags '-' and '0', a field width, a precision
 * (also '*'), and the length modifiers h, l, ll, z. Output is always terminated when
 * size > 0; the return value is the length the full output would have had.
 */
#include "lib.h"

struct sink {
	char *buf;
	size_t size;
	size_t len;
};

struct spec {
	bool left;
	bool zero;
	int width;
	int precision; /* -1: none */
	int length;    /* 0, 'h', 'l', 'L' (ll), 'z' */
};

static void put(struct sink *out, char c)
{
	if (out->len + 1 < out->size) {
		out->buf[out->len] = c;
	}
	out->len++;
}

static void pad(struct sink *out, char c, int count)
{
	while (count-- > 0) {
		put(out, c);
	}
}

static void put_string(struct sink *out, const struct spec *spec, const char *s)
{
	size_t max = spec->precision >= 0 ? (size_t)spec->precision : SIZE_MAX;
	int len;

	if (!s) {
		s = "(null)";
	}
	len = (int)strnlen(s, max);
	if (!spec->left) {
		pad(out, ' ', spec->width - len);
	}
	for (int i = 0; i < len; i++) {
		put(out, s[i]);
	}
	if (spec->left) {
		pad(out, ' ', spec->width - len);
	}
}

static void put_number(struct sink *out, const struct spec *spec, unsigned long long value,
		       bool negative, unsigned int base, bool upper)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char text[24];
	int len = 0;
	int fill;

	do {
		text[len++] = digits[value % base];
		value /= base;
	} while (value);
	while (len < spec->precision && len < (int)sizeof(text)) {
		text[len++] = '0';
	}
	fill = spec->width - len - (negative ? 1 : 0);
	if (!spec->left && !spec->zero) {
		pad(out, ' ', fill);
	}
	if (negative) {
		put(out, '-');
	}
	if (!spec->left && spec->zero) {
		pad(out, '0', fill);
	}
	while (len) {
		put(out, text[--len]);
	}
	if (spec->left) {
		pad(out, ' ', fill);
	}
}

static const char *parse_spec(const char *fmt, struct spec *spec, va_list *args)
{
	*spec = (struct spec){.precision = -1};
	for (;; fmt++) {
		if (*fmt == '-') {
			spec->left = true;
		} else if (*fmt == '0') {
			spec->zero = true;
		} else {
			break;
		}
	}
	if (*fmt == '*') {
		spec->width = va_arg(*args, int);
		fmt++;
	}
	while (*fmt >= '0' && *fmt <= '9') {
		spec->width = spec->width * 10 + (*fmt++ - '0');
	}
	if (*fmt == '.') {
		fmt++;
		spec->precision = 0;
		if (*fmt == '*') {
			spec->precision = va_arg(*args, int);
			fmt++;
		}
		while (*fmt >= '0' && *fmt <= '9') {
			spec->precision = spec->precision * 10 + (*fmt++ - '0');
		}
	}
	if (*fmt == 'h' || *fmt == 'z') {
		spec->length = *fmt++;
	} else if (*fmt == 'l') {
		spec->length = *++fmt == 'l' ? (fmt++, 'L') : 'l';
	}
	return fmt;
}

static unsigned long long unsigned_arg(const struct spec *spec, va_list *args)
{
	switch (spec->length) {
	case 'L':
		return va_arg(*args, unsigned long long);
	case 'l':
		return va_arg(*args, unsigned long);
	case 'z':
		return va_arg(*args, size_t);
	default:
		return va_arg(*args, unsigned int);
	}
}

static long long signed_arg(const struct spec *spec, va_list *args)
{
	switch (spec->length) {
	case 'L':
		return va_arg(*args, long long);
	case 'l':
		return va_arg(*args, long);
	case 'z':
		return (long long)va_arg(*args, size_t);
	default:
		return va_arg(*args, int);
	}
}

static void format_one(struct sink *out, char conv, struct spec *spec, va_list *args)
{
	long long value;

	switch (conv) {
	case 'd':
	case 'i':
		value = signed_arg(spec, args);
		put_number(out, spec,
			   value < 0 ? 0ULL - (unsigned long long)value : (unsigned long long)value,
			   value < 0, 10, false);
		break;
	case 'u':
		put_number(out, spec, unsigned_arg(spec, args), false, 10, false);
		break;
	case 'x':
	case 'X':
		put_number(out, spec, unsigned_arg(spec, args), false, 16, conv == 'X');
		break;
	case 'p':
		put(out, '0');
		put(out, 'x');
		put_number(out, spec, (uintptr_t)va_arg(*args, void *), false, 16, false);
		break;
	case 's':
		put_string(out, spec, va_arg(*args, const char *));
		break;
	case 'c':
		put(out, (char)va_arg(*args, int));
		break;
	case '%':
		put(out, '%');
		break;
	default:
		put(out, '%');
		if (conv) {
			put(out, conv);
		}
		break;
	}
}

int vsnprintf(char *buf, size_t size, const char *fmt, va_list args)
{
	struct sink out = {buf, size, 0};
	struct spec spec;
	va_list ap;

	va_copy(ap, args);
	while (*fmt) {
		if (*fmt != '%') {
			put(&out, *fmt++);
			continue;
		}
		fmt = parse_spec(fmt + 1, &spec, &ap);
		format_one(&out, *fmt, &spec, &ap);
		if (*fmt) {
			fmt++;
		}
	}
	va_end(ap);
	if (size) {
		buf[out.len < size ? out.len : size - 1] = '\0';
	}
	return (int)out.len;
}

int snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list args;
	int len;

	va_start(args, fmt);
	len = vsnprintf(buf, size, fmt, args);
	va_end(args);
	return len;
}
