/*
 * test.c: the in-guest test runner (see test.h for the marker protocol).
 *
 * Runs the one test named by "test=<name>" on the command line; without it, every test of
 * the image in link order (useful by hand; the harness always names one).
 */
#include "test.h"
#include "lib.h"

extern const struct guest_test __start_ringo_tests[];
extern const struct guest_test __stop_ringo_tests[];

static const struct guest_test *current_test;
static unsigned int failure_count;

void test_fail(const char *file, int line, const char *fmt, ...)
{
	char what[256];
	va_list args;

	va_start(args, fmt);
	vsnprintf(what, sizeof(what), fmt, args);
	va_end(args);
	failure_count++;
	printf("RINGO-TEST: FAIL %s %s:%d: %s\n", current_test ? current_test->name : "?", file,
	       line, what);
}

void test_expect_crash(void)
{
	printf("RINGO-TEST: EXPECT-CRASH %s\n", current_test->name);
}

static void run_test(const struct guest_test *test)
{
	current_test = test;
	failure_count = 0;
	printf("RINGO-TEST: START %s\n", test->name);
	test->run();
	printf("RINGO-TEST: %s %s\n", failure_count ? "FAILED" : "PASS", test->name);
	current_test = NULL;
}

void guest_main(void)
{
	char wanted[64];
	bool named =
	    cmdline_get((const char *)start_info->cmd_line, "test", wanted, sizeof(wanted));
	bool found = false;

	for (const struct guest_test *t = __start_ringo_tests; t < __stop_ringo_tests; t++) {
		if (!named || !strcmp(t->name, wanted)) {
			run_test(t);
			found = true;
		}
	}
	if (!found) {
		printf("RINGO-TEST: FAILED %s: no such test in this image\n",
		       named ? wanted : "(none)");
	}
}
