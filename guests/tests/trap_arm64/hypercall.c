/*
 * hypercall.c: the hypercall entry keeps the ABI (ABI.md section 8) on all of its paths.
 *
 * Ringo dispatches `hvc #0xEA1` straight from its exception entry when the number is in the
 * hypercall table and through the generic trap path otherwise; either way the result is in
 * x0, every other register comes back as it was, and the call counts as one hypervisor
 * entry.
 */
#include "trap_arm64.h"

#define UNLISTED_HYPERCALL 63	      /* inside the table, with no handler */
#define BEYOND_TABLE 64		      /* the first number past the table */
#define FAR_BEYOND_TABLE (1ULL << 40) /* a number no 32-bit compare could let through */

uint64_t hvc_registers_changed(uint64_t number, uint64_t arg0, long *result);

static void expect_preserved(uint64_t number, uint64_t arg0, long expected)
{
	long result = 0;
	uint64_t changed = hvc_registers_changed(number, arg0, &result);

	if (changed) {
		test_fail(__FILE__, __LINE__, "hypercall %lu changed registers (mask 0x%lx)",
			  (unsigned long)number, (unsigned long)changed);
	}
	EXPECT_EQ(result, expected);
}

TEST(trap_hvc_preserves_registers)
{
	long version = HYPERVISOR_xen_version(XENVER_version, NULL);

	EXPECT_TRUE(version > 0);
	expect_preserved(__HYPERVISOR_xen_version, XENVER_version, version);
	expect_preserved(UNLISTED_HYPERCALL, 0, -ENOSYS);
	expect_preserved(BEYOND_TABLE, 0, -ENOSYS);
	expect_preserved(FAR_BEYOND_TABLE, 0, -ENOSYS);
	still_running();
}

TEST(trap_hvc_entries_counted)
{
	long before = ringo_hypervisor_entries();
	long after;

	EXPECT_EQ(hypercall0(UNLISTED_HYPERCALL), -ENOSYS);
	EXPECT_EQ(hypercall0(BEYOND_TABLE), -ENOSYS);
	EXPECT_TRUE(HYPERVISOR_xen_version(XENVER_version, NULL) > 0);
	after = ringo_hypervisor_entries();
	/* Three calls and the second reading. */
	EXPECT_EQ(after - before, 4);
}
