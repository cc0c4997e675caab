/*
 * test_vmsav8.c: the VMSAv8-64 side of the page-table contract, on the host.
 *
 * arch/arm64/pt_format.c (descriptors) and arch/arm64/regime_check.c (the EL1 translation
 * controls a guest may load) are pure, so they are tested here directly (linked through
 * tests/unit/arch_formats.mk): what the validator accepts is exactly the table and page
 * descriptors Ringo's rules allow, bit by bit, and the register rules keep the hardware
 * walking the validated tables as the validator reads them.
 */
#include <criterion/criterion.h>

#include "plat/pt_format.h"
#include "plat/pte.h"
#include "plat/sysreg_bits.h"
#include "public/errno.h"

#define FRAME 0x12345UL
#define FRAME_ADDR (FRAME << PAGE_SHIFT)

/* A leaf as a guest kernel would write it: kernel data, write-back, inner shareable. */
#define LEAF_KERNEL_RW (FRAME_ADDR | PTE_PAGE | PTE_SH_INNER | PTE_AF | PTE_UXN)
#define TABLE (FRAME_ADDR | PTE_TABLE)

/* What el1_context.c loads at start of day (IPS 40 bits). */
#define START_TCR                                                                                 \
	(TCR_T0SZ(39) | TCR_IRGN0_WBWA | TCR_ORGN0_WBWA | TCR_SH0_INNER | TCR_TG0_4K | TCR_EPD1 | \
	 TCR_T1SZ(39) | TCR_TG1_4K | (PARANGE_40BITS << TCR_EL1_IPS_SHIFT))
#define START_SCTLR                                                                         \
	(SCTLR_EL1_RES1 | SCTLR_M | SCTLR_C | SCTLR_I | SCTLR_SA | SCTLR_SA0 | SCTLR_NTWI | \
	 SCTLR_NTWE)
#define PARANGE_44BITS 4U

static pte_t pte(uint64_t value)
{
	return (pte_t){value};
}

Test(vmsav8, geometry)
{
	for (unsigned int level = 1; level <= VMSAV8_LEVELS; level++) {
		cr_assert_eq(vmsav8_pt_entry_count(level), 512);
	}
	/* 0x40201000: gigabyte 1, 2 MiB block 1 within it, page 1 within that. */
	cr_assert_eq(vmsav8_pt_index(0x40201000UL, 1), 1);
	cr_assert_eq(vmsav8_pt_index(0x40201000UL, 2), 1);
	cr_assert_eq(vmsav8_pt_index(0x40201000UL, 3), 1);
	cr_assert_eq(vmsav8_pt_index((1UL << 39) - 1, 3), 511);
	cr_assert_eq(vmsav8_pt_index((1UL << 39) - 1, 1), 511);
}

Test(vmsav8, present_and_frame)
{
	cr_assert(vmsav8_pte_present(pte(LEAF_KERNEL_RW), 1));
	cr_assert(!vmsav8_pte_present(pte(LEAF_KERNEL_RW & ~PTE_VALID), 1));
	cr_assert(!vmsav8_pte_present(pte(0), 3));
	cr_assert_eq(mfn_value(vmsav8_pte_mfn(pte(LEAF_KERNEL_RW | PTE_PXN | PTE_SOFTWARE), 1)),
		     FRAME);
	cr_assert_eq(mfn_value(vmsav8_pte_mfn(pte(TABLE | PTE_AP_TABLE | PTE_NS_TABLE), 3)), FRAME);
}

Test(vmsav8, writable_is_ap2_clear)
{
	cr_assert(vmsav8_pte_writable(pte(LEAF_KERNEL_RW)));
	cr_assert(vmsav8_pte_writable(pte(LEAF_KERNEL_RW | PTE_AP_EL0)));
	cr_assert(!vmsav8_pte_writable(pte(LEAF_KERNEL_RW | PTE_AP_RO)));
	cr_assert(!vmsav8_pte_writable(pte(LEAF_KERNEL_RW | PTE_AP_RO | PTE_AP_EL0)));
	/* Hardware dirty management could make a DBM page writable: counted as writable. */
	cr_assert(vmsav8_pte_writable(pte(LEAF_KERNEL_RW | PTE_AP_RO | PTE_DBM)));
}

Test(vmsav8, make_round_trips_through_check)
{
	static const unsigned int flag_sets[] = {0, PTE_MAKE_WRITABLE, PTE_MAKE_USER,
						 PTE_MAKE_WRITABLE | PTE_MAKE_USER};

	for (unsigned int level = 1; level <= VMSAV8_LEVELS; level++) {
		for (unsigned int i = 0; i < ARRAY_SIZE(flag_sets); i++) {
			pte_t made = vmsav8_pte_make(mfn(FRAME), level, flag_sets[i]);

			cr_assert(vmsav8_pte_present(made, level));
			cr_assert_eq(vmsav8_pte_check(made, level), 0, "level %u flags %u", level,
				     flag_sets[i]);
			cr_assert_eq(mfn_value(vmsav8_pte_mfn(made, level)), FRAME);
		}
	}
}

Test(vmsav8, make_leaf_permissions)
{
	pte_t kernel_ro = vmsav8_pte_make(mfn(FRAME), 1, 0);
	pte_t kernel_rw = vmsav8_pte_make(mfn(FRAME), 1, PTE_MAKE_WRITABLE);
	pte_t user_rw = vmsav8_pte_make(mfn(FRAME), 1, PTE_MAKE_WRITABLE | PTE_MAKE_USER);

	cr_assert(!vmsav8_pte_writable(kernel_ro));
	cr_assert(vmsav8_pte_writable(kernel_rw));
	cr_assert(vmsav8_pte_writable(user_rw));
	cr_assert(!(kernel_rw.value & PTE_AP_EL0) && (kernel_rw.value & PTE_UXN));
	cr_assert((user_rw.value & PTE_AP_EL0) && (user_rw.value & PTE_PXN));
	cr_assert(!(user_rw.value & PTE_UXN));
	cr_assert(kernel_rw.value & PTE_AF);
	cr_assert_eq(vmsav8_pte_make(mfn(FRAME), 2, PTE_MAKE_WRITABLE).value, TABLE);
}

/* Every single bit on top of a good leaf: accepted exactly when Ringo's rule allows it. */
Test(vmsav8, leaf_bits_one_by_one)
{
	const uint64_t allowed = PTE_ATTR_INDEX_MASK | PTE_AP_EL0 | PTE_AP_RO | PTE_AF | PTE_NG |
				 PTE_ADDR_MASK | PTE_PXN | PTE_UXN | PTE_SOFTWARE;

	for (unsigned int bit = 2; bit < 64; bit++) {
		uint64_t value = (LEAF_KERNEL_RW & ~PTE_SH_MASK & ~PTE_AF) | BIT64(bit);
		int expected = (allowed & BIT64(bit)) ? 0 : -EINVAL;

		if (PTE_SH_MASK & BIT64(bit)) {
			continue; /* shareability is a field: below */
		}
		value |= PTE_SH_INNER;
		cr_assert_eq(vmsav8_pte_check(pte(value), 1), expected, "bit %u", bit);
	}
}

Test(vmsav8, table_bits_one_by_one)
{
	const uint64_t allowed =
	    PTE_ADDR_MASK | PTE_SOFTWARE | PTE_PXN_TABLE | PTE_UXN_TABLE | PTE_AP_TABLE;

	for (unsigned int level = 2; level <= VMSAV8_LEVELS; level++) {
		for (unsigned int bit = 2; bit < 64; bit++) {
			int expected = (allowed & BIT64(bit)) ? 0 : -EINVAL;

			cr_assert_eq(vmsav8_pte_check(pte(TABLE | BIT64(bit)), level), expected,
				     "level %u bit %u", level, bit);
		}
	}
}

Test(vmsav8, refuses_blocks_and_reserved_types)
{
	uint64_t block = FRAME_ADDR | PTE_BLOCK | PTE_SH_INNER | PTE_AF;

	cr_assert_eq(vmsav8_pte_check(pte(block), 2), -EINVAL); /* 2 MiB block */
	cr_assert_eq(vmsav8_pte_check(pte(block), 3), -EINVAL); /* 1 GiB block */
	cr_assert_eq(vmsav8_pte_check(pte(block), 1), -EINVAL); /* reserved at level 3 */
}

Test(vmsav8, refuses_dangerous_leaf_attributes)
{
	cr_assert_eq(vmsav8_pte_check(pte(LEAF_KERNEL_RW | PTE_CONTIGUOUS), 1), -EINVAL);
	cr_assert_eq(vmsav8_pte_check(pte(LEAF_KERNEL_RW | PTE_AP_RO | PTE_DBM), 1), -EINVAL);
	cr_assert_eq(vmsav8_pte_check(pte(LEAF_KERNEL_RW | PTE_NS), 1), -EINVAL);
	cr_assert_eq(vmsav8_pte_check(pte(LEAF_KERNEL_RW | BIT64(48)), 1), -EINVAL);
	cr_assert_eq(vmsav8_pte_check(pte(LEAF_KERNEL_RW | BIT64(60)), 1), -EINVAL); /* PBHA */
	cr_assert_eq(vmsav8_pte_check(pte(LEAF_KERNEL_RW & ~PTE_SH_MASK), 1), -EINVAL);
	cr_assert_eq(vmsav8_pte_check(pte((LEAF_KERNEL_RW & ~PTE_SH_MASK) | (2UL << 8)), 1),
		     -EINVAL);
	/* Every attribute index is fine: MAIR holds only Normal write-back memory. */
	for (unsigned int index = 0; index < 8; index++) {
		uint64_t value = LEAF_KERNEL_RW | PTE_ATTR_INDEX(index);

		cr_assert_eq(vmsav8_pte_check(pte(value), 1), 0, "AttrIndx %u", index);
	}
}

Test(vmsav8, absent_entries_and_bad_levels)
{
	cr_assert_eq(vmsav8_pte_check(pte(~PTE_VALID), 1), 0);
	cr_assert_eq(vmsav8_pte_check(pte(~PTE_VALID), 3), 0);
	cr_assert_eq(vmsav8_pte_check(pte(LEAF_KERNEL_RW), 0), -EINVAL);
	cr_assert_eq(vmsav8_pte_check(pte(TABLE), 4), -EINVAL);
}

Test(vmsav8, preserve_access_flag)
{
	pte_t old_accessed = pte(LEAF_KERNEL_RW);
	pte_t new_fresh = pte((LEAF_KERNEL_RW & ~PTE_AF) | PTE_AP_RO);

	cr_assert_eq(vmsav8_pte_preserve_ad(old_accessed, new_fresh).value,
		     new_fresh.value | PTE_AF);
	cr_assert_eq(vmsav8_pte_preserve_ad(new_fresh, old_accessed).value,
		     LEAF_KERNEL_RW & ~PTE_AF);
}

Test(vmsav8_regime, tcr)
{
	cr_assert(vmsav8_tcr_el1_ok(START_TCR, PARANGE_44BITS));
	cr_assert(vmsav8_tcr_el1_ok(START_TCR | TCR_A1 | TCR_TBI0 | TCR_HPD0, PARANGE_44BITS));
	cr_assert(vmsav8_tcr_el1_ok((START_TCR & ~TCR_IRGN0_WBWA) | (TCR_RGN_WBNWA << 8),
				    PARANGE_44BITS));
	cr_assert(!vmsav8_tcr_el1_ok((START_TCR & ~TCR_T0SZ_MASK) | 16, PARANGE_44BITS));
	cr_assert(!vmsav8_tcr_el1_ok((START_TCR & ~TCR_T0SZ_MASK) | 26, PARANGE_44BITS));
	cr_assert(!vmsav8_tcr_el1_ok(START_TCR | (1UL << 14), PARANGE_44BITS)); /* 64K */
	cr_assert(!vmsav8_tcr_el1_ok(START_TCR | TCR_EPD0, PARANGE_44BITS));
	cr_assert(!vmsav8_tcr_el1_ok(START_TCR & ~TCR_EPD1, PARANGE_44BITS));
	cr_assert(!vmsav8_tcr_el1_ok(START_TCR & ~TCR_IRGN0_WBWA, PARANGE_44BITS));
	cr_assert(!vmsav8_tcr_el1_ok(START_TCR & ~TCR_ORGN0_WBWA, PARANGE_44BITS));
	cr_assert(!vmsav8_tcr_el1_ok(START_TCR & ~TCR_SH0_MASK, PARANGE_44BITS));
	cr_assert(!vmsav8_tcr_el1_ok(START_TCR | BIT64(39), PARANGE_44BITS)); /* HA */
	cr_assert(!vmsav8_tcr_el1_ok(START_TCR | BIT64(40), PARANGE_44BITS)); /* HD */
	cr_assert(!vmsav8_tcr_el1_ok(START_TCR | BIT64(36), PARANGE_44BITS)); /* AS */
	cr_assert(!vmsav8_tcr_el1_ok(START_TCR | BIT64(45), PARANGE_44BITS)); /* HWU */
	cr_assert(!vmsav8_tcr_el1_ok(START_TCR | BIT64(6), PARANGE_44BITS));
	cr_assert(!vmsav8_tcr_el1_ok(START_TCR, 1)); /* IPS above the hardware's range */
	cr_assert(!vmsav8_tcr_el1_ok(START_TCR | (6UL << TCR_EL1_IPS_SHIFT), 6));
}

Test(vmsav8_regime, sctlr)
{
	cr_assert(vmsav8_sctlr_el1_ok(START_SCTLR));
	cr_assert(vmsav8_sctlr_el1_ok(START_SCTLR | SCTLR_WXN | SCTLR_UCT | SCTLR_A));
	cr_assert(vmsav8_sctlr_el1_ok(SCTLR_M | SCTLR_C | SCTLR_I));
	cr_assert(!vmsav8_sctlr_el1_ok(START_SCTLR & ~SCTLR_M));
	cr_assert(!vmsav8_sctlr_el1_ok(START_SCTLR & ~SCTLR_C));
	cr_assert(!vmsav8_sctlr_el1_ok(START_SCTLR & ~SCTLR_I));
	cr_assert(!vmsav8_sctlr_el1_ok(START_SCTLR | SCTLR_EE));
	cr_assert(!vmsav8_sctlr_el1_ok(START_SCTLR | SCTLR_E0E));
	cr_assert(!vmsav8_sctlr_el1_ok(START_SCTLR | BIT64(31))); /* EnIA: not known here */
}

Test(vmsav8_regime, mair_only_normal_write_back)
{
	static const uint8_t good[] = {0xff, 0xcc, 0xee, 0xdd, 0xfc};
	static const uint8_t bad[] = {0x00, 0x04, 0x0c, 0x44, 0xbb, 0xf0, 0x0f, 0x4f, 0xf4, 0x77};

	cr_assert(vmsav8_mair_el1_ok(MAIR_GUEST_VALUE));
	for (unsigned int i = 0; i < ARRAY_SIZE(good); i++) {
		cr_assert(vmsav8_mair_el1_ok((MAIR_GUEST_VALUE & ~0xff00UL) | (good[i] << 8)),
			  "0x%x", good[i]);
	}
	for (unsigned int i = 0; i < ARRAY_SIZE(bad); i++) {
		for (unsigned int index = 0; index < 8; index++) {
			uint64_t value = (MAIR_GUEST_VALUE & ~(0xffUL << (8 * index))) |
					 ((uint64_t)bad[i] << (8 * index));

			cr_assert(!vmsav8_mair_el1_ok(value), "0x%x at %u", bad[i], index);
		}
	}
	cr_assert(!vmsav8_mair_el1_ok(MAIR_VALUE)); /* Ringo's own has Device at index 1 */
	cr_assert(vmsav8_amair_el1_ok(0));
	cr_assert(!vmsav8_amair_el1_ok(1));
}

Test(vmsav8_regime, ttbr)
{
	mfn_t table;
	uint16_t asid;

	cr_assert_eq(vmsav8_ttbr0_el1_parse(FRAME_ADDR | (42UL << 48), &table, &asid), 0);
	cr_assert_eq(mfn_value(table), FRAME);
	cr_assert_eq(asid, 42);
	cr_assert_eq(vmsav8_ttbr0_el1_value(table, asid), FRAME_ADDR | (42UL << 48));
	cr_assert_eq(vmsav8_ttbr0_el1_parse(FRAME_ADDR | TTBR_CNP, &table, &asid), -EINVAL);
	cr_assert_eq(vmsav8_ttbr0_el1_parse(FRAME_ADDR | 0x800, &table, &asid), -EINVAL);
	cr_assert(vmsav8_ttbr1_el1_ok(0));
	cr_assert(vmsav8_ttbr1_el1_ok(7UL << 48));
	cr_assert(!vmsav8_ttbr1_el1_ok(FRAME_ADDR));
	cr_assert(!vmsav8_ttbr1_el1_ok(TTBR_CNP));
}
