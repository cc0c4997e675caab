/*
 * domain_build.c (x86): a new domain's PAE bootstrap page tables and its hypercall page.
 *
 * The tables follow ABI.md section 3: one L3 (the first frame at pt_start) with all four
 * slots present, its four L2s, then the L1s for [virt_base, map_end), each pfn mapped at
 * virt_base + (pfn << 12). Guest pages are present, writable, user (so the kernel can later
 * grant ring 3 access where it wants) with A and D preset; the page-table frames are
 * mapped read-only, as the guest may change them only through the hypervisor. From
 * HYPERVISOR_VIRT_START up, the top L2 gets the hypervisor's entries exactly as the
 * validator installs them (arch_pt_install_hypervisor): the trampoline that a trap needs
 * before it switches to the hypervisor's tables, and the read-only M2P. Every entry is one
 * the core's validator accepts (pt_format.c): L3 entries hold only P and the address, L2
 * entries name L1s, L1 entries map write-back pages. The frames come zeroed.
 */
#include "arch/domain_build.h"
#include "arch/pt.h"
#include "frame_alloc.h"
#include "lib.h"
#include "plat/layout.h"
#include "plat/paging.h"

#define GUEST_PAGE (PAE_PRESENT | PAE_RW | PAE_USER | PAE_ACCESSED | PAE_DIRTY)
#define GUEST_TABLE (PAE_PRESENT | PAE_RW | PAE_USER | PAE_ACCESSED)
#define L2_TABLES PAE_L3_ENTRIES
#define FIRST_L1 (1 + L2_TABLES)

#define SLOT_MOV_EAX 0xb8
#define SLOT_INT 0xcd
#define SLOT_RET 0xc3
#define SLOT_PUSH_EAX 0x50
#define SLOT_INT3 0xcc

/* The page-table frames of one domain's bootstrap tables, in layout order. */
struct boot_tables {
	struct domain *domain;
	uint64_t first_pfn;
	uint64_t count;
	uint64_t l1_base_va; /* VA that the first L1 starts to map (2 MiB aligned) */
};

static uint64_t l1_base_va(uint64_t start)
{
	return round_down_u64(start, PAE_SUPERPAGE_SIZE);
}

uint64_t arch_boot_pt_frames(uint64_t start, uint64_t end)
{
	uint64_t l1_count = 0;

	if (end > start) {
		l1_count =
		    (round_up_u64(end, PAE_SUPERPAGE_SIZE) - l1_base_va(start)) >> PAE_L2_SHIFT;
	}
	return FIRST_L1 + l1_count;
}

static mfn_t table_frame(const struct boot_tables *tables, uint64_t index)
{
	return domain_pfn_to_mfn(tables->domain, pfn(tables->first_pfn + index));
}

static pae_entry_t *table_map(const struct boot_tables *tables, uint64_t index)
{
	return frame_map(table_frame(tables, index));
}

static pae_entry_t table_entry(const struct boot_tables *tables, uint64_t index, uint64_t flags)
{
	return maddr_value(mfn_to_maddr(table_frame(tables, index))) | flags;
}

static void link_l3(const struct boot_tables *tables)
{
	pae_entry_t *l3 = table_map(tables, 0);

	/* PDPT entries carry only the present bit: RW, US, A and D are reserved there. */
	for (unsigned int slot = 0; slot < L2_TABLES; slot++) {
		l3[slot] = table_entry(tables, 1 + slot, PAE_PRESENT);
	}
}

static void link_l1s(const struct boot_tables *tables)
{
	uint64_t l1_count = tables->count - FIRST_L1;

	for (uint64_t i = 0; i < l1_count; i++) {
		uint64_t va = tables->l1_base_va + (i << PAE_L2_SHIFT);
		pae_entry_t *l2 = table_map(tables, 1 + pae_l3_index(va));

		l2[pae_l2_index(va)] = table_entry(tables, FIRST_L1 + i, GUEST_TABLE);
	}
}

static bool is_table_pfn(const struct boot_tables *tables, uint64_t frame)
{
	return frame >= tables->first_pfn && frame < tables->first_pfn + tables->count;
}

static void map_pages(const struct boot_tables *tables, const struct boot_layout *layout)
{
	for (uint64_t va = layout->virt_base; va < layout->map_end; va += PAGE_SIZE) {
		uint64_t frame = (va - layout->virt_base) >> PAGE_SHIFT;
		uint64_t l1_index = (va - tables->l1_base_va) >> PAE_L2_SHIFT;
		pae_entry_t *l1 = table_map(tables, FIRST_L1 + l1_index);
		uint64_t flags = is_table_pfn(tables, frame) ? GUEST_PAGE & ~PAE_RW : GUEST_PAGE;

		l1[pae_l1_index(va)] =
		    maddr_value(mfn_to_maddr(domain_pfn_to_mfn(tables->domain, pfn(frame)))) |
		    flags;
	}
}

static void share_hypervisor(const struct boot_tables *tables)
{
	arch_pt_install_hypervisor((pte_t *)table_map(tables, 1 + PAE_HV_L3_SLOT), 2);
}

maddr_t arch_boot_pt_build(struct domain *d, const struct boot_layout *layout)
{
	struct boot_tables tables = {
	    .domain = d,
	    .first_pfn = (layout->pt_start - layout->virt_base) >> PAGE_SHIFT,
	    .count = layout->pt_frames,
	    .l1_base_va = l1_base_va(layout->virt_base),
	};

	link_l3(&tables);
	link_l1s(&tables);
	map_pages(&tables, layout);
	share_hypervisor(&tables);
	return mfn_to_maddr(table_frame(&tables, 0));
}

static void put_le32(uint8_t *p, uint32_t value)
{
	for (unsigned int i = 0; i < 4; i++) {
		p[i] = (uint8_t)(value >> (8 * i));
	}
}

void arch_fill_hypercall_page(void *page)
{
	uint8_t *slots = page;

	/* int3 in the padding: a jump into the middle of a slot traps instead of running on. */
	memset(page, SLOT_INT3, PAGE_SIZE);
	for (unsigned int nr = 0; nr < HYPERCALL_PAGE_SLOTS; nr++) {
		uint8_t *slot = slots + nr * HYPERCALL_PAGE_SLOT_SIZE;

		/* mov $nr, %eax; int $0x82; ret */
		slot[0] = SLOT_MOV_EAX;
		put_le32(slot + 1, nr);
		slot[5] = SLOT_INT;
		slot[6] = X86_HYPERCALL_VECTOR;
		slot[7] = SLOT_RET;
	}
	/* iret is jumped to with the frame on the stack: push %eax; mov $23, %eax; int $0x82 */
	slots += __HYPERVISOR_iret * HYPERCALL_PAGE_SLOT_SIZE;
	slots[0] = SLOT_PUSH_EAX;
	slots[1] = SLOT_MOV_EAX;
	put_le32(slots + 2, __HYPERVISOR_iret);
	slots[6] = SLOT_INT;
	slots[7] = X86_HYPERCALL_VECTOR;
}
