/*
 * plat/sysreg_bits.h (arm64): the system register fields Ringo sets or tests.
 *
 * Values are named after the Arm ARM's field names. Only bits Ringo sets or tests are
 * here; RES1 masks are those of ARMv8.0 for the non-VHE EL2 regime (HCR_EL2.E2H = 0).
 * Pure definitions (no accessors): included by assembly and by the host unit tests.
 */
#ifndef RINGO_PLAT_SYSREG_BITS_H
#define RINGO_PLAT_SYSREG_BITS_H

#define BIT64(n) (1UL << (n))

/* CurrentEL */
#define CURRENT_EL_SHIFT 2

/* HCR_EL2 */
#define HCR_FMO BIT64(3)
#define HCR_IMO BIT64(4)
#define HCR_AMO BIT64(5)
#define HCR_TWI BIT64(13)
#define HCR_TSC BIT64(19)
#define HCR_TIDCP BIT64(20)
#define HCR_TACR BIT64(21)
#define HCR_TSW BIT64(22)
#define HCR_TPC BIT64(23)
#define HCR_TVM BIT64(26)
#define HCR_RW BIT64(31)

/* SCTLR_ELx */
#define SCTLR_M BIT64(0)
#define SCTLR_A BIT64(1)
#define SCTLR_C BIT64(2)
#define SCTLR_SA BIT64(3)
#define SCTLR_SA0 BIT64(4)
#define SCTLR_CP15BEN BIT64(5)
#define SCTLR_ITD BIT64(7)
#define SCTLR_SED BIT64(8)
#define SCTLR_UMA BIT64(9)
#define SCTLR_I BIT64(12)
#define SCTLR_DZE BIT64(14)
#define SCTLR_UCT BIT64(15)
#define SCTLR_NTWI BIT64(16)
#define SCTLR_NTWE BIT64(18)
#define SCTLR_WXN BIT64(19)
#define SCTLR_E0E BIT64(24)
#define SCTLR_EE BIT64(25)
#define SCTLR_UCI BIT64(26)
#define SCTLR_EL2_RES1 0x30C50830UL
#define SCTLR_EL1_RES1 0x30D00800UL

/* TCR_ELx: translation of the TTBR0 range (and, for TCR_EL1, the TTBR1 range) */
#define TCR_T0SZ(bits) (64UL - (bits))
#define TCR_T0SZ_MASK 0x3fUL
#define TCR_EPD0 BIT64(7)
#define TCR_IRGN0_SHIFT 8
#define TCR_ORGN0_SHIFT 10
#define TCR_RGN_WBWA 1UL  /* IRGNn/ORGNn: write-back, write-allocate */
#define TCR_RGN_WBNWA 3UL /* IRGNn/ORGNn: write-back, no write-allocate */
#define TCR_RGN_MASK 3UL
#define TCR_IRGN0_WBWA (TCR_RGN_WBWA << TCR_IRGN0_SHIFT)
#define TCR_ORGN0_WBWA (TCR_RGN_WBWA << TCR_ORGN0_SHIFT)
#define TCR_SH0_INNER (3UL << 12)
#define TCR_SH0_MASK (3UL << 12)
#define TCR_TG0_4K (0UL << 14)
#define TCR_TG0_MASK (3UL << 14)
#define TCR_T1SZ(bits) ((64UL - (bits)) << 16)
#define TCR_T1SZ_MASK (0x3fUL << 16)
#define TCR_A1 BIT64(22)
#define TCR_EPD1 BIT64(23)
#define TCR_IRGN1_MASK (3UL << 24)
#define TCR_ORGN1_MASK (3UL << 26)
#define TCR_SH1_MASK (3UL << 28)
#define TCR_TG1_4K (2UL << 30)
#define TCR_TG1_MASK (3UL << 30)
#define TCR_EL1_IPS_SHIFT 32
#define TCR_EL1_IPS_MASK (7UL << 32)
#define TCR_TBI0 BIT64(37)
#define TCR_TBI1 BIT64(38)
#define TCR_HPD0 BIT64(41)
#define TCR_HPD1 BIT64(42)
#define TCR_EL2_PS_SHIFT 16
#define TCR_EL2_RES1 (BIT64(23) | BIT64(31))

/* TTBRn_EL1, VTTBR_EL2 */
#define TTBR_CNP BIT64(0)
#define TTBR_ASID_SHIFT 48
#define TTBR_BADDR_MASK 0x0000fffffffffffeUL
#define VTTBR_VMID_SHIFT 48

/* VTCR_EL2: only VS matters with stage 2 off (0: 8-bit VMIDs) */
#define VTCR_EL2_RES1 BIT64(31)

/* ID_AA64MMFR0_EL1.PARange, and the 40-bit encoding (enough for QEMU virt's map). */
#define MMFR0_PARANGE_MASK 0xfUL
#define PARANGE_40BITS 2UL

/* MAIR: Ringo's own attribute indices (EL2). */
#define MAIR_ATTR_NORMAL_WB 0xffUL
#define MAIR_ATTR_DEVICE_NGNRNE 0x00UL
#define MAIR_ATTR_NORMAL_NC 0x44UL
#define MAIR_IDX_NORMAL 0
#define MAIR_IDX_DEVICE 1
#define MAIR_IDX_NORMAL_NC 2
#define MAIR_VALUE                                            \
	((MAIR_ATTR_NORMAL_WB << (8 * MAIR_IDX_NORMAL)) |     \
	 (MAIR_ATTR_DEVICE_NGNRNE << (8 * MAIR_IDX_DEVICE)) | \
	 (MAIR_ATTR_NORMAL_NC << (8 * MAIR_IDX_NORMAL_NC)))
/* A guest's MAIR_EL1 at start of day: every index Normal write-back (plat/pt_format.h). */
#define MAIR_GUEST_VALUE 0xffffffffffffffffUL

/* CPTR_EL2 (non-VHE): RES1 bits, and TFP, which traps FP/SIMD at EL0-2 to EL2. */
#define CPTR_EL2_RES1 0x33ffUL
#define CPTR_TFP BIT64(10)

/* MDCR_EL2: debug and PMU registers trap to EL2; HPMN keeps every counter for EL1. */
#define MDCR_HPMN_MASK 0x1fUL
#define MDCR_TPMCR BIT64(5)
#define MDCR_TPM BIT64(6)
#define MDCR_TDA BIT64(9)
#define MDCR_TDOSA BIT64(10)
#define MDCR_TDRA BIT64(11)
#define PMCR_N_SHIFT 11
#define PMCR_N_MASK 0x1fUL

/* CNTHCTL_EL2 (non-VHE): EL1 may read the physical counter, not program the timer. */
#define CNTHCTL_EL1PCTEN BIT64(0)

/* SPSR / PSTATE */
#define PSR_MODE_MASK 0x1fUL
#define PSR_MODE_EL0T 0x0UL
#define PSR_MODE_EL1T 0x4UL
#define PSR_MODE_EL1H 0x5UL
#define PSR_MODE_AARCH32 0x10UL
#define PSR_F BIT64(6)
#define PSR_I BIT64(7)
#define PSR_A BIT64(8)
#define PSR_D BIT64(9)
#define PSR_DAIF (PSR_D | PSR_A | PSR_I | PSR_F)

/* PAR_EL1 after an AT instruction */
#define PAR_F BIT64(0)
#define PAR_PA_MASK 0x0000fffffffff000UL

/* CTR_EL0: log2 of the smallest D-cache line, in words */
#define CTR_DMINLINE_SHIFT 16
#define CTR_DMINLINE_MASK 0xfUL

#endif
