/*
 * test.h: the in-guest test framework.
 *
 * TEST(name) { ... } defines a test and registers it in the "ringo_tests" linker section
 * (the symbol ringo_test_desc_<name> lets the build list the tests of an image). The
 * harness boots a fresh machine per test with "test=<name>" on the guest command line; the
 * runner prints machine-readable markers on the console:
 *
 *   RINGO-TEST: START <name>
 *   RINGO-TEST: FAIL <name> <file>:<line>: <what>        (one per failed expectation)
 *   RINGO-TEST: PASS <name>   or   RINGO-TEST: FAILED <name>
 *   RINGO-TEST: EXPECT-CRASH <name>   (the test is about to be crashed by the hypervisor)
 *
 * then powers the domain off.
 */
#ifndef GUEST_TEST_H
#define GUEST_TEST_H

#include "guest.h"

struct guest_test {
	const char *name;
	void (*run)(void);
};

#define TEST(test_name)                                                                       \
	static void test_##test_name(void);                                                   \
	__attribute__((used, section("ringo_tests")))                                         \
	const struct guest_test ringo_test_desc_##test_name = {#test_name, test_##test_name}; \
	static void test_##test_name(void)

void test_fail(const char *file, int line, const char *fmt, ...) PRINTF_LIKE(3, 4);

/* Announces that the hypervisor is expected to crash this domain next. */
void test_expect_crash(void);

#define EXPECT_TRUE(cond)                                                    \
	do {                                                                 \
		if (!(cond)) {                                               \
			test_fail(__FILE__, __LINE__, "expected %s", #cond); \
		}                                                            \
	} while (0)

#define EXPECT_EQ(actual, expected)                                                               \
	do {                                                                                      \
		long long actual_ = (long long)(actual);                                          \
		long long expected_ = (long long)(expected);                                      \
		if (actual_ != expected_) {                                                       \
			test_fail(__FILE__, __LINE__, "%s == %lld, expected %s == %lld", #actual, \
				  actual_, #expected, expected_);                                 \
		}                                                                                 \
	} while (0)

#define EXPECT_NE(actual, unexpected)                                                       \
	do {                                                                                \
		long long actual_ = (long long)(actual);                                    \
		if (actual_ == (long long)(unexpected)) {                                   \
			test_fail(__FILE__, __LINE__, "%s == %lld, expected anything else", \
				  #actual, actual_);                                        \
		}                                                                           \
	} while (0)

#endif
