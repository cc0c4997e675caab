/*
 * el1_context.c: a guest's EL1 system registers, kept per vCPU.
 *
 * While a vCPU is on the CPU its EL1 registers live in the hardware (the trap handlers read
 * and write them directly); they are copied out only when another vCPU takes the CPU. The
 * list is every EL1/EL0 register a guest can change without trapping: those behind
 * HCR_EL2/MDCR_EL2/CNTHCTL_EL2 traps are never written by a guest.
 *
 * A vCPU starts with its MMU and caches on (ABI.md section 8): TTBR0_EL1 holds the
 * bootstrap tables, TCR_EL1 gives a 39-bit 4 KiB-granule space with cacheable walks and
 * TTBR1 walks disabled, MAIR_EL1 holds Normal write-back memory at every index (the only
 * attributes a guest may select: plat/pt_format.h), FP/SIMD traps to the guest itself
 * (CPACR_EL1 = 0).
 */
#include "arch/config.h"
#include "plat/pte.h"
#include "plat/sysreg.h"
#include "plat/vcpu_run.h"

#define GUEST_SCTLR_EL1                                                                     \
	(SCTLR_EL1_RES1 | SCTLR_M | SCTLR_C | SCTLR_I | SCTLR_SA | SCTLR_SA0 | SCTLR_NTWI | \
	 SCTLR_NTWE)

static uint64_t guest_tcr_el1(void)
{
	uint64_t parange = read_sysreg(id_aa64mmfr0_el1) & MMFR0_PARANGE_MASK;
	uint64_t ips = parange < PARANGE_40BITS ? parange : PARANGE_40BITS;

	return TCR_T0SZ(ARCH_GUEST_VA_BITS) | TCR_IRGN0_WBWA | TCR_ORGN0_WBWA | TCR_SH0_INNER |
	       TCR_TG0_4K | TCR_EPD1 | TCR_T1SZ(ARCH_GUEST_VA_BITS) | TCR_TG1_4K |
	       (ips << TCR_EL1_IPS_SHIFT);
}

void el1_context_init(struct el1_context *ctx, maddr_t pt_base, uint64_t stack_top)
{
	*ctx = (struct el1_context){
	    .sctlr = GUEST_SCTLR_EL1,
	    .ttbr0 = maddr_value(pt_base) & PTE_ADDR_MASK,
	    .tcr = guest_tcr_el1(),
	    .mair = MAIR_GUEST_VALUE,
	    .sp_el1 = stack_top,
	};
}

void el1_context_save(struct el1_context *ctx)
{
	ctx->sctlr = read_sysreg(sctlr_el1);
	ctx->ttbr0 = read_sysreg(ttbr0_el1);
	ctx->ttbr1 = read_sysreg(ttbr1_el1);
	ctx->tcr = read_sysreg(tcr_el1);
	ctx->mair = read_sysreg(mair_el1);
	ctx->amair = read_sysreg(amair_el1);
	ctx->vbar = read_sysreg(vbar_el1);
	ctx->contextidr = read_sysreg(contextidr_el1);
	ctx->tpidr_el1 = read_sysreg(tpidr_el1);
	ctx->tpidr_el0 = read_sysreg(tpidr_el0);
	ctx->tpidrro_el0 = read_sysreg(tpidrro_el0);
	ctx->sp_el0 = read_sysreg(sp_el0);
	ctx->sp_el1 = read_sysreg(sp_el1);
	ctx->elr_el1 = read_sysreg(elr_el1);
	ctx->spsr_el1 = read_sysreg(spsr_el1);
	ctx->esr_el1 = read_sysreg(esr_el1);
	ctx->far_el1 = read_sysreg(far_el1);
	ctx->afsr0 = read_sysreg(afsr0_el1);
	ctx->afsr1 = read_sysreg(afsr1_el1);
	ctx->par_el1 = read_sysreg(par_el1);
	ctx->cpacr = read_sysreg(cpacr_el1);
	ctx->cntkctl = read_sysreg(cntkctl_el1);
	ctx->cntv_ctl = read_sysreg(cntv_ctl_el0);
	ctx->cntv_cval = read_sysreg(cntv_cval_el0);
	ctx->csselr = read_sysreg(csselr_el1);
}

void el1_context_restore(const struct el1_context *ctx)
{
	write_sysreg(sctlr_el1, ctx->sctlr);
	write_sysreg(ttbr0_el1, ctx->ttbr0);
	write_sysreg(ttbr1_el1, ctx->ttbr1);
	write_sysreg(tcr_el1, ctx->tcr);
	write_sysreg(mair_el1, ctx->mair);
	write_sysreg(amair_el1, ctx->amair);
	write_sysreg(vbar_el1, ctx->vbar);
	write_sysreg(contextidr_el1, ctx->contextidr);
	write_sysreg(tpidr_el1, ctx->tpidr_el1);
	write_sysreg(tpidr_el0, ctx->tpidr_el0);
	write_sysreg(tpidrro_el0, ctx->tpidrro_el0);
	write_sysreg(sp_el0, ctx->sp_el0);
	write_sysreg(sp_el1, ctx->sp_el1);
	write_sysreg(elr_el1, ctx->elr_el1);
	write_sysreg(spsr_el1, ctx->spsr_el1);
	write_sysreg(esr_el1, ctx->esr_el1);
	write_sysreg(far_el1, ctx->far_el1);
	write_sysreg(afsr0_el1, ctx->afsr0);
	write_sysreg(afsr1_el1, ctx->afsr1);
	write_sysreg(par_el1, ctx->par_el1);
	write_sysreg(cpacr_el1, ctx->cpacr);
	write_sysreg(cntkctl_el1, ctx->cntkctl);
	write_sysreg(cntv_cval_el0, ctx->cntv_cval);
	write_sysreg(cntv_ctl_el0, ctx->cntv_ctl);
	write_sysreg(csselr_el1, ctx->csselr);
	isb();
}
