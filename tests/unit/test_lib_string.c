/*
 * test_lib_string.c: Ringo's string routines (core/lib/string.c), under their host names.
 *
 * The core relies on these for every guest-visible string (strlcpy into start_info,
 * strtoul for command-line numbers), so their edge cases are pinned down here.
 */
#include <criterion/criterion.h>

#include "fake.h"

Test(string, strtoul_bases_and_end)
{
	char *end;

	cr_assert_eq(strtoul("12345", &end, 10), 12345);
	cr_assert_eq(*end, '\0');
	cr_assert_eq(strtoul("  42rest", &end, 10), 42);
	cr_assert_str_eq(end, "rest");
	cr_assert_eq(strtoul("0x1fG", &end, 0), 0x1f);
	cr_assert_str_eq(end, "G");
	cr_assert_eq(strtoul("0XAB", &end, 16), 0xab);
	cr_assert_eq(strtoul("ff", &end, 16), 0xff);
	cr_assert_eq(strtoul("017", &end, 0), 017);
	cr_assert_eq(strtoul("0", &end, 0), 0);
	cr_assert_eq(*end, '\0');
	cr_assert_eq(strtoul("zz", &end, 36), 35 * 36 + 35);
	cr_assert_eq(strtoul("18446744073709551615", &end, 10), 18446744073709551615UL);
	cr_assert_eq(strtoul("1010", NULL, 2), 10);
}

Test(string, strtoul_no_digits)
{
	const char *text = "xyz";
	char *end;

	cr_assert_eq(strtoul(text, &end, 10), 0);
	cr_assert_eq(end, text);
	/* "0x" without a hex digit is the number 0 followed by "x". */
	cr_assert_eq(strtoul("0xg", &end, 0), 0);
	cr_assert_str_eq(end, "xg");
	cr_assert_eq(strtoul("9", &end, 8), 0);
	cr_assert_str_eq(end, "9");
}

Test(string, strlcpy_truncates_and_terminates)
{
	char buf[8];

	memset(buf, '#', sizeof(buf));
	cr_assert_eq(strlcpy(buf, "abc", sizeof(buf)), 3);
	cr_assert_str_eq(buf, "abc");
	cr_assert_eq(strlcpy(buf, "0123456789", sizeof(buf)), 10);
	cr_assert_str_eq(buf, "0123456");
	buf[0] = '#';
	cr_assert_eq(strlcpy(buf, "abc", 0), 3);
	cr_assert_eq(buf[0], '#');
}

Test(string, memmove_overlaps_both_ways)
{
	char buf[16] = "0123456789";

	memmove(buf + 2, buf, 5);
	cr_assert_str_eq(buf, "0101234789");
	memmove(buf, buf + 3, 5);
	cr_assert_str_eq(buf, "1234734789");
}

Test(string, memset_memcpy_memcmp_memchr)
{
	unsigned char a[8];
	unsigned char b[8];

	cr_assert_eq(memset(a, 0x7f, sizeof(a)), a);
	cr_assert_eq(memcpy(b, a, sizeof(b)), b);
	cr_assert_eq(memcmp(a, b, sizeof(a)), 0);
	b[5] = 0x80;
	cr_assert_lt(memcmp(a, b, sizeof(a)), 0, "bytes compare unsigned");
	cr_assert_eq(memcmp(a, b, 5), 0);
	cr_assert_eq(memchr(b, 0x80, sizeof(b)), b + 5);
	cr_assert_null(memchr(b, 0x80, 5));
}

#define AREA 256
#define SPAN 48 /* lengths and offsets: several rounds of words, with tails */

static unsigned char area[AREA] __attribute__((aligned(16)));
static unsigned char expected[AREA];

static void area_fill(void)
{
	for (size_t i = 0; i < AREA; i++) {
		area[i] = expected[i] = (unsigned char)(i * 7 + 1);
	}
}

/* What memmove must do, done with a copy on the side. */
static void expected_move(size_t to, size_t from, size_t len)
{
	unsigned char saved[AREA];

	for (size_t i = 0; i < len; i++) {
		saved[i] = expected[from + i];
	}
	for (size_t i = 0; i < len; i++) {
		expected[to + i] = saved[i];
	}
}

/* Every length and alignment up to a few rounds of words: the word paths and their tails. */
Test(string, word_paths_match_byte_by_byte)
{
	for (size_t at = 0; at < 16; at++) {
		for (size_t len = 0; len < SPAN; len++) {
			area_fill();
			memset(area + at, 0xa5, len);
			for (size_t i = 0; i < len; i++) {
				expected[at + i] = 0xa5;
			}
			cr_assert_eq(memcmp(area, expected, AREA), 0, "memset %zu+%zu", at, len);
			for (size_t to = 0; to < 16; to++) {
				area_fill();
				memcpy(area + 128 + to, area + at, len);
				expected_move(128 + to, at, len);
				memmove(area + to, area + at, len);
				expected_move(to, at, len);
				cr_assert_eq(memcmp(area, expected, AREA), 0,
					     "%zu to %zu, %zu bytes", at, to, len);
			}
		}
	}
}

Test(string, compare_and_search)
{
	const char *text = "a/b/c";

	cr_assert_eq(strlen(""), 0);
	cr_assert_eq(strnlen("abcdef", 3), 3);
	cr_assert_eq(strnlen("ab", 10), 2);
	cr_assert_eq(strcmp("abc", "abc"), 0);
	cr_assert_lt(strcmp("abc", "abd"), 0);
	cr_assert_gt(strcmp("abc", "ab"), 0);
	cr_assert_gt(strcmp("\xff", "a"), 0, "chars compare unsigned");
	cr_assert_eq(strncmp("abcX", "abcY", 3), 0);
	cr_assert_lt(strncmp("ab", "abc", 5), 0);
	cr_assert_eq(strchr(text, '/'), text + 1);
	cr_assert_eq(strrchr(text, '/'), text + 3);
	cr_assert_eq(strchr(text, '\0'), text + 5);
	cr_assert_null(strchr(text, 'z'));
	cr_assert_null(strrchr(text, 'z'));
}
