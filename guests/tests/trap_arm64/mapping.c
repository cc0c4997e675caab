/*
 * mapping.c: what the ARM64 PV MMU refuses to map (ABI.md sections 6 and 8).
 *
 * Through update_va_mapping and mmu_update a guest asks for mappings of machine frames:
 * a device Ringo owns (the GIC, the UART), Ringo's own image, a writable alias of one of
 * its own page tables, a block descriptor, or a page descriptor with attributes that would
 * let the hardware see memory differently from the validator (contiguous hint, DBM, NS,
 * another shareability) must all fail with an error, leaving the entry as it was and the
 * hypervisor running. A TTBR0_EL1 write may switch to a pinned top-level table, and to
 * nothing else.
 */
#include "mmu.h"
#include "trap_arm64.h"

#define GIC_DIST_MFN (0x08000000ULL >> 12)
#define UART_MFN (0x09000000ULL >> 12)
#define RINGO_IMAGE_MFN (0x40400000ULL >> 12)

#define DESC_BLOCK 0x1ULL
#define DESC_SH_INNER (3ULL << 8)
#define DESC_SH_OUTER (2ULL << 8)
#define DESC_AF (1ULL << 10)
#define DESC_NS (1ULL << 5)
#define DESC_DBM (1ULL << 51)
#define DESC_CONTIGUOUS (1ULL << 52)
#define TTBR_TABLE_MASK 0x0000fffffffff000ULL

static alignas(PAGE_SIZE) uint8_t scratch[PAGE_SIZE];
static alignas(PAGE_SIZE) uint64_t top_copy[PAGE_SIZE / sizeof(uint64_t)];

static uint64_t scratch_entry(void)
{
	uint64_t pte = 0;

	EXPECT_TRUE(mmu_entry_read((unsigned long)scratch, 1, &pte));
	return pte;
}

/* update_va_mapping of the scratch page to value is refused and changes nothing. */
static void expect_uvm_refused(uint64_t value)
{
	uint64_t before = scratch_entry();

	EXPECT_TRUE(HYPERVISOR_update_va_mapping((unsigned long)scratch, value, UVMF_INVLPG) < 0);
	EXPECT_EQ(scratch_entry(), before);
}

/* mmu_update of the scratch page's entry to value is refused and changes nothing. */
static void expect_update_refused(uint64_t value)
{
	uint64_t before = scratch_entry();

	mmu_queue_entry((unsigned long)scratch, 1, value);
	EXPECT_TRUE(mmu_flush() < 0);
	EXPECT_EQ(mmu_flush_done, 0);
	EXPECT_EQ(scratch_entry(), before);
}

TEST(trap_map_gic_refused)
{
	expect_uvm_refused(pte_page(GIC_DIST_MFN, PTE_WRITABLE));
	expect_update_refused(pte_page(GIC_DIST_MFN, 0));
	still_running();
}

TEST(trap_map_uart_refused)
{
	expect_uvm_refused(pte_page(UART_MFN, PTE_WRITABLE | PTE_USER));
	expect_update_refused(pte_page(UART_MFN, PTE_WRITABLE));
	still_running();
}

TEST(trap_map_ringo_frame_refused)
{
	expect_uvm_refused(pte_page(RINGO_IMAGE_MFN, 0));
	expect_update_refused(pte_page(RINGO_IMAGE_MFN, PTE_WRITABLE));
	still_running();
}

TEST(trap_map_writable_table_alias_refused)
{
	uint64_t top = pt_base_mfn();
	uint64_t leaf_table = mmu_table_mfn((unsigned long)scratch, 1);

	expect_uvm_refused(pte_page(top, PTE_WRITABLE));
	expect_update_refused(pte_page(leaf_table, PTE_WRITABLE));
	/* A read-only alias is fine: the guest reads its tables. */
	EXPECT_EQ(mmu_map((unsigned long)scratch, leaf_table, 0), 0);
	EXPECT_EQ(((volatile uint64_t *)scratch)[0],
		  ((volatile uint64_t *)mmu_mfn_to_va(leaf_table))[0]);
	EXPECT_EQ(mmu_set_writable(scratch, true), 0);
	still_running();
}

TEST(trap_map_bad_descriptors_refused)
{
	uint64_t own = mmu_va_to_mfn(scratch);
	uint64_t good = pte_page(own, PTE_WRITABLE);
	uint64_t l2_entry = 0;

	expect_uvm_refused(good | DESC_CONTIGUOUS);
	expect_uvm_refused(good | DESC_DBM);
	expect_uvm_refused(good | DESC_NS);
	expect_uvm_refused((good & ~DESC_SH_INNER) | DESC_SH_OUTER);
	expect_update_refused(good | pte_reserved_bit(1));
	/* A 2 MiB block in place of the scratch page's level-1 table. */
	EXPECT_TRUE(mmu_entry_read((unsigned long)scratch, 2, &l2_entry));
	mmu_queue_entry((unsigned long)scratch, 2,
			(own << 12) | DESC_BLOCK | DESC_SH_INNER | DESC_AF);
	EXPECT_TRUE(mmu_flush() < 0);
	EXPECT_TRUE(mmu_entry_read((unsigned long)scratch, 2, &l2_entry) &&
		    pte_present(l2_entry, 2));
	/* The same page, well formed, is accepted. */
	EXPECT_EQ(HYPERVISOR_update_va_mapping((unsigned long)scratch, good, UVMF_INVLPG), 0);
	still_running();
}

/* Makes top_copy a copy of the running top-level table, read-only; returns its frame. */
static uint64_t top_table_copy(void)
{
	const uint64_t *top = mmu_mfn_to_va(pt_base_mfn());

	memcpy(top_copy, top, PAGE_SIZE);
	EXPECT_EQ(mmu_set_writable(top_copy, false), 0);
	return mmu_va_to_mfn(top_copy);
}

TEST(trap_ttbr0_switch_pinned_table)
{
	uint64_t ttbr0 = read_sysreg(ttbr0_el1);
	uint64_t copy = top_table_copy();

	/* Not pinned yet: refused, even though it would validate. */
	EXPECT_MSR_REFUSED(ttbr0_el1, copy << 12);
	EXPECT_EQ(mmu_pin(copy, 3), 0);
	EXPECT_MSR_APPLIED(ttbr0_el1, copy << 12);
	EXPECT_EQ(pt_base_mfn(), copy);
	still_running(); /* running on the copy: the same mappings */
	EXPECT_MSR_APPLIED(ttbr0_el1, ttbr0);
	EXPECT_EQ(mmu_unpin(copy), 0);
	EXPECT_EQ(mmu_set_writable(top_copy, true), 0);
}

TEST(trap_ttbr0_wrong_level_undef)
{
	uint64_t l2_table = mmu_table_mfn((unsigned long)scratch, 2);

	/* A level-2 table, pinned as one: a table, but not one the walk may start from. */
	EXPECT_EQ(mmu_pin(l2_table, 2), 0);
	EXPECT_MSR_REFUSED(ttbr0_el1, l2_table << 12);
	EXPECT_EQ(mmu_unpin(l2_table), 0);
	still_running();
}
