/*
 * test_bootinfo.c: the boot_info append helpers (core/bootinfo.c).
 */
#include <criterion/criterion.h>

#include "fake.h"

#include "bootinfo.h"

static struct boot_info info;

static void setup(void)
{
	info = (struct boot_info){0};
}

TestSuite(bootinfo, .init = setup);

Test(bootinfo, ram_and_reserved_append_in_order)
{
	cr_assert(bootinfo_add_ram(&info, maddr(0x1000), 0x2000));
	cr_assert(bootinfo_add_ram(&info, maddr(0x100000), 0x5000));
	cr_assert(bootinfo_add_reserved(&info, maddr(0x3000), 0x10));
	cr_assert_eq(info.ram_count, 2);
	cr_assert_eq(maddr_value(info.ram[1].start), 0x100000);
	cr_assert_eq(info.ram[1].size, 0x5000);
	cr_assert_eq(info.reserved_count, 1);
	cr_assert_eq(maddr_value(info.reserved[0].start), 0x3000);
}

Test(bootinfo, empty_range_refused)
{
	cr_assert_not(bootinfo_add_ram(&info, maddr(0x1000), 0));
	cr_assert_not(bootinfo_add_reserved(&info, maddr(0x1000), 0));
	cr_assert_eq(info.ram_count, 0);
	cr_assert_eq(info.reserved_count, 0);
}

Test(bootinfo, full_tables_refuse_and_keep_contents)
{
	for (unsigned int i = 0; i < BOOT_MAX_RANGES; i++) {
		cr_assert(bootinfo_add_ram(&info, maddr(i * 0x10000), 0x1000));
	}
	cr_assert_not(bootinfo_add_ram(&info, maddr(0xdead0000), 0x1000));
	cr_assert_eq(info.ram_count, BOOT_MAX_RANGES);
	cr_assert_eq(maddr_value(info.ram[BOOT_MAX_RANGES - 1].start),
		     (BOOT_MAX_RANGES - 1) * 0x10000);
}

Test(bootinfo, module_is_recorded_and_reserved)
{
	cr_assert(bootinfo_add_module(&info, maddr(0x400000), 12345, "test=hello console=x"));
	cr_assert_eq(info.module_count, 1);
	cr_assert_eq(maddr_value(info.modules[0].start), 0x400000);
	cr_assert_eq(info.modules[0].size, 12345);
	cr_assert_str_eq(info.modules[0].cmdline, "test=hello console=x");
	cr_assert_eq(info.reserved_count, 1);
	cr_assert_eq(maddr_value(info.reserved[0].start), 0x400000);
	cr_assert_eq(info.reserved[0].size, 12345);
}

Test(bootinfo, module_cmdline_null_and_truncated)
{
	char long_line[BOOT_CMDLINE_MAX * 2];

	memset(long_line, 'x', sizeof(long_line) - 1);
	long_line[sizeof(long_line) - 1] = '\0';
	cr_assert(bootinfo_add_module(&info, maddr(0x1000), 1, NULL));
	cr_assert_str_eq(info.modules[0].cmdline, "");
	cr_assert(bootinfo_add_module(&info, maddr(0x2000), 1, long_line));
	cr_assert_eq(strlen(info.modules[1].cmdline), BOOT_CMDLINE_MAX - 1);
}

Test(bootinfo, module_table_full)
{
	for (unsigned int i = 0; i < BOOT_MAX_MODULES; i++) {
		cr_assert(bootinfo_add_module(&info, maddr(0x1000 * (i + 1)), 0x100, "m"));
	}
	cr_assert_not(bootinfo_add_module(&info, maddr(0x100000), 0x100, "extra"));
	cr_assert_eq(info.module_count, BOOT_MAX_MODULES);
	cr_assert_eq(info.reserved_count, BOOT_MAX_MODULES);
}
