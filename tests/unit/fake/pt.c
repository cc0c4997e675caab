/*
 * pt.c (fake arch): the boot page tables, in a format no real MMU uses.
 *
 * The first frame at layout->pt_start is the root (struct fake_pt_root): a magic, the base
 * VA (virt_base rounded down to 1 MiB) and the frames of the leaves that follow it. Each
 * leaf maps 1 MiB with 256 16-byte entries. Mapping sizes, entry sizes and flag bits are
 * unlike x86 PAE and ARM64 alike, so a core that assumed either would fail here.
 */
#include "fake.h"

#include "arch/domain_build.h"
#include "arch/mm.h"
#include "check.h"
#include "frame_alloc.h"
#include "public/xen.h"

static uint64_t leaf_base(uint64_t va)
{
	return round_down_u64(va, FAKE_PT_LEAF_SPAN);
}

uint64_t arch_boot_pt_frames(uint64_t start, uint64_t end)
{
	return 1 + (round_up_u64(end, FAKE_PT_LEAF_SPAN) - leaf_base(start)) / FAKE_PT_LEAF_SPAN;
}

static void *pfn_page(struct domain *d, uint64_t pfn_index)
{
	mfn_t frame = domain_pfn_to_mfn(d, pfn(pfn_index));

	CHECK(mfn_is_valid(frame));
	return frame_map(frame);
}

static bool is_pt_page(const struct boot_layout *layout, uint64_t va)
{
	return va >= layout->pt_start && va < layout->pt_start + layout->pt_frames * PAGE_SIZE;
}

static void fill_leaf(struct domain *d, const struct boot_layout *layout, struct fake_pte *leaf,
		      uint64_t base)
{
	for (uint64_t i = 0; i < FAKE_PT_LEAF_ENTRIES; i++) {
		uint64_t va = base + i * PAGE_SIZE;
		mfn_t frame;

		if (va < layout->virt_base || va >= layout->map_end) {
			continue;
		}
		frame = domain_pfn_to_mfn(d, pfn((va - layout->virt_base) >> PAGE_SHIFT));
		CHECK(mfn_is_valid(frame));
		leaf[i] = (struct fake_pte){
		    .mfn = mfn_value(frame),
		    .flags = FAKE_PTE_PRESENT | (is_pt_page(layout, va) ? 0 : FAKE_PTE_WRITABLE),
		    .check = ~(uint32_t)mfn_value(frame),
		};
	}
}

maddr_t arch_boot_pt_build(struct domain *d, const struct boot_layout *layout)
{
	uint64_t root_pfn = (layout->pt_start - layout->virt_base) >> PAGE_SHIFT;
	struct fake_pt_root *root = pfn_page(d, root_pfn);
	uint64_t leaves = arch_boot_pt_frames(layout->virt_base, layout->map_end) - 1;

	CHECK(leaves <= FAKE_PT_MAX_LEAVES && leaves + 1 <= layout->pt_frames);
	root->magic = FAKE_PT_MAGIC;
	root->base = leaf_base(layout->virt_base);
	root->leaf_count = leaves;
	for (uint64_t i = 0; i < leaves; i++) {
		root->leaf_mfn[i] = mfn_value(domain_pfn_to_mfn(d, pfn(root_pfn + 1 + i)));
		fill_leaf(d, layout, pfn_page(d, root_pfn + 1 + i),
			  root->base + i * FAKE_PT_LEAF_SPAN);
	}
	return mfn_to_maddr(domain_pfn_to_mfn(d, pfn(root_pfn)));
}

bool fake_pt_translate(maddr_t root_addr, uint64_t va, mfn_t *frame, bool *writable)
{
	const struct fake_pt_root *root = arch_mm_maddr_to_virt(root_addr);
	const struct fake_pte *leaf;
	const struct fake_pte *entry;
	uint64_t index;

	if (root->magic != FAKE_PT_MAGIC || va < root->base ||
	    root->leaf_count > FAKE_PT_MAX_LEAVES) {
		return false;
	}
	index = (va - root->base) / FAKE_PT_LEAF_SPAN;
	if (index >= root->leaf_count) {
		return false;
	}
	leaf = arch_mm_maddr_to_virt(mfn_to_maddr(mfn(root->leaf_mfn[index])));
	entry = &leaf[(va % FAKE_PT_LEAF_SPAN) / PAGE_SIZE];
	if (!(entry->flags & FAKE_PTE_PRESENT) || entry->check != ~(uint32_t)entry->mfn) {
		return false;
	}
	*frame = mfn(entry->mfn);
	*writable = entry->flags & FAKE_PTE_WRITABLE;
	return true;
}

void arch_fill_hypercall_page(void *page)
{
	uint8_t *slots = page;

	for (unsigned int i = 0; i < HYPERCALL_PAGE_SLOTS; i++) {
		slots[i * HYPERCALL_PAGE_SLOT_SIZE] = FAKE_HCALL_SLOT_MAGIC;
		slots[i * HYPERCALL_PAGE_SLOT_SIZE + 1] = (uint8_t)i;
	}
}
