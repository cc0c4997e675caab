/*
 * test_boot_layout.c: the start-of-day layout of a new domain (core/boot_layout.c).
 *
 * The fake arch needs 1 + (mapped MiB) page-table frames, so the expected figures below are
 * easy to work out by hand: with virt_base on a MiB boundary and the mapping ending at
 * 4 MiB, the tables take 5 frames.
 */
#include <criterion/criterion.h>

#include "fake.h"

#include "arch/config.h"
#include "arch/domain_build.h"
#include "domain_build.h"
#include "public/errno.h"

#define KIB (1ULL << 10)
#define MIB (1ULL << 20)
#define VB 0xC0000000ULL

static struct boot_layout layout;

static void check_invariants(uint64_t image_start, uint64_t image_end, uint64_t nr_pages)
{
	const struct boot_layout *l = &layout;

	cr_assert_eq(l->image_start, round_down_u64(image_start, PAGE_SIZE));
	cr_assert_eq(l->image_end, round_up_u64(image_end, PAGE_SIZE));
	cr_assert_leq(l->virt_base, l->image_start);
	cr_assert_eq(l->p2m_start, l->image_end);
	cr_assert_geq(l->start_info, l->p2m_start + nr_pages * sizeof(xen_pfn_t));
	cr_assert_eq(l->pt_start, l->start_info + PAGE_SIZE);
	cr_assert_eq(l->stack_start, l->pt_start + l->pt_frames * PAGE_SIZE);
	cr_assert_geq(l->pt_frames, arch_boot_pt_frames(l->virt_base, l->map_end));
	cr_assert_geq(l->map_end, l->stack_start + PAGE_SIZE + 512 * KIB, "512 KiB spare");
	cr_assert_lt(l->map_end - 4 * MIB, l->stack_start + PAGE_SIZE + 512 * KIB,
		     "the smallest 4 MiB boundary with the spare");
	cr_assert_eq(l->map_end % (4 * MIB), 0);
	cr_assert_leq(l->map_end, ARCH_GUEST_VA_LIMIT);
	cr_assert_leq((l->map_end - l->virt_base) / PAGE_SIZE, nr_pages);
	cr_assert_eq(l->p2m_start % PAGE_SIZE, 0);
	cr_assert_eq(l->start_info % PAGE_SIZE, 0);
}

Test(boot_layout, figures_for_a_small_kernel)
{
	cr_assert_eq(boot_layout_compute(&layout, VB, VB, VB + 0x5000, 2048), 0);
	cr_assert_eq(layout.virt_base, VB);
	cr_assert_eq(layout.image_start, VB);
	cr_assert_eq(layout.image_end, VB + 0x5000);
	cr_assert_eq(layout.p2m_start, VB + 0x5000);
	cr_assert_eq(layout.start_info, VB + 0x9000, "2048 entries of 8 bytes: 4 pages");
	cr_assert_eq(layout.pt_start, VB + 0xA000);
	cr_assert_eq(layout.pt_frames, 6, "the fake L3, one L2 and four 1 MiB L1s");
	cr_assert_eq(layout.stack_start, VB + 0x10000);
	cr_assert_eq(layout.map_end, VB + 4 * MIB);
	check_invariants(VB, VB + 0x5000, 2048);
}

Test(boot_layout, unaligned_image_rounded_out)
{
	cr_assert_eq(boot_layout_compute(&layout, VB, VB + 0x1123, VB + 0x4001, 2048), 0);
	cr_assert_eq(layout.image_start, VB + 0x1000);
	cr_assert_eq(layout.image_end, VB + 0x5000);
	check_invariants(VB + 0x1123, VB + 0x4001, 2048);
}

Test(boot_layout, spare_rule_at_the_boundary)
{
	/* Stack end = image_end + 12 pages (4 p2m, 1 start_info, 6 tables, 1 stack). */
	uint64_t fits = VB + 4 * MIB - 512 * KIB - 12 * PAGE_SIZE;

	cr_assert_eq(boot_layout_compute(&layout, VB, VB, fits, 2048), 0);
	cr_assert_eq(layout.map_end, VB + 4 * MIB, "exactly 512 KiB spare is enough");
	check_invariants(VB, fits, 2048);
	cr_assert_eq(boot_layout_compute(&layout, VB, VB, fits + 1, 2048), 0);
	cr_assert_eq(layout.map_end, VB + 8 * MIB, "one byte more needs the next 4 MiB");
	cr_assert_eq(layout.pt_frames, 10);
	check_invariants(VB, fits + 1, 2048);
}

Test(boot_layout, many_shapes_keep_the_invariants)
{
	static const uint64_t bases[] = {0, 0x400000, VB, VB + 0x3000};
	static const uint64_t sizes[] = {1, 0x1000, 0x12345, 3 * MIB + 17, 9 * MIB};
	static const uint64_t pages[] = {4096, 8192, 65536};

	for (unsigned int i = 0; i < ARRAY_SIZE(bases); i++) {
		for (unsigned int j = 0; j < ARRAY_SIZE(sizes); j++) {
			for (unsigned int k = 0; k < ARRAY_SIZE(pages); k++) {
				uint64_t end = bases[i] + sizes[j];
				int rc =
				    boot_layout_compute(&layout, bases[i], bases[i], end, pages[k]);

				cr_assert_eq(rc, 0, "base %#llx size %#llx pages %llu",
					     (unsigned long long)bases[i],
					     (unsigned long long)sizes[j],
					     (unsigned long long)pages[k]);
				check_invariants(bases[i], end, pages[k]);
			}
		}
	}
}

Test(boot_layout, too_little_memory)
{
	cr_assert_eq(boot_layout_compute(&layout, VB, VB, VB + 0x5000, 1024), 0);
	cr_assert_eq(layout.map_end, VB + 4 * MIB);
	cr_assert_eq(boot_layout_compute(&layout, VB, VB, VB + 0x5000, 1023), -ENOMEM);
	cr_assert_eq(boot_layout_compute(&layout, VB, VB, VB + 6 * MIB, 1024), -ENOMEM);
	cr_assert_eq(boot_layout_compute(&layout, VB, VB, VB + 0x5000, 0), -ENOMEM);
}

Test(boot_layout, mapping_past_the_guest_limit)
{
	uint64_t end = ARCH_GUEST_VA_LIMIT - PAGE_SIZE;

	cr_assert_eq(boot_layout_compute(&layout, end - MIB, end - MIB, end, 1 << 20), -ENOMEM);
}

Test(boot_layout, huge_page_counts_do_not_wrap)
{
	/* nr_pages * 8 wraps to 0 here; a layout with a 0-byte p2m list would be a lie. */
	cr_assert_eq(boot_layout_compute(&layout, VB, VB, VB + 0x5000, 1ULL << 61), -ENOMEM);
	cr_assert_eq(boot_layout_compute(&layout, VB, VB, VB + 0x5000, UINT64_MAX), -ENOMEM);
	cr_assert_eq(boot_layout_compute(&layout, 0, 0, 0x5000, (1ULL << 61) + 1024), -ENOMEM);
}

Test(boot_layout, misplaced_images_refused)
{
	cr_assert_eq(boot_layout_compute(&layout, VB, VB - PAGE_SIZE, VB + 0x5000, 2048), -EINVAL,
		     "image below virt_base");
	cr_assert_eq(boot_layout_compute(&layout, VB, VB + 0x5000, VB, 2048), -EINVAL,
		     "end before start");
	cr_assert_eq(boot_layout_compute(&layout, VB + 0x800, VB + 0x1000, VB + 0x5000, 2048),
		     -EINVAL, "virt_base not page-aligned");
	cr_assert_eq(boot_layout_compute(&layout, VB, VB, ARCH_GUEST_VA_LIMIT + 1, 1 << 20),
		     -EINVAL, "image past the guest limit");
}
