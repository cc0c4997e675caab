/*
 * pt_build.c (fake arch): the bootstrap page tables and the hypercall page of a new domain.
 *
 * Written over arch/pt.h's primitives alone (arch_pt_index, arch_pte_make, ...), so the
 * same builder serves the fake format of pt_format.c and, in the fuzz targets that link a
 * real format instead, x86 PAE and VMSAv8. A table of level n covers PAGE_SIZE times the
 * entry counts of levels 1..n, which holds for every radix format Ringo knows. Tables are
 * taken from the domain's frames at layout->pt_start in the order the walk first needs
 * them (the top table first) and are mapped read-only, as ABI.md section 3 asks.
 */
#include "fake.h"

#include "arch/domain_build.h"
#include "arch/mm.h"
#include "arch/pt.h"
#include "check.h"
#include "frame_alloc.h"
#include "public/xen.h"

struct pt_builder {
	struct domain *d;
	const struct boot_layout *layout;
	uint64_t next_pfn;
	uint64_t end_pfn;
};

static uint64_t level_span(unsigned int level)
{
	uint64_t span = PAGE_SIZE;

	for (unsigned int l = 1; l <= level; l++) {
		span *= arch_pt_entry_count(l);
	}
	return span;
}

/* Tables of a level needed to cover [start, end). */
static uint64_t tables_at(unsigned int level, uint64_t start, uint64_t end)
{
	uint64_t span = level_span(level);

	return (round_up_u64(end, span) - round_down_u64(start, span)) / span;
}

uint64_t arch_boot_pt_frames(uint64_t start, uint64_t end)
{
	uint64_t frames = 1;

	for (unsigned int level = 1; level < ARCH_PT_LEVELS; level++) {
		frames += tables_at(level, start, end);
	}
	return frames;
}

static mfn_t builder_frame(const struct pt_builder *b, uint64_t pfn_index)
{
	mfn_t frame = domain_pfn_to_mfn(b->d, pfn(pfn_index));

	CHECK(mfn_is_valid(frame));
	return frame;
}

/* The table that entry (level, va) of table names, made on first use. */
static mfn_t child_table(struct pt_builder *b, mfn_t table, unsigned int level, uint64_t va)
{
	pte_t *entry = (pte_t *)frame_map(table) + arch_pt_index(va, level);

	if (!arch_pte_present(*entry, level)) {
		CHECK(b->next_pfn < b->end_pfn);
		*entry = arch_pte_make(builder_frame(b, b->next_pfn++), level,
				       PTE_MAKE_WRITABLE | PTE_MAKE_USER);
	}
	return arch_pte_mfn(*entry, level);
}

static bool is_pt_page(const struct boot_layout *layout, uint64_t va)
{
	return va >= layout->pt_start && va < layout->pt_start + layout->pt_frames * PAGE_SIZE;
}

static void map_page(struct pt_builder *b, mfn_t top, uint64_t va)
{
	const struct boot_layout *layout = b->layout;
	unsigned int flags =
	    is_pt_page(layout, va) ? PTE_MAKE_USER : PTE_MAKE_WRITABLE | PTE_MAKE_USER;
	mfn_t table = top;
	pte_t *leaf;

	for (unsigned int level = ARCH_PT_LEVELS; level > 1; level--) {
		table = child_table(b, table, level, va);
	}
	leaf = (pte_t *)frame_map(table) + arch_pt_index(va, 1);
	*leaf = arch_pte_make(builder_frame(b, (va - layout->virt_base) >> PAGE_SHIFT), 1, flags);
}

maddr_t arch_boot_pt_build(struct domain *d, const struct boot_layout *layout)
{
	uint64_t first = (layout->pt_start - layout->virt_base) >> PAGE_SHIFT;
	struct pt_builder b = {d, layout, first + 1, first + layout->pt_frames};
	mfn_t top = builder_frame(&b, first);

	for (uint64_t va = layout->virt_base; va < layout->map_end; va += PAGE_SIZE) {
		map_page(&b, top, va);
	}
	return mfn_to_maddr(top);
}

/* The table an entry names, when it lies in the fake machine's RAM. */
static bool next_table(pte_t entry, unsigned int level, mfn_t *table)
{
	if (!arch_pte_present(entry, level)) {
		return false;
	}
	*table = arch_pte_mfn(entry, level);
	return mfn_value(*table) < FAKE_RAM_SIZE / PAGE_SIZE;
}

bool fake_pt_translate(maddr_t root, uint64_t va, mfn_t *frame, bool *writable)
{
	mfn_t table = maddr_to_mfn(root);
	pte_t entry;

	if (va >= level_span(ARCH_PT_LEVELS) || maddr_value(root) >= FAKE_RAM_SIZE) {
		return false;
	}
	for (unsigned int level = ARCH_PT_LEVELS; level > 1; level--) {
		entry = ((const pte_t *)frame_map(table))[arch_pt_index(va, level)];
		if (!next_table(entry, level, &table)) {
			return false;
		}
	}
	entry = ((const pte_t *)frame_map(table))[arch_pt_index(va, 1)];
	if (!next_table(entry, 1, frame)) {
		return false;
	}
	*writable = arch_pte_writable(entry);
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
