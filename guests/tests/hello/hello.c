/*
 * hello.c: the first conformance tests, one source for both arches.
 *
 * Domain 0 starts, talks on the console, reads the hypervisor's version, sees an unknown
 * hypercall refused with -ENOSYS (and carries on), and sees console_io refuse pointers it
 * may not name with -EFAULT.
 */
#include "lib.h"
#include "test.h"

TEST(hello)
{
	long version = HYPERVISOR_xen_version(XENVER_version, NULL);

	printf("Hello from domain 0 on %s, Xen interface %ld.%ld\n", guest_arch_name, version >> 16,
	       version & 0xffff);
	EXPECT_TRUE(version >= (4L << 16));
	EXPECT_EQ(strncmp(start_info->magic, "xen-3.0-", 8), 0);
	EXPECT_TRUE(start_info->flags & SIF_INITDOMAIN);
	EXPECT_TRUE(start_info->flags & SIF_PRIVILEGED);
	EXPECT_EQ(HYPERVISOR_xen_version(XENVER_pagesize, NULL), 4096);
}

TEST(start_info_layout)
{
	unsigned long *p2m = (unsigned long *)start_info->mfn_list;

	EXPECT_TRUE(start_info->nr_pages >= 256);
	EXPECT_TRUE(start_info->nr_pt_frames >= 1);
	EXPECT_TRUE(start_info->pt_base > (unsigned long)start_info);
	EXPECT_EQ(start_info->pt_base % 4096, 0);
	EXPECT_EQ(start_info->mfn_list % 4096, 0);
	EXPECT_TRUE(start_info->shared_info != 0);
	/* Every pfn has a distinct machine frame. */
	EXPECT_NE(p2m[0], p2m[1]);
	EXPECT_NE(p2m[0], p2m[start_info->nr_pages - 1]);
}

TEST(hypercall_unknown_enosys)
{
	EXPECT_EQ(hypercall0(63), -ENOSYS);
	EXPECT_EQ(hypercall0(__HYPERVISOR_set_timer_op + 44), -ENOSYS);
	EXPECT_EQ(hypercall5(2000, 1, 2, 3, 4, 5), -ENOSYS);
	EXPECT_EQ(hypercall1(~0UL, 0), -ENOSYS);
	/* The guest carries on: a real hypercall still works afterwards. */
	EXPECT_EQ(HYPERVISOR_console_io(CONSOLEIO_write, 10, "continued\n"), 0);
}

TEST(xen_version_commands)
{
	char extra[16] = {0};
	char caps[1024] = {0};
	struct xen_feature_info features = {.submap_idx = 0};

	EXPECT_EQ(HYPERVISOR_xen_version(XENVER_extraversion, extra), 0);
	EXPECT_EQ(strcmp(extra, "-ringo"), 0);
	EXPECT_EQ(HYPERVISOR_xen_version(XENVER_capabilities, caps), 0);
	EXPECT_EQ(strncmp(caps, "xen-3.0-", 8), 0);
	EXPECT_EQ(HYPERVISOR_xen_version(XENVER_get_features, &features), 0);
	EXPECT_EQ(HYPERVISOR_xen_version(99, NULL), -ENOSYS);
	EXPECT_EQ(HYPERVISOR_xen_version(XENVER_extraversion, (void *)guest_arch_unmapped_va),
		  -EFAULT);
	EXPECT_EQ(HYPERVISOR_xen_version(XENVER_extraversion, (void *)guest_arch_hypervisor_va),
		  -EFAULT);
}

TEST(console_io_bad_pointers)
{
	EXPECT_EQ(HYPERVISOR_console_io(CONSOLEIO_write, 16, (void *)guest_arch_unmapped_va),
		  -EFAULT);
	EXPECT_EQ(HYPERVISOR_console_io(CONSOLEIO_write, 16, (void *)guest_arch_hypervisor_va),
		  -EFAULT);
	/* A range that starts in guest memory and runs into the hypervisor's. */
	EXPECT_EQ(
	    HYPERVISOR_console_io(CONSOLEIO_write, 64, (void *)(guest_arch_hypervisor_va - 8)),
	    -EFAULT);
	/* A range that wraps around the top of the address space. */
	EXPECT_EQ(HYPERVISOR_console_io(CONSOLEIO_write, 0x100, (void *)(~0UL - 0x10)), -EFAULT);
	/* A count of 2^31 from just below the hypervisor's range. */
	EXPECT_EQ(HYPERVISOR_console_io(CONSOLEIO_write, 0x80000000UL,
					(void *)(guest_arch_hypervisor_va - 0x100)),
		  -EFAULT);
	EXPECT_EQ(HYPERVISOR_console_io(CONSOLEIO_write, 0, (void *)guest_arch_unmapped_va), 0);
	EXPECT_EQ(HYPERVISOR_console_io(99, 1, "x"), -ENOSYS);
	EXPECT_EQ(HYPERVISOR_console_io(CONSOLEIO_write, 14, "still running\n"), 0);
}

TEST(sched_op_bad_arguments)
{
	struct sched_shutdown bad_reason = {.reason = 77};

	EXPECT_EQ(HYPERVISOR_sched_op(SCHEDOP_shutdown, (void *)guest_arch_unmapped_va), -EFAULT);
	EXPECT_EQ(HYPERVISOR_sched_op(SCHEDOP_shutdown, (void *)guest_arch_hypervisor_va), -EFAULT);
	EXPECT_EQ(HYPERVISOR_sched_op(SCHEDOP_shutdown, &bad_reason), -EINVAL);
	EXPECT_EQ(HYPERVISOR_sched_op(1234, NULL), -ENOSYS);
}

TEST(shutdown_crash)
{
	/* The domain asks to be stopped as crashed: the machine reports a crash. */
	test_expect_crash();
	guest_shutdown(SHUTDOWN_crash);
}

TEST(hypervisor_entry_counter)
{
	long before = ringo_hypervisor_entries();
	long after;

	EXPECT_TRUE(before >= 1);
	/* Two hypercalls in between: the counter sees exactly those and its own read. */
	HYPERVISOR_xen_version(XENVER_version, NULL);
	HYPERVISOR_xen_version(XENVER_pagesize, NULL);
	after = ringo_hypervisor_entries();
	EXPECT_EQ(after - before, 3);
	EXPECT_EQ(hypercall1(__HYPERVISOR_ringo_debug, 99), -ENOSYS);
}
