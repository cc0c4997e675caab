/*
 * test_hypercall.c: hypercall dispatch and the portable handlers (core/hypercall.c,
 * console_io.c, version.c, sched_op.c), called as the arch calls them.
 *
 * The guest's address space is a few pages of a host buffer: GUEST_RW (two writable pages),
 * GUEST_RO (read-only), GUEST_HOLE (unmapped), and one page mapped at the guest VA limit to
 * show that the range check, not the mapping, refuses hypervisor addresses.
 */
#include <criterion/criterion.h>

#include "fake.h"

#include "arch/config.h"
#include "frame_alloc.h"
#include "hypercall.h"
#include "public/console_io.h"
#include "public/errno.h"
#include "public/sched.h"
#include "public/version.h"
#include "public/xen.h"

#define GUEST_RW 0x10000UL
#define GUEST_HOLE 0x12000UL
#define GUEST_RO 0x20000UL
#define GUEST_TOP (ARCH_GUEST_VA_LIMIT - PAGE_SIZE)

alignas(4096) static uint8_t guest_mem[5][PAGE_SIZE];
static struct domain *d0;
static uint64_t free_at_boot;

static void setup(void)
{
	fake_boot();
	free_at_boot = frame_free_count();
	d0 = domain_create(0, true);
	cr_assert_not_null(d0);
	fake_guest_map(GUEST_RW, guest_mem[0], true);
	fake_guest_map(GUEST_RW + PAGE_SIZE, guest_mem[1], true);
	fake_guest_map(GUEST_RO, guest_mem[2], false);
	fake_guest_map(GUEST_TOP, guest_mem[3], true);
	fake_guest_map(ARCH_GUEST_VA_LIMIT, guest_mem[4], true);
}

TestSuite(hypercall, .init = setup);

static long call(struct domain *d, unsigned long number, unsigned long a0, unsigned long a1,
		 unsigned long a2)
{
	struct hcall_args args = {.number = number, .arg = {a0, a1, a2, 0xbad, 0xbad, 0xbad}};

	return hypercall_dispatch(&d->vcpu[0], &args);
}

static uint8_t *guest_ptr(unsigned long va)
{
	return guest_mem[(va - GUEST_RW) / PAGE_SIZE] + va % PAGE_SIZE;
}

/* ---- dispatch ---- */

Test(hypercall, unknown_numbers_are_enosys)
{
	static const unsigned long numbers[] = {
	    __HYPERVISOR_set_trap_table,
	    __HYPERVISOR_grant_table_op,
	    6,
	    63,
	    64,
	    65,
	    1000,
	    0x7fffffffUL,
	    0x80000000UL,
	    ~0UL >> 1,
	    ~0UL - 1,
	    ~0UL,
	};

	for (unsigned int i = 0; i < ARRAY_SIZE(numbers); i++) {
		cr_assert_eq(call(d0, numbers[i], 1, 2, 3), -ENOSYS, "number %#lx", numbers[i]);
	}
	cr_assert_eq(fake_console_text()[0], '\0', "refusals are not logged");
}

/* ---- console_io ---- */

static long console_write(unsigned long count, unsigned long va)
{
	return call(d0, __HYPERVISOR_console_io, CONSOLEIO_write, count, va);
}

Test(hypercall, console_write_prefixes_lines)
{
	strcpy((char *)guest_ptr(GUEST_RW), "hello\nsecond line\n");
	cr_assert_eq(console_write(18, GUEST_RW), 0);
	cr_assert_str_eq(fake_console_text(), "(d0) hello\n(d0) second line\n");
}

Test(hypercall, console_write_buffers_partial_lines)
{
	strcpy((char *)guest_ptr(GUEST_RW), "abc");
	strcpy((char *)guest_ptr(GUEST_RW + 0x100), "def\r\n");
	cr_assert_eq(console_write(3, GUEST_RW), 0);
	cr_assert_str_eq(fake_console_text(), "", "no line yet");
	cr_assert_eq(console_write(5, GUEST_RW + 0x100), 0);
	cr_assert_str_eq(fake_console_text(), "(d0) abcdef\n", "\\r dropped");
}

Test(hypercall, console_write_across_pages)
{
	unsigned long start = GUEST_RW + PAGE_SIZE - 100;

	memset(guest_ptr(start), 'x', 200);
	guest_ptr(start)[199] = '\n';
	cr_assert_eq(console_write(200, start), 0);
	cr_assert(fake_console_contains("(d0) xxxxxxxx"));
	cr_assert_eq(strlen(fake_console_text()), 5 + 199 + 1);
}

Test(hypercall, console_write_unprintable_and_long_lines)
{
	memcpy(guest_ptr(GUEST_RW), "a\x1b[2Jb\x7f\n", 8);
	cr_assert_eq(console_write(8, GUEST_RW), 0);
	cr_assert_str_eq(fake_console_text(), "(d0) a?[2Jb?\n");
	fake_console_clear();
	memset(guest_ptr(GUEST_RW), 'y', 600);
	cr_assert_eq(console_write(600, GUEST_RW), 0);
	/* A line is flushed every 255 characters, each with its prefix. */
	cr_assert_eq(strlen(fake_console_text()), 2 * (5 + 255 + 1));
}

Test(hypercall, console_write_read_only_page_is_fine)
{
	strcpy((char *)guest_mem[2], "from ro\n");
	cr_assert_eq(console_write(8, GUEST_RO), 0);
	cr_assert_str_eq(fake_console_text(), "(d0) from ro\n");
}

Test(hypercall, console_write_bad_pointers)
{
	cr_assert_eq(console_write(16, GUEST_HOLE), -EFAULT, "unmapped");
	cr_assert_eq(console_write(16, ARCH_GUEST_VA_LIMIT), -EFAULT, "hypervisor range");
	cr_assert_eq(console_write(16, ARCH_GUEST_VA_LIMIT + 0x1000), -EFAULT);
	cr_assert_eq(console_write(64, ARCH_GUEST_VA_LIMIT - 8), -EFAULT, "runs into it");
	cr_assert_eq(console_write(0x100, ~0UL - 0x10), -EFAULT, "wraps");
	cr_assert_eq(console_write(~0UL, GUEST_RW), -EFAULT, "wraps by its length");
	cr_assert_eq(console_write(0, GUEST_HOLE), 0, "nothing to read");
	cr_assert(!fake_console_contains("(d0) "), "console: %s", fake_console_text());
}

Test(hypercall, console_write_stops_at_the_first_hole)
{
	/* As on Xen, what was copied before the fault has been written. */
	memset(guest_mem[0], 'p', PAGE_SIZE);
	memset(guest_mem[1], 'q', PAGE_SIZE);
	cr_assert_eq(console_write(0x80000000UL, GUEST_RW), -EFAULT, "runs off the mapping");
	cr_assert(fake_console_contains("(d0) ppp"));
	cr_assert(fake_console_contains("pqq"));
	fake_console_clear();
	cr_assert_eq(console_write(PAGE_SIZE + 1, GUEST_RW + PAGE_SIZE), -EFAULT, "into a hole");
}

Test(hypercall, console_write_last_guest_page)
{
	memcpy(guest_mem[3] + PAGE_SIZE - 4, "top\n", 4);
	cr_assert_eq(console_write(4, ARCH_GUEST_VA_LIMIT - 4), 0, "ends exactly at the limit");
	cr_assert_str_eq(fake_console_text(), "(d0) top\n");
}

Test(hypercall, console_other_commands)
{
	cr_assert_eq(call(d0, __HYPERVISOR_console_io, CONSOLEIO_read, 1, GUEST_RW), -ENOSYS);
	cr_assert_eq(call(d0, __HYPERVISOR_console_io, 99, 1, GUEST_RW), -ENOSYS);
	cr_assert_eq(call(d0, __HYPERVISOR_console_io, ~0UL, 1, GUEST_RW), -ENOSYS);
}

Test(hypercall, console_prefix_is_the_domain)
{
	struct domain *d7 = domain_create(7, false);

	strcpy((char *)guest_ptr(GUEST_RW), "seven\n");
	cr_assert_eq(call(d7, __HYPERVISOR_console_io, CONSOLEIO_write, 6, GUEST_RW), 0);
	cr_assert_str_eq(fake_console_text(), "(d7) seven\n");
}

/* ---- xen_version ---- */

static long version(unsigned long cmd, unsigned long va)
{
	return call(d0, __HYPERVISOR_xen_version, cmd, va, 0);
}

Test(hypercall, version_number)
{
	long value = version(XENVER_version, 0);

	cr_assert_eq(value >> 16, 4);
	cr_assert_eq(value & 0xffff, 19);
	cr_assert_eq(version(XENVER_pagesize, 0), 4096);
}

/* Checks a string result: text, then NULs up to size, and nothing written past size. */
static void check_string_out(unsigned long cmd, const char *text, size_t size)
{
	memset(guest_mem[0], 0xff, sizeof(guest_mem[0]) * 2);
	cr_assert_eq(version(cmd, GUEST_RW), 0, "command %lu", cmd);
	cr_assert_str_eq((char *)guest_ptr(GUEST_RW), text);
	for (size_t i = strlen(text); i < size; i++) {
		cr_assert_eq(guest_ptr(GUEST_RW)[i], 0, "command %lu byte %zu", cmd, i);
	}
	cr_assert_eq(guest_ptr(GUEST_RW)[size], 0xff, "command %lu wrote past %zu", cmd, size);
}

Test(hypercall, version_strings)
{
	check_string_out(XENVER_extraversion, "-ringo", sizeof(xen_extraversion_t));
	check_string_out(XENVER_capabilities, ARCH_CAPABILITIES, sizeof(xen_capabilities_info_t));
	check_string_out(XENVER_changeset, "ringo", sizeof(xen_changeset_info_t));
	check_string_out(XENVER_commandline, "", sizeof(xen_commandline_t));
}

Test(hypercall, version_compile_info)
{
	struct xen_compile_info *info = (struct xen_compile_info *)guest_ptr(GUEST_RW);

	cr_assert_eq(version(XENVER_compile_info, GUEST_RW), 0);
	cr_assert_eq(strncmp(info->compiler, "gcc", 3), 0);
	cr_assert_str_eq(info->compile_by, "ringo");
	cr_assert_neq(info->compile_date[0], '\0');
}

Test(hypercall, version_platform_parameters)
{
	struct xen_platform_parameters *params = (void *)guest_ptr(GUEST_RW);

	cr_assert_eq(version(XENVER_platform_parameters, GUEST_RW), 0);
	cr_assert_eq(params->virt_start, ARCH_HYPERVISOR_VIRT_START);
}

Test(hypercall, version_features)
{
	struct xen_feature_info *info = (void *)guest_ptr(GUEST_RW);

	*info = (struct xen_feature_info){.submap_idx = 0, .submap = 0xdead};
	cr_assert_eq(version(XENVER_get_features, GUEST_RW), 0);
	cr_assert_eq(info->submap, 1U << XENFEAT_pae_pgdir_above_4gb);
	*info = (struct xen_feature_info){.submap_idx = 1, .submap = 0xdead};
	cr_assert_eq(version(XENVER_get_features, GUEST_RW), 0);
	cr_assert_eq(info->submap, 0);
	cr_assert_eq(info->submap_idx, 1);
}

Test(hypercall, version_commandline_needs_privilege)
{
	struct domain *d1 = domain_create(1, false);

	cr_assert_eq(call(d1, __HYPERVISOR_xen_version, XENVER_commandline, GUEST_RW, 0), -EPERM);
}

Test(hypercall, version_bad_pointers)
{
	static const unsigned long commands[] = {
	    XENVER_extraversion,	XENVER_compile_info, XENVER_capabilities, XENVER_changeset,
	    XENVER_platform_parameters, XENVER_get_features, XENVER_commandline,
	};
	static const unsigned long bad[] = {GUEST_HOLE, GUEST_RO, ARCH_GUEST_VA_LIMIT,
					    ARCH_GUEST_VA_LIMIT - 4, ~0UL - 3};

	for (unsigned int i = 0; i < ARRAY_SIZE(commands); i++) {
		for (unsigned int j = 0; j < ARRAY_SIZE(bad); j++) {
			cr_assert_eq(version(commands[i], bad[j]), -EFAULT, "command %lu at %#lx",
				     commands[i], bad[j]);
		}
	}
	cr_assert_eq(guest_mem[2][0], 0, "read-only page untouched");
	cr_assert_eq(guest_mem[4][0], 0, "page past the limit untouched");
}

Test(hypercall, version_unknown_commands)
{
	cr_assert_eq(version(XENVER_guest_handle, GUEST_RW), -ENOSYS);
	cr_assert_eq(version(99, GUEST_RW), -ENOSYS);
	cr_assert_eq(version(~0UL, GUEST_RW), -ENOSYS);
}

/* ---- sched_op ---- */

static void put_reason(unsigned int reason)
{
	((struct sched_shutdown *)guest_ptr(GUEST_RW))->reason = reason;
}

static long sched_op(struct domain *d, unsigned long cmd, unsigned long va)
{
	return call(d, __HYPERVISOR_sched_op, cmd, va, 0);
}

/* Shuts domain 0 down with reason; returns the machine's status. */
static enum machine_status shutdown_d0(unsigned int reason)
{
	cr_assert_eq(domain_populate(d0, 64), 0);
	put_reason(reason);
	FAKE_CATCH_ESCAPE(sched_op(d0, SCHEDOP_shutdown, GUEST_RW));
	cr_assert_eq(fake_escape_taken(), FAKE_ESCAPE_STOP, "the machine must stop");
	cr_assert_eq(frame_free_count(), free_at_boot, "every frame returned");
	cr_assert_null(domain_lookup(0));
	cr_assert_eq(fake_vcpu_destroy_count(), 1);
	return fake_machine_status();
}

Test(hypercall, dom0_poweroff_stops_the_machine)
{
	cr_assert_eq(shutdown_d0(SHUTDOWN_poweroff), MACHINE_POWEROFF);
	cr_assert_str_eq(fake_console_text(),
			 "ringo: d0 shutdown: poweroff\nringo: shutdown: poweroff\n");
}

Test(hypercall, dom0_crash_is_a_machine_crash)
{
	cr_assert_eq(shutdown_d0(SHUTDOWN_crash), MACHINE_CRASH);
	cr_assert(fake_console_contains("ringo: d0 shutdown: crash\n"));
	cr_assert(fake_console_contains("ringo: shutdown: crash\n"));
}

Test(hypercall, dom0_reboot_and_watchdog)
{
	cr_assert_eq(shutdown_d0(SHUTDOWN_reboot), MACHINE_REBOOT);
	cr_assert(fake_console_contains("ringo: shutdown: reboot\n"));
}

Test(hypercall, dom0_watchdog_is_a_crash)
{
	cr_assert_eq(shutdown_d0(SHUTDOWN_watchdog), MACHINE_CRASH);
}

Test(hypercall, dom0_suspend_powers_off)
{
	cr_assert_eq(shutdown_d0(SHUTDOWN_suspend), MACHINE_POWEROFF);
}

Test(hypercall, shutdown_flushes_the_partial_line)
{
	strcpy((char *)guest_ptr(GUEST_RW + 0x100), "last words");
	cr_assert_eq(console_write(10, GUEST_RW + 0x100), 0);
	shutdown_d0(SHUTDOWN_poweroff);
	cr_assert_str_eq(fake_console_text(), "(d0) last words\nringo: d0 shutdown: poweroff\n"
					      "ringo: shutdown: poweroff\n");
}

Test(hypercall, domu_shutdown_leaves_the_machine_running)
{
	struct domain *d1 = domain_create(1, false);
	uint64_t before = frame_free_count();

	cr_assert_eq(domain_populate(d1, 32), 0);
	put_reason(SHUTDOWN_poweroff);
	FAKE_CATCH_ESCAPE(cr_assert_eq(sched_op(d1, SCHEDOP_shutdown, GUEST_RW), 0));
	cr_assert_eq(fake_escape_taken(), FAKE_ESCAPE_NONE);
	cr_assert_null(domain_lookup(1));
	cr_assert_not_null(domain_lookup(0));
	cr_assert_eq(frame_free_count(), before + 1, "its memory and shared_info returned");
	cr_assert(fake_console_contains("ringo: d1 shutdown: poweroff\n"));
}

Test(hypercall, shutdown_bad_arguments)
{
	put_reason(SHUTDOWN_watchdog + 1);
	cr_assert_eq(sched_op(d0, SCHEDOP_shutdown, GUEST_RW), -EINVAL);
	put_reason(~0U);
	cr_assert_eq(sched_op(d0, SCHEDOP_shutdown, GUEST_RW), -EINVAL);
	cr_assert_eq(sched_op(d0, SCHEDOP_shutdown, GUEST_HOLE), -EFAULT);
	cr_assert_eq(sched_op(d0, SCHEDOP_shutdown, ARCH_GUEST_VA_LIMIT), -EFAULT);
	cr_assert_eq(sched_op(d0, SCHEDOP_shutdown, ARCH_GUEST_VA_LIMIT - 2), -EFAULT);
	cr_assert_eq(sched_op(d0, SCHEDOP_shutdown, ~0UL - 1), -EFAULT);
	cr_assert_eq(sched_op(d0, 1234, GUEST_RW), -ENOSYS);
	cr_assert_eq(sched_op(d0, ~0UL, GUEST_RW), -ENOSYS);
	cr_assert_not_null(domain_lookup(0), "still alive");
}

Test(hypercall, domain_crash_stops_dom0_as_crashed)
{
	cr_assert_eq(domain_populate(d0, 16), 0);
	FAKE_CATCH_ESCAPE(domain_crash(d0, "bad %s at 0x%x", "trap", 0x1234));
	cr_assert_eq(fake_escape_taken(), FAKE_ESCAPE_STOP);
	cr_assert_eq(fake_machine_status(), MACHINE_CRASH);
	cr_assert_str_eq(fake_console_text(),
			 "ringo: d0 crashed: bad trap at 0x1234\n"
			 "ringo: d0 shutdown: crash\nringo: shutdown: crash\n");
	cr_assert_eq(frame_free_count(), free_at_boot);
}
