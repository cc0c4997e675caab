/*
 * domain_build.c: the ARM64 part of building a domain (core/include/arch/domain_build.h).
 *
 * The bootstrap page tables are VMSAv8-64 stage-1 tables for TTBR0_EL1: 4 KiB granule,
 * 39-bit addresses, three levels. Frames at layout->pt_start hold, in order, the top table
 * (hardware level 1, what start_info.pt_base names), one level-2 table per gigabyte the
 * mapping touches, then one level-3 table per 2 MiB. Leaf entries map [virt_base, map_end)
 * to pfn 0.. as normal write-back inner-shareable memory (MAIR index 0), EL1 only, never
 * executable at EL0; the page-table frames themselves read-only, everything else
 * read-write. Stage 2 is off, so every descriptor holds a machine address. Descriptors are
 * made by the same vmsav8_pte_make the core's validator checks them against.
 */
#include "arch/domain_build.h"
#include "frame_alloc.h"
#include "plat/hvc_abi.h"
#include "plat/pt_format.h"
#include "plat/pte.h"

#define HVC_SLOT_MOVZ_X16 0xd2800010U /* movz x16, #imm16 (imm16 at bit 5) */
#define HVC_SLOT_HVC 0xd4000002U      /* hvc #imm16 (imm16 at bit 5) */
#define HVC_SLOT_RET 0xd65f03c0U      /* ret */

static uint64_t span(uint64_t start, uint64_t end, unsigned int shift)
{
	return ((end - 1) >> shift) - (start >> shift) + 1;
}

uint64_t arch_boot_pt_frames(uint64_t start, uint64_t end)
{
	if (end <= start) {
		return 1;
	}
	return 1 + span(start, end, PT_L1_SHIFT) + span(start, end, PT_L2_SHIFT);
}

struct pt_builder {
	struct domain *d;
	const struct boot_layout *layout;
	uint64_t first_pfn; /* pfn of the top table */
	uint64_t l2_first;  /* index (from the top table) of the first level-2 table */
	uint64_t l3_first;
};

static mfn_t pt_frame(const struct pt_builder *b, uint64_t index)
{
	return domain_pfn_to_mfn(b->d, pfn(b->first_pfn + index));
}

static uint64_t *pt_table(const struct pt_builder *b, uint64_t index)
{
	return frame_map(pt_frame(b, index));
}

static uint64_t table_descriptor(const struct pt_builder *b, uint64_t index, unsigned int level)
{
	return vmsav8_pte_make(pt_frame(b, index), level, 0).value;
}

static bool is_pt_frame(const struct pt_builder *b, uint64_t frame)
{
	return frame >= b->first_pfn && frame - b->first_pfn < b->layout->pt_frames;
}

static void map_page(const struct pt_builder *b, uint64_t va)
{
	uint64_t base = b->layout->virt_base;
	uint64_t l2_index = b->l2_first + (va >> PT_L1_SHIFT) - (base >> PT_L1_SHIFT);
	uint64_t l3_index = b->l3_first + (va >> PT_L2_SHIFT) - (base >> PT_L2_SHIFT);
	uint64_t frame = (va - base) >> PAGE_SHIFT;
	unsigned int flags = is_pt_frame(b, frame) ? 0 : PTE_MAKE_WRITABLE;

	pt_table(b, 0)[(va >> PT_L1_SHIFT) & PT_INDEX_MASK] = table_descriptor(b, l2_index, 3);
	pt_table(b, l2_index)[(va >> PT_L2_SHIFT) & PT_INDEX_MASK] =
	    table_descriptor(b, l3_index, 2);
	pt_table(b, l3_index)[(va >> PT_L3_SHIFT) & PT_INDEX_MASK] =
	    vmsav8_pte_make(domain_pfn_to_mfn(b->d, pfn(frame)), 1, flags).value;
}

maddr_t arch_boot_pt_build(struct domain *d, const struct boot_layout *layout)
{
	struct pt_builder b = {
	    .d = d,
	    .layout = layout,
	    .first_pfn = (layout->pt_start - layout->virt_base) >> PAGE_SHIFT,
	    .l2_first = 1,
	    .l3_first = 1 + span(layout->virt_base, layout->map_end, PT_L1_SHIFT),
	};

	for (uint64_t va = layout->virt_base; va < layout->map_end; va += PAGE_SIZE) {
		map_page(&b, va);
	}
	return mfn_to_maddr(pt_frame(&b, 0));
}

/* Slot n: movz x16, #n; hvc #0xEA1; ret (the same call the guest library makes inline). */
void arch_fill_hypercall_page(void *page)
{
	uint32_t *words = page;

	for (uint32_t n = 0; n < HYPERCALL_PAGE_SLOTS; n++) {
		uint32_t *slot = words + n * (HYPERCALL_PAGE_SLOT_SIZE / sizeof(uint32_t));

		slot[0] = HVC_SLOT_MOVZ_X16 | (n << 5);
		slot[1] = HVC_SLOT_HVC | ((uint32_t)RINGO_HVC_IMMEDIATE << 5);
		slot[2] = HVC_SLOT_RET;
	}
}
