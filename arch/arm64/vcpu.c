/*
 * vcpu.c: starting, running and dropping guest vCPUs (core/include/arch/vcpu.h).
 *
 * Entering a vCPU loads its EL1 registers if another vCPU's are in the CPU (saving those
 * first), sets the domain's virtual-counter offset, and discards every EL1&0 translation:
 * all guests share VMID 0 with stage 2 off, so a TLB entry of one domain must never
 * translate for another. A vCPU's first entry is prepared so the guest starts with its MMU
 * on, EL1h with DAIF masked, x0 = start_info (ABI.md section 8); the code it will fetch was
 * written through the D-cache, so it is cleaned to the point of unification first.
 */
#include "arch/vcpu.h"
#include "frame_alloc.h"
#include "lib.h"
#include "plat/cache.h"
#include "plat/sysreg.h"
#include "plat/vcpu_run.h"

/* The vCPU whose EL1 registers the CPU holds (NULL when none). */
static struct vcpu *loaded_vcpu;

/* Makes everything the builder wrote into d's memory visible to instruction fetch. */
static void domain_sync_icache(const struct domain *d)
{
	for (uint64_t i = 0; i < d->nr_pages; i++) {
		uint8_t *page = frame_map(d->p2m[i]);

		dcache_clean_pou_range(page, page + PAGE_SIZE);
	}
	icache_invalidate_all();
}

void arch_vcpu_init(struct vcpu *v, const struct vcpu_start *start)
{
	struct arch_vcpu *arch = &v->arch;

	memset(arch, 0, sizeof(*arch));
	arch->regs.x[0] = start->start_info;
	arch->regs.elr = start->entry;
	arch->regs.spsr = PSR_MODE_EL1H | PSR_DAIF;
	el1_context_init(&arch->el1, start->pt_base, start->stack_top);
	domain_sync_icache(v->domain);
}

static void vcpu_load(struct vcpu *v)
{
	if (loaded_vcpu) {
		el1_context_save(&loaded_vcpu->arch.el1);
	}
	el1_context_restore(&v->arch.el1);
	write_sysreg(cntvoff_el2, v->domain->arch.cntvoff);
	/* A load-exclusive of the previous vCPU must not pair with this one's store. */
	__asm__ volatile("clrex" : : : "memory");
	tlb_flush_guest();
	loaded_vcpu = v;
}

noreturn void arch_vcpu_run(struct vcpu *v)
{
	if (loaded_vcpu != v) {
		vcpu_load(v);
	}
	guest_enter(&v->arch.regs);
}

void arch_vcpu_destroy(struct vcpu *v)
{
	if (loaded_vcpu == v) {
		/* Its frames go back to the allocator: no translation may still reach them. */
		loaded_vcpu = NULL;
		write_sysreg(tcr_el1, TCR_EPD0 | TCR_EPD1);
		tlb_flush_guest();
	}
	memset(&v->arch.el1, 0, sizeof(v->arch.el1));
}
