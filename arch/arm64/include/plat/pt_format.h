/*
 * plat/pt_format.h (arm64): the VMSAv8-64 side of the page-table contract, as pure functions.
 *
 * pt_format.c implements core/include/arch/pt.h's format primitives for the guests' EL1&0
 * stage-1 tables (4 KiB granule, 39-bit VA, contract levels 1-3 = hardware levels 3-1);
 * regime_check.c decides which values of the trapped EL1 translation controls (TCR_EL1,
 * SCTLR_EL1, MAIR_EL1, AMAIR_EL1, TTBR0/1_EL1) a guest may load, so that the tables the
 * hardware walks are exactly the ones the core validated, read as the validator reads them.
 * Both files are pure (no system registers, no global state): the arch_* wrappers in pt.c
 * call them on the target, the host unit tests (tests/unit/test_vmsav8.c) and the validator
 * fuzz target call them directly.
 *
 * Ringo's memory-attribute rule: every one of the eight MAIR_EL1 attributes a guest loads
 * must be Normal memory, Inner and Outer Write-Back non-transient (each nibble 0b11RW), and
 * AMAIR_EL1 must be 0. A descriptor's AttrIndx may then be anything: no index can name
 * Device or non-cacheable memory, so a guest never sees RAM differently from Ringo's
 * cacheable identity map (no stale reads beneath Ringo's dirty lines, no Device mappings).
 * SCTLR_EL1 must keep M, C and I set and EE/E0E clear; TCR_EL1 must describe exactly the
 * validated regime (T0SZ 25, 4 KiB granule, cacheable inner-shareable walks, TTBR1 walks
 * off, no hardware access/dirty flag updates).
 */
#ifndef RINGO_PLAT_PT_FORMAT_H
#define RINGO_PLAT_PT_FORMAT_H

#include "addr.h"
#include "pte_type.h"
#include "plat/pte.h"
#include "public/errno.h"

#define VMSAV8_LEVELS 3
#define VMSAV8_VA_BITS 39

/*
 * Descriptor format (contract levels: 1 = pages, 3 = the TTBR0_EL1 table). What the
 * validator asks of every entry it writes or releases is defined inline below, so that
 * each arch_* primitive in pt.c compiles to its own body with no second call: mmu_update
 * runs these several times per entry. pt_format.c has the rest and the rules (what a guest
 * may ask for, and why).
 */
pte_t vmsav8_pte_preserve_ad(pte_t old_pte, pte_t new_pte);
pte_t vmsav8_pte_make(mfn_t frame, unsigned int level, unsigned int flags);

/* The bits a guest may set in a table descriptor and in a page descriptor. */
#define VMSAV8_TABLE_ALLOWED                                                            \
	(PTE_TYPE_MASK | PTE_ADDR_MASK | PTE_SOFTWARE | PTE_PXN_TABLE | PTE_UXN_TABLE | \
	 PTE_AP_TABLE)
#define VMSAV8_PAGE_ALLOWED                                                                    \
	(PTE_TYPE_MASK | PTE_ATTR_INDEX_MASK | PTE_AP_EL0 | PTE_AP_RO | PTE_SH_MASK | PTE_AF | \
	 PTE_NG | PTE_ADDR_MASK | PTE_PXN | PTE_UXN | PTE_SOFTWARE)

static inline unsigned int vmsav8_pt_entry_count(unsigned int level)
{
	(void)level;
	return PT_ENTRIES;
}

static inline unsigned int vmsav8_pt_index(uint64_t va, unsigned int level)
{
	unsigned int shift = PAGE_SHIFT + PT_INDEX_BITS * (level - 1);

	return (unsigned int)((va >> shift) & PT_INDEX_MASK);
}

static inline bool vmsav8_pte_present(pte_t pte, unsigned int level)
{
	(void)level;
	return pte.value & PTE_VALID;
}

static inline mfn_t vmsav8_pte_mfn(pte_t pte, unsigned int level)
{
	(void)level;
	return maddr_to_mfn(maddr(pte.value & PTE_ADDR_MASK));
}

static inline bool vmsav8_pte_writable(pte_t pte)
{
	/* DBM is refused by the check; counting it as writable keeps this safe regardless. */
	return !(pte.value & PTE_AP_RO) || (pte.value & PTE_DBM);
}

/*
 * The bits whose value is fixed in an accepted descriptor: the type, the shareability of a
 * page, and every bit a guest may not set (zero). One mask and one compare check them all.
 */
#define VMSAV8_TABLE_FIXED (~VMSAV8_TABLE_ALLOWED | PTE_TYPE_MASK)
#define VMSAV8_PAGE_FIXED (~VMSAV8_PAGE_ALLOWED | PTE_TYPE_MASK | PTE_SH_MASK)

static inline int vmsav8_check_table(uint64_t value)
{
	return (value & VMSAV8_TABLE_FIXED) == PTE_TABLE ? 0 : -EINVAL;
}

static inline int vmsav8_check_page(uint64_t value)
{
	return (value & VMSAV8_PAGE_FIXED) == (PTE_PAGE | PTE_SH_INNER) ? 0 : -EINVAL;
}

/* 0 when a guest may write pte into a table of the given level, else -EINVAL. */
static inline int vmsav8_pte_check(pte_t pte, unsigned int level)
{
	if (level < 1 || level > VMSAV8_LEVELS) {
		return -EINVAL;
	}
	if (!vmsav8_pte_present(pte, level)) {
		return 0;
	}
	return level == 1 ? vmsav8_check_page(pte.value) : vmsav8_check_table(pte.value);
}

/* TCR_EL1.IPS/ID_AA64MMFR0_EL1.PARange encodings: 0 = 32 bits ... 5 = 48 bits. */
#define VMSAV8_PARANGE_48BITS 5U

/* Trapped EL1 register writes: true when the guest may load value. */
bool vmsav8_tcr_el1_ok(uint64_t value, unsigned int parange);
bool vmsav8_sctlr_el1_ok(uint64_t value);
bool vmsav8_mair_el1_ok(uint64_t value);
bool vmsav8_amair_el1_ok(uint64_t value);
bool vmsav8_ttbr1_el1_ok(uint64_t value);

/*
 * A TTBR0_EL1 value: 0 and the top-level table's frame and the ASID it names, or -EINVAL
 * for a misaligned base or reserved bits (CnP, bits [11:1]).
 */
int vmsav8_ttbr0_el1_parse(uint64_t value, mfn_t *table, uint16_t *asid);
uint64_t vmsav8_ttbr0_el1_value(mfn_t table, uint16_t asid);

#endif
