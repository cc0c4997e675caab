/*
 * test_vsnprintf.c: Ringo's formatter (core/lib/vsnprintf.c), not glibc's.
 *
 * fake.h maps snprintf/vsnprintf to ringo_snprintf/ringo_vsnprintf, so every call here runs
 * Ringo's code; the "%p of NULL" case ("0x0", where glibc prints "(nil)") proves it. Each
 * case checks both the text and the returned length.
 */
#include <criterion/criterion.h>
#include <limits.h>

#include "fake.h"

static char out[256];
static const char *volatile null_string; /* NULL, hidden from gcc's format checks */

#define CHECK_FORMAT(expected, ...)                                                           \
	do {                                                                                  \
		int len_ = snprintf(out, sizeof(out), __VA_ARGS__);                           \
		cr_assert_str_eq(out, expected);                                              \
		cr_assert_eq(len_, (int)strlen(expected), "length %d for \"%s\"", len_, out); \
	} while (0)

Test(formatter, is_ringos_formatter)
{
	cr_assert_eq((void *)snprintf, (void *)ringo_snprintf);
	CHECK_FORMAT("0x0", "%p", (void *)0);
}

Test(formatter, literal_text_and_percent)
{
	CHECK_FORMAT("plain text", "plain text");
	CHECK_FORMAT("100%", "100%%");
}

Test(formatter, signed_decimal)
{
	CHECK_FORMAT("0", "%d", 0);
	CHECK_FORMAT("42 -42", "%d %i", 42, -42);
	CHECK_FORMAT("-2147483648", "%d", INT_MIN);
	CHECK_FORMAT("2147483647", "%i", INT_MAX);
	CHECK_FORMAT("-9223372036854775808", "%ld", LONG_MIN);
	CHECK_FORMAT("-9223372036854775808", "%lld", LLONG_MIN);
	CHECK_FORMAT("9223372036854775807", "%lli", LLONG_MAX);
}

Test(formatter, unsigned_and_hex)
{
	CHECK_FORMAT("4294967295", "%u", UINT_MAX);
	CHECK_FORMAT("18446744073709551615", "%lu", ULONG_MAX);
	CHECK_FORMAT("deadbeef DEADBEEF", "%x %X", 0xdeadbeefU, 0xdeadbeefU);
	CHECK_FORMAT("0", "%x", 0U);
	CHECK_FORMAT("ffffffffffffffff", "%llx", ULLONG_MAX);
	CHECK_FORMAT("123456789abcdef0", "%lx", 0x123456789abcdef0UL);
	CHECK_FORMAT("18446744073709551615 ffffffffffffffff", "%zu %zx", SIZE_MAX, SIZE_MAX);
	CHECK_FORMAT("beef", "%hx", 0xbeef);
}

Test(formatter, pointer)
{
	CHECK_FORMAT("0x1234", "%p", (void *)0x1234);
	CHECK_FORMAT("0xffff800000001000", "%p", (void *)0xffff800000001000UL);
}

Test(formatter, strings_and_chars)
{
	CHECK_FORMAT("abc", "%s", "abc");
	CHECK_FORMAT("(null)", "%s", null_string);
	CHECK_FORMAT("A-z", "%c-%c", 'A', 'z');
	CHECK_FORMAT("ab", "%.2s", "abcdef");
	CHECK_FORMAT("abc", "%.*s", 3, "abcdef");
	CHECK_FORMAT("", "%.0s", "abc");
	CHECK_FORMAT("  abc", "%5s", "abc");
	CHECK_FORMAT("abc  |", "%-5s|", "abc");
	CHECK_FORMAT("abcdef", "%3s", "abcdef");
	CHECK_FORMAT("   ab", "%5.2s", "abcdef");
}

Test(formatter, precision_reads_only_what_it_prints)
{
	/* Not terminated: the precision must stop the read (ASan would catch an overread). */
	static const char unterminated[3] = {'x', 'y', 'z'};

	CHECK_FORMAT("xyz", "%.3s", unterminated);
}

Test(formatter, width_and_flags)
{
	CHECK_FORMAT("   42", "%5d", 42);
	CHECK_FORMAT("42   |", "%-5d|", 42);
	CHECK_FORMAT("00042", "%05d", 42);
	CHECK_FORMAT("-0042", "%05d", -42);
	CHECK_FORMAT("  -42", "%5d", -42);
	CHECK_FORMAT("     7", "%*d", 6, 7);
	CHECK_FORMAT("0000beef", "%08x", 0xbeefU);
	CHECK_FORMAT("123456", "%3d", 123456);
}

Test(formatter, precision_of_numbers)
{
	CHECK_FORMAT("007", "%.3d", 7);
	CHECK_FORMAT("-0005", "%.*d", 4, -5);
	CHECK_FORMAT("     00a", "%8.3x", 0xaU);
	CHECK_FORMAT("12345", "%.2d", 12345);
}

Test(formatter, mixed_arguments_in_order)
{
	CHECK_FORMAT("(d3) x=-1 y=ff s=ok c=!", "(d%u) x=%d y=%x s=%s c=%c", 3U, -1, 255U, "ok",
		     '!');
	CHECK_FORMAT("1 2 3 4", "%d %ld %lld %zu", 1, 2L, 3LL, (size_t)4);
}

/* Formats the compiler would reject: gcc's format checking is off for this one test. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat"
#pragma GCC diagnostic ignored "-Wformat-zero-length"
Test(formatter, formats_gcc_warns_about)
{
	CHECK_FORMAT("", "");
	CHECK_FORMAT("-42  |", "%-05d|", -42); /* '-' wins over '0' */
	CHECK_FORMAT("%y", "%y");
	CHECK_FORMAT("abc%", "abc%");
}
#pragma GCC diagnostic pop

Test(formatter, truncation_returns_full_length)
{
	char small[8];

	memset(small, '#', sizeof(small));
	cr_assert_eq(snprintf(small, 5, "hello world"), 11);
	cr_assert_str_eq(small, "hell");
	cr_assert_eq(small[5], '#', "wrote past size");
	cr_assert_eq(snprintf(small, 4, "%d", 123456), 6);
	cr_assert_str_eq(small, "123");
	cr_assert_eq(snprintf(small, 4, "%6s", "ab"), 6);
	cr_assert_str_eq(small, "   ");
}

Test(formatter, exact_fit_and_size_one)
{
	char buf[6];

	cr_assert_eq(snprintf(buf, sizeof(buf), "%s", "abcde"), 5);
	cr_assert_str_eq(buf, "abcde");
	cr_assert_eq(snprintf(buf, 1, "%s", "abcde"), 5);
	cr_assert_str_eq(buf, "");
}

Test(formatter, size_zero_writes_nothing)
{
	char guard = '#';

	cr_assert_eq(snprintf(NULL, 0, "%d-%s", 1234, "xyz"), 8);
	cr_assert_eq(snprintf(&guard, 0, "abc"), 3);
	cr_assert_eq(guard, '#');
}

static int format_via_va_list(char *buf, size_t size, const char *fmt, ...)
{
	va_list args;
	int len;

	va_start(args, fmt);
	len = vsnprintf(buf, size, fmt, args);
	va_end(args);
	return len;
}

Test(formatter, va_list_entry_point)
{
	cr_assert_eq(format_via_va_list(out, sizeof(out), "%s:%d", "core", 17), 7);
	cr_assert_str_eq(out, "core:17");
}
