/*
 * test_panic.c: panic, CHECK and the machine's last line (core/panic.c, shutdown.c), and
 * the fake arch's promise that an unexpected stop fails the test.
 */
#include <criterion/criterion.h>
#include <signal.h>

#include "fake.h"

#include "check.h"
#include "shutdown.h"

static void setup(void)
{
	fake_console_clear();
}

TestSuite(panic, .init = setup);

Test(panic, prints_reason_and_stops)
{
	FAKE_CATCH_ESCAPE(panic("lost %d frames in %s", 3, "the allocator"));
	cr_assert_eq(fake_escape_taken(), FAKE_ESCAPE_STOP);
	cr_assert_eq(fake_machine_status(), MACHINE_PANIC);
	cr_assert_str_eq(fake_console_text(),
			 "ringo: panic: lost 3 frames in the allocator\nringo: shutdown: panic\n");
}

static void check_positive(int value)
{
	CHECK(value > 0);
}

Test(panic, check_names_file_line_and_condition)
{
	check_positive(1);
	cr_assert_str_eq(fake_console_text(), "", "a true CHECK says nothing");
	FAKE_CATCH_ESCAPE(check_positive(0));
	cr_assert_eq(fake_machine_status(), MACHINE_PANIC);
	cr_assert(fake_console_contains("test_panic.c:"), "%s", fake_console_text());
	cr_assert(fake_console_contains(": check failed: value > 0\n"));
}

Test(panic, bug_on)
{
	FAKE_CATCH_ESCAPE(BUG_ON(1 + 1 == 2));
	cr_assert_eq(fake_machine_status(), MACHINE_PANIC);
	cr_assert(fake_console_contains("check failed: !(1 + 1 == 2)"));
}

Test(panic, machine_shutdown_last_line)
{
	FAKE_CATCH_ESCAPE(machine_shutdown(MACHINE_REBOOT));
	cr_assert_eq(fake_machine_status(), MACHINE_REBOOT);
	cr_assert_str_eq(fake_console_text(), "ringo: shutdown: reboot\n");
}

Test(panic, status_names)
{
	cr_assert_str_eq(machine_status_name(MACHINE_POWEROFF), "poweroff");
	cr_assert_str_eq(machine_status_name(MACHINE_CRASH), "crash");
	cr_assert_str_eq(machine_status_name(MACHINE_PANIC), "panic");
	cr_assert_str_eq(machine_status_name(MACHINE_REBOOT), "reboot");
	cr_assert_str_eq(machine_status_name((enum machine_status)42), "panic");
}

Test(panic, unexpected_stop_aborts_the_test, .signal = SIGABRT)
{
	panic("nobody is waiting for this");
}
