/*
 * cache_trap.c: the data-cache maintenance a guest may not do on the hardware itself.
 *
 * Set/way operations (DC ISW/CSW/CISW, trapped by HCR_EL2.TSW) name cache lines by their
 * place in the cache, not by address: on the hardware they would clean or discard whatever
 * line sits there, other domains' and Ringo's dirty data included. A guest walks every set
 * and way of a level to push its own data to memory, which is exactly what Ringo does for
 * it, by address: the domain's whole memory is cleaned and invalidated to the point of
 * coherency through the identity map, which never loses a byte. It is done once per walk,
 * at the operation on set 0, way 0 (once for each cache level the guest walks); the other
 * operations of the walk complete with nothing left to do.
 *
 * Data-cache operations to the point of coherency by VA (DC IVAC, DC CVAC, DC CIVAC, and
 * DC CVAP/CVADP where they exist; trapped by HCR_EL2.TPC): with stage 2 off the hardware
 * does not upgrade an EL1 invalidate to a clean, so a guest could discard dirty lines over
 * its own frames, Ringo's zeroing of a frame handed to it included, and read the previous
 * owner's data beneath. Ringo performs every one as a clean and invalidate of the line at
 * the machine address the guest's own translation gives, with the permission the guest's
 * instruction needs (write for an invalidate, read for a clean); an address the guest
 * cannot access becomes the data abort its instruction would have raised.
 */
#include "arch/mm.h"
#include "frame_alloc.h"
#include "plat/cache.h"
#include "plat/esr.h"
#include "plat/guest_va.h"
#include "plat/mmu.h"
#include "plat/traps.h"

#define SET_WAY_LEVEL_MASK 0xeUL /* [3:1]: the level; set and way are above */
#define PAR_FST_SHIFT 1

static void domain_clean_invalidate(const struct domain *d)
{
	for (uint64_t i = 0; i < d->nr_pages; i++) {
		const uint8_t *page;

		if (!mfn_is_valid(d->p2m[i])) {
			continue;
		}
		page = frame_map(d->p2m[i]);
		dcache_clean_invalidate_range(page, page + PAGE_SIZE);
	}
}

void cache_set_way(struct vcpu *v, struct guest_regs *regs, uint64_t operand)
{
	if ((operand & ~SET_WAY_LEVEL_MASK) == 0) {
		domain_clean_invalidate(v->domain);
	}
	guest_step(regs);
}

static bool from_el0(const struct guest_regs *regs)
{
	return (regs->spsr & PSR_MODE_MASK) == PSR_MODE_EL0T;
}

void cache_poc_by_va(struct vcpu *v, struct guest_regs *regs, uint64_t va, bool invalidate)
{
	enum guest_access_kind kind = invalidate ? GUEST_WRITE : GUEST_READ;
	uint64_t par = guest_va_probe(va, kind, from_el0(regs));
	maddr_t line = maddr((par & PAR_PA_MASK) | (va & (PAGE_SIZE - 1)));
	const uint8_t *target;

	(void)v;
	if (par & PAR_F) {
		uint64_t dfsc = (par >> PAR_FST_SHIFT) & DABT_ISS_DFSC_MASK;

		inject_data_abort(regs, regs->elr, va, DABT_ISS_CM | DABT_ISS_WNR | dfsc);
		return;
	}
	if (mmu_is_ram(line, 1)) {
		target = arch_mm_maddr_to_virt(line);
		dcache_clean_invalidate_range(target, target + 1);
	}
	guest_step(regs);
}
