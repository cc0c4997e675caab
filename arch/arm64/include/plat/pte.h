/*
 * plat/pte.h (arm64): VMSAv8-64 translation table descriptors, 4 KiB granule.
 *
 * One format serves two regimes: Ringo's own EL2 tables (mmu.c, block descriptors) and the
 * guests' EL1&0 tables (domain_build.c, pt_format.c: table and page descriptors). With a
 * 39-bit address space a walk starts at hardware level 1 (1 GiB per entry), then level 2
 * (2 MiB), then level 3 (4 KiB pages). Stage 2 is off, so every output address is a machine
 * address. Pure definitions only: the host unit tests include this header.
 */
#ifndef RINGO_PLAT_PTE_H
#define RINGO_PLAT_PTE_H

#include "types.h"

#define BIT64(n) (1UL << (n))
#define PTE_FIELD(high, low) ((~0UL >> (63 - (high))) & ~((1UL << (low)) - 1))

#define PT_ENTRIES 512
#define PT_L1_SHIFT 30
#define PT_L2_SHIFT 21
#define PT_L3_SHIFT 12
#define PT_INDEX_BITS 9
#define PT_INDEX_MASK (PT_ENTRIES - 1UL)
#define PT_L1_SIZE (1UL << PT_L1_SHIFT)
#define PT_L2_SIZE (1UL << PT_L2_SHIFT)

/* Descriptor type, bits [1:0] */
#define PTE_TYPE_MASK 3UL
#define PTE_VALID BIT64(0)
#define PTE_TABLE (BIT64(0) | BIT64(1)) /* levels 1-2: next-level table */
#define PTE_BLOCK BIT64(0)		/* levels 1-2: block */
#define PTE_PAGE (BIT64(0) | BIT64(1))	/* level 3: page */

/* Page and block attributes */
#define PTE_ATTR_INDEX(index) ((uint64_t)(index) << 2)
#define PTE_ATTR_INDEX_MASK PTE_FIELD(4, 2)
#define PTE_NS BIT64(5)
#define PTE_AP_EL0 BIT64(6)	 /* AP[1]: EL0 may access (EL1&0 regime) */
#define PTE_AP_EL2_RES1 BIT64(6) /* AP[1]: RES1 in single-privilege regimes like EL2 */
#define PTE_AP_RO BIT64(7)	 /* AP[2] */
#define PTE_SH_MASK PTE_FIELD(9, 8)
#define PTE_SH_INNER (3UL << 8)
#define PTE_AF BIT64(10)
#define PTE_NG BIT64(11)
#define PTE_ADDR_MASK 0x0000fffffffff000UL /* output address [47:12] */
#define PTE_DBM BIT64(51)		   /* dirty bit modifier (FEAT_HAFDBS) */
#define PTE_CONTIGUOUS BIT64(52)
#define PTE_PXN BIT64(53)
#define PTE_XN BIT64(54) /* UXN in the EL1&0 regime, XN at EL2 */
#define PTE_UXN BIT64(54)
#define PTE_SOFTWARE PTE_FIELD(58, 55) /* ignored by hardware: the guest's own bits */

/* Table descriptor attributes (hierarchical restrictions of everything below) */
#define PTE_PXN_TABLE BIT64(59)
#define PTE_UXN_TABLE BIT64(60)
#define PTE_AP_TABLE PTE_FIELD(62, 61)
#define PTE_NS_TABLE BIT64(63)

#endif
