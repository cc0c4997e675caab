/*
 * boot_layout.c: where the start-of-day pieces of a new domain go (ABI.md sections 3, 8).
 *
 * Above the kernel image, each page-aligned: the p2m list (one xen_pfn_t per page of the
 * domain), start_info, the bootstrap page tables, one page of boot stack; the whole is
 * mapped 1:1 from virt_base up to a 4 MiB boundary that leaves at least 512 KiB spare.
 * The page-table count depends on the mapped size and the mapped size on the count, so the
 * two are iterated to a fixed point (it grows monotonically and converges in a few steps).
 */
#include "arch/config.h"
#include "arch/domain_build.h"
#include "public/errno.h"

#define MAP_ALIGN (4UL << 20)
#define MAP_SPARE (512UL << 10)

static uint64_t page_round_up(uint64_t value)
{
	return round_up_u64(value, PAGE_SIZE);
}

static void layout_tail(struct boot_layout *layout, uint64_t pt_frames)
{
	layout->pt_frames = pt_frames;
	layout->stack_start = layout->pt_start + pt_frames * PAGE_SIZE;
	layout->map_end = round_up_u64(layout->stack_start + PAGE_SIZE + MAP_SPARE, MAP_ALIGN);
}

int boot_layout_compute(struct boot_layout *layout, uint64_t virt_base, uint64_t image_start,
			uint64_t image_end, uint64_t nr_pages)
{
	uint64_t pt_frames = 0;

	if (image_start < virt_base || image_end < image_start || virt_base % PAGE_SIZE ||
	    image_end > ARCH_GUEST_VA_LIMIT) {
		return -EINVAL;
	}
	/* The p2m list must fit below the limit; this also keeps nr_pages * 8 from wrapping. */
	if (nr_pages > ARCH_GUEST_VA_LIMIT / sizeof(xen_pfn_t)) {
		return -ENOMEM;
	}
	*layout = (struct boot_layout){.virt_base = virt_base};
	layout->image_start = round_down_u64(image_start, PAGE_SIZE);
	layout->image_end = page_round_up(image_end);
	layout->p2m_start = layout->image_end;
	layout->start_info = layout->p2m_start + page_round_up(nr_pages * sizeof(xen_pfn_t));
	layout->pt_start = layout->start_info + PAGE_SIZE;
	for (;;) {
		uint64_t needed;

		layout_tail(layout, pt_frames);
		if (layout->map_end > ARCH_GUEST_VA_LIMIT || layout->map_end < virt_base) {
			return -ENOMEM;
		}
		needed = arch_boot_pt_frames(virt_base, layout->map_end);
		if (needed <= pt_frames) {
			break;
		}
		pt_frames = needed;
	}
	if ((layout->map_end - virt_base) >> PAGE_SHIFT > nr_pages) {
		return -ENOMEM;
	}
	return 0;
}
