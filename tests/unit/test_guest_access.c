/*
 * test_guest_access.c: copy_from_guest / copy_to_guest (core/guest_access.c) over the fake
 * guest address space.
 *
 * The core's part is the range check (below ARCH_GUEST_VA_LIMIT, no wrap) and turning a
 * short copy into -EFAULT; the fake arch's part is stopping at unmapped and read-only pages.
 */
#include <criterion/criterion.h>

#include "fake.h"

#include "arch/config.h"
#include "guest_access.h"
#include "public/errno.h"

#define VA 0x40000UL

alignas(4096) static uint8_t pages[3][PAGE_SIZE];

static void setup(void)
{
	fake_guest_unmap_all();
	fake_guest_map(VA, pages[0], true);
	fake_guest_map(VA + PAGE_SIZE, pages[1], true);
	fake_guest_map(VA + 3 * PAGE_SIZE, pages[2], false); /* VA + 2 pages is a hole */
}

TestSuite(guest_access, .init = setup);

Test(guest_access, copies_across_pages)
{
	char in[64];
	char out[64];

	memset(in, 'k', sizeof(in));
	cr_assert_eq(copy_to_guest(gvaddr(VA + PAGE_SIZE - 32), in, sizeof(in)), 0);
	cr_assert_eq(pages[0][PAGE_SIZE - 1], 'k');
	cr_assert_eq(pages[1][31], 'k');
	cr_assert_eq(pages[1][32], 0);
	cr_assert_eq(copy_from_guest(out, gvaddr(VA + PAGE_SIZE - 32), sizeof(out)), 0);
	cr_assert_eq(memcmp(in, out, sizeof(in)), 0);
}

Test(guest_access, unmapped_page_is_efault)
{
	char buf[16];

	cr_assert_eq(copy_from_guest(buf, gvaddr(VA + 2 * PAGE_SIZE), sizeof(buf)), -EFAULT);
	cr_assert_eq(copy_from_guest(buf, gvaddr(VA + 2 * PAGE_SIZE - 8), sizeof(buf)), -EFAULT);
	cr_assert_eq(copy_to_guest(gvaddr(VA + 2 * PAGE_SIZE - 8), buf, sizeof(buf)), -EFAULT);
	cr_assert_eq(copy_from_guest(buf, gvaddr(0), sizeof(buf)), -EFAULT, "NULL");
}

Test(guest_access, read_only_page)
{
	char buf[8] = "written";

	pages[2][0] = 'r';
	cr_assert_eq(copy_from_guest(buf, gvaddr(VA + 3 * PAGE_SIZE), 1), 0);
	cr_assert_eq(buf[0], 'r');
	cr_assert_eq(copy_to_guest(gvaddr(VA + 3 * PAGE_SIZE), buf, sizeof(buf)), -EFAULT);
	cr_assert_eq(pages[2][1], 0);
}

Test(guest_access, hypervisor_range_refused_even_when_mapped)
{
	char buf[8];

	cr_assert(fake_guest_map(ARCH_GUEST_VA_LIMIT, pages[0], true));
	cr_assert(fake_guest_map(ARCH_GUEST_VA_LIMIT - PAGE_SIZE, pages[1], true));
	cr_assert_eq(copy_from_guest(buf, gvaddr(ARCH_GUEST_VA_LIMIT), 1), -EFAULT);
	cr_assert_eq(copy_to_guest(gvaddr(ARCH_GUEST_VA_LIMIT), buf, 1), -EFAULT);
	cr_assert_eq(copy_from_guest(buf, gvaddr(ARCH_GUEST_VA_LIMIT - 4), 8), -EFAULT);
	cr_assert_eq(copy_from_guest(buf, gvaddr(ARCH_GUEST_VA_LIMIT - 8), 8), 0, "last bytes ok");
}

Test(guest_access, wrapping_ranges_refused)
{
	char buf[32];

	cr_assert_eq(copy_from_guest(buf, gvaddr(~(uintptr_t)0 - 4), sizeof(buf)), -EFAULT);
	cr_assert_eq(copy_to_guest(gvaddr(VA), buf, SIZE_MAX), -EFAULT);
	cr_assert_eq(copy_from_guest(buf, gvaddr(VA), SIZE_MAX - VA + 1), -EFAULT);
}

Test(guest_access, empty_copy_succeeds)
{
	cr_assert_eq(copy_from_guest(NULL, gvaddr(VA + 2 * PAGE_SIZE), 0), 0);
	cr_assert_eq(copy_to_guest(gvaddr(ARCH_GUEST_VA_LIMIT), NULL, 0), 0);
	cr_assert_eq(copy_to_guest(gvaddr(ARCH_GUEST_VA_LIMIT + 1), NULL, 0), -EFAULT);
}
