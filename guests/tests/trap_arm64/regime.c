/*
 * regime.c: the guest's translation controls are checked (HCR_EL2.TVM, ABI.md section 8).
 *
 * Each test writes a value that would let the hardware walk or read memory differently
 * from what Ringo validated: the MMU or the caches off, big-endian walks, a wider address
 * space, TTBR1 walks, hardware dirty-bit updates, non-cacheable walks, another granule,
 * Device or non-cacheable memory attributes, a table that is not a pinned top-level table
 * of the domain. Every one must come back as an undefined instruction at the MSR with the
 * register unchanged, the guest and the hypervisor carrying on. Values inside the rules
 * (another ASID, write-back without write-allocate, other Normal write-back attributes)
 * are applied.
 */
#include "trap_arm64.h"

#define SCTLR_C (1ULL << 2)
#define SCTLR_I (1ULL << 12)
#define SCTLR_UCT (1ULL << 15)
#define SCTLR_EE (1ULL << 25)
#define SCTLR_E0E (1ULL << 24)

#define TCR_T0SZ_MASK 0x3fULL
#define TCR_IRGN0_MASK (3ULL << 8)
#define TCR_IRGN0_WBNWA (3ULL << 8)
#define TCR_TG0_64K (1ULL << 14)
#define TCR_EPD0 (1ULL << 7)
#define TCR_EPD1 (1ULL << 23)
#define TCR_AS (1ULL << 36)
#define TCR_HA (1ULL << 39)
#define TCR_HD (1ULL << 40)

#define TTBR_CNP 1ULL
#define TTBR_ASID(asid) ((uint64_t)(asid) << 48)
#define TTBR_TABLE_MASK 0x0000fffffffff000ULL

/* QEMU virt: the GICv3 distributor, the PL011 and Ringo's own image (arch/arm64/arch.mk). */
#define GIC_DIST_MADDR 0x08000000ULL
#define UART_MADDR 0x09000000ULL
#define RINGO_IMAGE_MADDR 0x40400000ULL

TEST(trap_sctlr_caches_off_undef)
{
	uint64_t sctlr = read_sysreg(sctlr_el1);

	EXPECT_MSR_REFUSED(sctlr_el1, sctlr & ~SCTLR_C);
	EXPECT_MSR_REFUSED(sctlr_el1, sctlr & ~SCTLR_I);
	still_running();
}

TEST(trap_sctlr_big_endian_undef)
{
	uint64_t sctlr = read_sysreg(sctlr_el1);

	EXPECT_MSR_REFUSED(sctlr_el1, sctlr | SCTLR_EE);
	EXPECT_MSR_REFUSED(sctlr_el1, sctlr | SCTLR_E0E);
	EXPECT_MSR_REFUSED(sctlr_el1, sctlr | (1ULL << 44)); /* a control Ringo does not know */
	still_running();
}

TEST(trap_tcr_address_space_undef)
{
	uint64_t tcr = read_sysreg(tcr_el1);

	/* 48 bits would start the walk at level 0; 32 bits would still name the same table. */
	EXPECT_MSR_REFUSED(tcr_el1, (tcr & ~TCR_T0SZ_MASK) | 16);
	EXPECT_MSR_REFUSED(tcr_el1, (tcr & ~TCR_T0SZ_MASK) | 32);
	EXPECT_MSR_REFUSED(tcr_el1, tcr | TCR_TG0_64K);
	EXPECT_MSR_REFUSED(tcr_el1, tcr | TCR_EPD0);
	still_running();
}

TEST(trap_tcr_ttbr1_walks_undef)
{
	EXPECT_MSR_REFUSED(tcr_el1, read_sysreg(tcr_el1) & ~TCR_EPD1);
	still_running();
}

TEST(trap_tcr_hw_dirty_undef)
{
	uint64_t tcr = read_sysreg(tcr_el1);

	EXPECT_MSR_REFUSED(tcr_el1, tcr | TCR_HA);
	EXPECT_MSR_REFUSED(tcr_el1, tcr | TCR_HD);
	EXPECT_MSR_REFUSED(tcr_el1, tcr | TCR_AS);
	still_running();
}

TEST(trap_tcr_uncached_walk_undef)
{
	EXPECT_MSR_REFUSED(tcr_el1, read_sysreg(tcr_el1) & ~TCR_IRGN0_MASK);
	still_running();
}

TEST(trap_mair_device_undef)
{
	uint64_t mair = read_sysreg(mair_el1);

	EXPECT_MSR_REFUSED(mair_el1, mair & ~(0xffULL << 8)); /* Device-nGnRnE */
	EXPECT_MSR_REFUSED(mair_el1, (mair & ~(0xffULL << 16)) | (0x04ULL << 16)); /* nGnRE */
	EXPECT_MSR_REFUSED(mair_el1, (mair & ~(0xffULL << 56)) | (0x44ULL << 56)); /* NC */
	EXPECT_MSR_REFUSED(mair_el1, (mair & ~0xffULL) | 0xbbULL); /* write-through */
	EXPECT_MSR_REFUSED(amair_el1, 1);
	still_running();
}

TEST(trap_ttbr1_table_undef)
{
	uint64_t table = read_sysreg(ttbr0_el1) & TTBR_TABLE_MASK;

	EXPECT_MSR_REFUSED(ttbr1_el1, table);
	EXPECT_MSR_APPLIED(ttbr1_el1, TTBR_ASID(7));
	EXPECT_MSR_APPLIED(ttbr1_el1, 0);
	still_running();
}

TEST(trap_ttbr0_foreign_undef)
{
	EXPECT_MSR_REFUSED(ttbr0_el1, GIC_DIST_MADDR);
	EXPECT_MSR_REFUSED(ttbr0_el1, UART_MADDR);
	EXPECT_MSR_REFUSED(ttbr0_el1, RINGO_IMAGE_MADDR);
	still_running();
}

TEST(trap_ttbr0_unpinned_undef)
{
	const unsigned long *p2m = (const unsigned long *)start_info->mfn_list;
	uint64_t data_frame = p2m[0] << 12; /* the first page of the image: code, not a table */
	uint64_t top = read_sysreg(ttbr0_el1) & TTBR_TABLE_MASK;

	EXPECT_MSR_REFUSED(ttbr0_el1, data_frame);
	/* The top table's next frame is a level-2 table: a table, but not a top-level one. */
	EXPECT_MSR_REFUSED(ttbr0_el1, top + 0x1000);
	still_running();
}

TEST(trap_ttbr0_reserved_bits_undef)
{
	uint64_t ttbr0 = read_sysreg(ttbr0_el1);

	EXPECT_MSR_REFUSED(ttbr0_el1, ttbr0 | TTBR_CNP);
	EXPECT_MSR_REFUSED(ttbr0_el1, ttbr0 | 0x800);
	still_running();
}

TEST(trap_regime_writes_applied)
{
	uint64_t ttbr0 = read_sysreg(ttbr0_el1);
	uint64_t tcr = read_sysreg(tcr_el1);
	uint64_t mair = read_sysreg(mair_el1);
	uint64_t sctlr = read_sysreg(sctlr_el1);

	/* The same table under another ASID is the guest's own business. */
	EXPECT_MSR_APPLIED(ttbr0_el1, (ttbr0 & TTBR_TABLE_MASK) | TTBR_ASID(42));
	EXPECT_MSR_APPLIED(ttbr0_el1, ttbr0);
	EXPECT_MSR_APPLIED(tcr_el1, (tcr & ~TCR_IRGN0_MASK) | TCR_IRGN0_WBNWA);
	EXPECT_MSR_APPLIED(tcr_el1, tcr);
	EXPECT_MSR_APPLIED(mair_el1, (mair & ~(0xffULL << 24)) | (0xccULL << 24));
	EXPECT_MSR_APPLIED(mair_el1, mair);
	EXPECT_MSR_APPLIED(sctlr_el1, sctlr | SCTLR_UCT);
	EXPECT_MSR_APPLIED(sctlr_el1, sctlr);
	EXPECT_MSR_APPLIED(amair_el1, 0);
}
