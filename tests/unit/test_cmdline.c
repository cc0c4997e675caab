/*
 * test_cmdline.c: command-line options and sizes (core/lib/cmdline.c).
 *
 * cmdline_get reads the guest's "test=<name>" and the hypervisor's "dom0_mem=16M";
 * parse_size turns the latter into bytes.
 */
#include <criterion/criterion.h>

#include "fake.h"

Test(cmdline, finds_each_option)
{
	char value[16];

	cr_assert(cmdline_get("a=1 bb=22 c=333", "a", value, sizeof(value)));
	cr_assert_str_eq(value, "1");
	cr_assert(cmdline_get("a=1 bb=22 c=333", "bb", value, sizeof(value)));
	cr_assert_str_eq(value, "22");
	cr_assert(cmdline_get("a=1 bb=22 c=333", "c", value, sizeof(value)));
	cr_assert_str_eq(value, "333");
}

Test(cmdline, names_must_match_whole)
{
	char value[16] = "unchanged";

	cr_assert_not(cmdline_get("bb=22", "b", value, sizeof(value)));
	cr_assert_not(cmdline_get("abc=1", "bc", value, sizeof(value)));
	cr_assert_not(cmdline_get("test", "test", value, sizeof(value)));
	cr_assert_not(cmdline_get("", "test", value, sizeof(value)));
	cr_assert_not(cmdline_get(NULL, "test", value, sizeof(value)));
	cr_assert_str_eq(value, "unchanged");
}

Test(cmdline, spaces_empty_values_and_first_wins)
{
	char value[16];

	cr_assert(cmdline_get("   x=1    test=hello   ", "test", value, sizeof(value)));
	cr_assert_str_eq(value, "hello");
	cr_assert(cmdline_get("a= b=2", "a", value, sizeof(value)));
	cr_assert_str_eq(value, "");
	cr_assert(cmdline_get("k=first k=second", "k", value, sizeof(value)));
	cr_assert_str_eq(value, "first");
	cr_assert(cmdline_get("k=a=b", "k", value, sizeof(value)));
	cr_assert_str_eq(value, "a=b");
}

Test(cmdline, value_truncated_to_buffer)
{
	char value[4] = "###";
	char guard[4] = "###";

	cr_assert(cmdline_get("name=abcdefgh", "name", value, sizeof(value)));
	cr_assert_str_eq(value, "abc");
	cr_assert_str_eq(guard, "###");
	cr_assert(cmdline_get("name=abcdefgh", "name", guard, 0), "found, even with no room");
	cr_assert_str_eq(guard, "###");
}

Test(cmdline, parse_size_suffixes)
{
	uint64_t bytes = 0;

	cr_assert(parse_size("16M", &bytes));
	cr_assert_eq(bytes, 16ULL << 20);
	cr_assert(parse_size("512k", &bytes));
	cr_assert_eq(bytes, 512ULL << 10);
	cr_assert(parse_size("2G", &bytes));
	cr_assert_eq(bytes, 2ULL << 30);
	cr_assert(parse_size("16m", &bytes));
	cr_assert_eq(bytes, 16ULL << 20);
	cr_assert(parse_size("4096", &bytes));
	cr_assert_eq(bytes, 4096);
	cr_assert(parse_size("0x1000", &bytes));
	cr_assert_eq(bytes, 0x1000);
	cr_assert(parse_size("0", &bytes));
	cr_assert_eq(bytes, 0);
}

Test(cmdline, parse_size_rejects_bad_syntax)
{
	uint64_t bytes = 77;

	cr_assert_not(parse_size("", &bytes));
	cr_assert_not(parse_size("M", &bytes));
	cr_assert_not(parse_size(" 16M", &bytes));
	cr_assert_not(parse_size("16MB", &bytes));
	cr_assert_not(parse_size("16 M", &bytes));
	cr_assert_not(parse_size("-1", &bytes));
	cr_assert_not(parse_size("12x", &bytes));
	cr_assert_eq(bytes, 77, "untouched on failure");
}
