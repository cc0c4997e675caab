/*
 * el2.c: the EL2 controls that make EL1 a paravirtualized guest (DESIGN.md decision 2).
 *
 * Stage 2 stays off (HCR_EL2.VM = 0): guests build stage-1 tables holding machine
 * addresses. What must not reach the hardware unchecked traps to EL2: SMC (PSCI is
 * emulated), writes to the translation controls (TVM), set/way cache maintenance (TSW),
 * data-cache maintenance to the point of coherency by VA (TPC: with VM = 0 a guest's DC
 * IVAC would really discard lines, including Ringo's zeroing of a frame it was given), WFI
 * (it blocks the vCPU, traps.c), implementation-defined and auxiliary control registers,
 * FP/SIMD (Ringo does not switch FP state yet), debug and PMU registers, and the physical
 * timer (CNTHCTL_EL2: EL1 reads the counters, but CNTP_* trap; the EL2 timer is Ringo's
 * deadline, timer.c, and guests use the virtual timer with a per-domain CNTVOFF). Physical
 * interrupts and SErrors are routed to EL2 (the GIC's IRQs, irq.c). VTCR_EL2 is set only
 * for its VMID size (8 bits): with stage 2 off, VTTBR_EL2 carries nothing but the running
 * domain's VMID (tlb.c).
 */
#include "plat/boot.h"
#include "plat/sysreg.h"

#define HCR_EL2_GUEST                                                                      \
	(HCR_RW | HCR_TVM | HCR_TSW | HCR_TPC | HCR_TACR | HCR_TIDCP | HCR_TSC | HCR_TWI | \
	 HCR_AMO | HCR_IMO | HCR_FMO)

static uint64_t mdcr_el2_value(void)
{
	uint64_t counters = (read_sysreg(pmcr_el0) >> PMCR_N_SHIFT) & PMCR_N_MASK;

	/* HPMN = N leaves the counters to EL1 in name; TPM/TPMCR trap every access anyway. */
	return (counters & MDCR_HPMN_MASK) | MDCR_TPMCR | MDCR_TPM | MDCR_TDA | MDCR_TDOSA |
	       MDCR_TDRA;
}

void el2_init(void)
{
	write_sysreg(hcr_el2, HCR_EL2_GUEST);
	write_sysreg(cptr_el2, CPTR_EL2_RES1 | CPTR_TFP);
	write_sysreg(mdcr_el2, mdcr_el2_value());
	write_sysreg(hstr_el2, 0);
	write_sysreg(cnthctl_el2, CNTHCTL_EL1PCTEN);
	write_sysreg(cntvoff_el2, 0);
	write_sysreg(vtcr_el2, VTCR_EL2_RES1);
	write_sysreg(vttbr_el2, 0);
	/* What EL1 reads as its MIDR/MPIDR: the real ones (U-Boot may leave anything). */
	write_sysreg(vpidr_el2, read_sysreg(midr_el1));
	write_sysreg(vmpidr_el2, read_sysreg(mpidr_el1));
	isb();
}
