/*
 * vcpu.c: starting, running and dropping guest vCPUs (core/include/arch/vcpu.h).
 *
 * Entering a vCPU loads its EL1 registers if another vCPU's are in the CPU (saving those
 * first), makes its domain's VMID current and sets the domain's virtual-counter offset
 * (the counter when its first vCPU was set up, so its virtual time starts near zero), then
 * delivers the event upcall if one is due (arch/event.h).
 * EL1&0 TLB entries are tagged with the VMID (tlb.c), so switching domains needs no flush;
 * a domain's VMID is flushed when its first vCPU is set up and when it is torn down. A
 * vCPU's first entry is prepared so the guest starts with its MMU on, EL1h with DAIF masked,
 * x0 = start_info (ABI.md section 8); the code it will fetch was written through the
 * D-cache, so it is cleaned to the point of unification first.
 *
 * The page-table base (TTBR0_EL1) changes only through arch_vcpu_set_pt_base, called by the
 * core once the new table is a validated, referenced top-level table of the domain; every
 * translation of the old base is dropped before the guest runs again, since the old table
 * may stop being a page table as soon as the core releases it.
 */
#include "arch/event.h"
#include "arch/time.h"
#include "arch/vcpu.h"
#include "frame_alloc.h"
#include "lib.h"
#include "plat/cache.h"
#include "plat/pt_format.h"
#include "plat/sysreg.h"
#include "plat/tlb.h"
#include "plat/vcpu_run.h"

/* The vCPU whose EL1 registers the CPU holds (NULL when none). */
static struct vcpu *loaded_vcpu;

bool vcpu_is_loaded(const struct vcpu *v)
{
	return loaded_vcpu == v;
}

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
	arch->vcpu_info = &v->domain->shared_info->vcpu_info[v->id];
	if (v->id == 0) {
		v->domain->arch.cntvoff = arch_time_counter();
	}
	arch->regs.x[0] = start->start_info;
	arch->regs.elr = start->entry;
	arch->regs.spsr = PSR_MODE_EL1H | PSR_DAIF;
	el1_context_init(&arch->el1, start->pt_base, start->stack_top);
	domain_sync_icache(v->domain);
	tlb_flush_domain(v->domain);
}

static void vcpu_load(struct vcpu *v)
{
	if (loaded_vcpu) {
		el1_context_save(&loaded_vcpu->arch.el1);
	}
	vmid_load(v->domain);
	el1_context_restore(&v->arch.el1);
	write_sysreg(cntvoff_el2, v->domain->arch.cntvoff);
	/* A load-exclusive of the previous vCPU must not pair with this one's store. */
	__asm__ volatile("clrex" : : : "memory");
	loaded_vcpu = v;
}

HOT_CALL noreturn void arch_vcpu_run(struct vcpu *v)
{
	if (loaded_vcpu != v) {
		vcpu_load(v);
	}
	if (arch_event_upcall_due(v)) {
		arch_event_upcall(v);
	}
	guest_enter(&v->arch.regs);
}

uint64_t vcpu_ttbr0(const struct vcpu *v)
{
	return vcpu_is_loaded(v) ? read_sysreg(ttbr0_el1) : v->arch.el1.ttbr0;
}

void vcpu_ttbr0_set(struct vcpu *v, uint64_t value)
{
	if (vcpu_is_loaded(v)) {
		write_sysreg(ttbr0_el1, value);
		isb();
	} else {
		v->arch.el1.ttbr0 = value;
	}
}

void arch_vcpu_set_pt_base(struct vcpu *v, mfn_t top)
{
	uint16_t asid = (uint16_t)(vcpu_ttbr0(v) >> TTBR_ASID_SHIFT);

	vcpu_ttbr0_set(v, vmsav8_ttbr0_el1_value(top, asid));
	if (vcpu_is_loaded(v)) {
		tlb_flush_current_vmid();
	} else {
		tlb_flush_domain(v->domain);
	}
}

void arch_vcpu_destroy(struct vcpu *v)
{
	if (loaded_vcpu == v) {
		/* Its frames go back to the allocator: no walk may start from its tables. */
		loaded_vcpu = NULL;
		write_sysreg(tcr_el1, TCR_EPD0 | TCR_EPD1);
		isb();
	}
	tlb_flush_domain(v->domain);
	memset(&v->arch.el1, 0, sizeof(v->arch.el1));
	v->arch.vcpu_info = NULL; /* the shared_info frame goes back to the allocator */
}
