/*
 * regime_check.c: which EL1 translation-control values a guest may load (pure).
 *
 * HCR_EL2.TVM traps the guest's writes of TTBR0/1_EL1, TCR_EL1, SCTLR_EL1, MAIR_EL1 and
 * AMAIR_EL1 (sysreg_trap.c). The rules below make the hardware walk exactly what the core
 * validated, and read it as the validator reads it (plat/pt_format.h has the summary):
 *
 *  - TCR_EL1: T0SZ = 25 (a 39-bit space: the walk starts at hardware level 1, the contract's
 *    level 3; any other size would start the walk at another level and read a validated
 *    table as a table of another level), 4 KiB granule, TTBR0 walks on and Inner Shareable
 *    write-back cacheable (the validator reads tables through Ringo's cacheable map; a
 *    non-cacheable walker could see memory beneath newer dirty lines), TTBR1 walks off
 *    (EPD1 = 1: there is one validated table per vCPU), no hardware access/dirty flag
 *    updates (HA/HD: the hardware would write descriptors, and DBM would make read-only
 *    pages writable), 8-bit ASIDs, no implementation-defined hardware use of descriptor
 *    bits (HWU), IPS no larger than the hardware's PARange. TBI0/1 and HPD0/1 only change
 *    how the guest's own addresses and permissions are read, and are allowed.
 *  - SCTLR_EL1: the MMU stays on (M: stage 2 is off, so without stage 1 a guest would
 *    address machine memory directly); data and instruction caches stay on (C, I: a
 *    non-cacheable guest access would read memory beneath Ringo's dirty lines, e.g. a
 *    frame's previous contents beneath its zeroing); little-endian (EE also sets the
 *    endianness of table walks). Other ARMv8.0 controls are the guest's own business;
 *    every bit Ringo does not know is refused.
 *  - MAIR_EL1: every attribute Normal, Inner and Outer Write-Back non-transient; AMAIR_EL1
 *    (implementation-defined attributes) zero.
 *  - TTBR0_EL1: a 4 KiB-aligned table and an ASID (CnP refused); whether the table is a
 *    pinned top-level table of the domain is the core's NEW_BASEPTR check.
 *  - TTBR1_EL1: never walked (EPD1 = 1), so it may hold an ASID (for TCR_EL1.A1) but no
 *    table address.
 */
#include "plat/pt_format.h"
#include "plat/pte.h"
#include "plat/sysreg_bits.h"
#include "public/errno.h"

#define TCR_T0SZ_39BITS TCR_T0SZ(VMSAV8_VA_BITS)
#define TCR_ALLOWED                                                                              \
	(TCR_T0SZ_MASK | (TCR_RGN_MASK << TCR_IRGN0_SHIFT) | (TCR_RGN_MASK << TCR_ORGN0_SHIFT) | \
	 TCR_SH0_MASK | TCR_TG0_MASK | TCR_T1SZ_MASK | TCR_A1 | TCR_EPD1 | TCR_IRGN1_MASK |      \
	 TCR_ORGN1_MASK | TCR_SH1_MASK | TCR_TG1_MASK | TCR_EL1_IPS_MASK | TCR_TBI0 | TCR_TBI1 | \
	 TCR_HPD0 | TCR_HPD1)

#define SCTLR_REQUIRED (SCTLR_M | SCTLR_C | SCTLR_I)
#define SCTLR_ALLOWED                                                                              \
	(SCTLR_REQUIRED | SCTLR_A | SCTLR_SA | SCTLR_SA0 | SCTLR_CP15BEN | SCTLR_ITD | SCTLR_SED | \
	 SCTLR_UMA | SCTLR_DZE | SCTLR_UCT | SCTLR_NTWI | SCTLR_NTWE | SCTLR_WXN | SCTLR_UCI |     \
	 SCTLR_EL1_RES1)

/* MAIR attribute nibble 0b11RW: Write-Back non-transient, any allocation hints. */
#define MAIR_NIBBLE_WB_MIN 0xcU

#define TTBR_RESERVED (PTE_FIELD(11, 1) | TTBR_CNP)

static bool cacheable_walk(uint64_t tcr)
{
	uint64_t inner = (tcr >> TCR_IRGN0_SHIFT) & TCR_RGN_MASK;
	uint64_t outer = (tcr >> TCR_ORGN0_SHIFT) & TCR_RGN_MASK;

	return (inner == TCR_RGN_WBWA || inner == TCR_RGN_WBNWA) &&
	       (outer == TCR_RGN_WBWA || outer == TCR_RGN_WBNWA) &&
	       (tcr & TCR_SH0_MASK) == TCR_SH0_INNER;
}

bool vmsav8_tcr_el1_ok(uint64_t value, unsigned int parange)
{
	uint64_t ips = (value & TCR_EL1_IPS_MASK) >> TCR_EL1_IPS_SHIFT;

	if (value & ~TCR_ALLOWED) {
		return false;
	}
	if ((value & TCR_T0SZ_MASK) != TCR_T0SZ_39BITS || (value & TCR_TG0_MASK) != TCR_TG0_4K) {
		return false;
	}
	if (!(value & TCR_EPD1) || (value & TCR_TG1_MASK) != TCR_TG1_4K) {
		return false;
	}
	return cacheable_walk(value) && ips <= parange && ips <= VMSAV8_PARANGE_48BITS;
}

bool vmsav8_sctlr_el1_ok(uint64_t value)
{
	return (value & SCTLR_REQUIRED) == SCTLR_REQUIRED && !(value & ~SCTLR_ALLOWED);
}

static bool mair_attribute_ok(uint64_t attribute)
{
	return (attribute >> 4) >= MAIR_NIBBLE_WB_MIN && (attribute & 0xf) >= MAIR_NIBBLE_WB_MIN;
}

bool vmsav8_mair_el1_ok(uint64_t value)
{
	for (unsigned int index = 0; index < 8; index++) {
		if (!mair_attribute_ok((value >> (8 * index)) & 0xff)) {
			return false;
		}
	}
	return true;
}

bool vmsav8_amair_el1_ok(uint64_t value)
{
	return value == 0;
}

bool vmsav8_ttbr1_el1_ok(uint64_t value)
{
	return (value & ~PTE_FIELD(63, TTBR_ASID_SHIFT)) == 0;
}

int vmsav8_ttbr0_el1_parse(uint64_t value, mfn_t *table, uint16_t *asid)
{
	if (value & TTBR_RESERVED) {
		return -EINVAL;
	}
	*table = maddr_to_mfn(maddr(value & PTE_ADDR_MASK));
	*asid = (uint16_t)(value >> TTBR_ASID_SHIFT);
	return 0;
}

uint64_t vmsav8_ttbr0_el1_value(mfn_t table, uint16_t asid)
{
	return (maddr_value(mfn_to_maddr(table)) & PTE_ADDR_MASK) |
	       ((uint64_t)asid << TTBR_ASID_SHIFT);
}
