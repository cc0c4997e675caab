/*
 * tlb.c: per-domain VMIDs and TLB maintenance of the guests' EL1&0 regime (plat/tlb.h).
 *
 * Stage 2 is off, so a VMID costs nothing but its number: VTTBR_EL2 holds only the VMID
 * (no table), VTCR_EL2.VS = 0 (el2.c) keeps VMIDs 8 bits wide, and domain ids below
 * MAX_DOMAINS map one-to-one onto VMIDs 1..MAX_DOMAINS. Every invalidation is broadcast to
 * the Inner Shareable domain and waited for, so it has taken effect when the function
 * returns.
 */
#include "plat/sysreg.h"
#include "plat/tlb.h"

_Static_assert(MAX_DOMAINS < 256, "8-bit VMIDs: one per domain plus VMID 0");

#define TLBI_VA_MASK 0x00000fffffffffffUL /* the operand's VA[55:12] field */

uint64_t vmid_of(const struct domain *d)
{
	return (uint64_t)d->id + 1;
}

void vmid_load(const struct domain *d)
{
	write_sysreg(vttbr_el2, vmid_of(d) << VTTBR_VMID_SHIFT);
	isb();
}

void tlb_flush_current_vmid(void)
{
	dsb_ish();
	__asm__ volatile("tlbi vmalle1is" : : : "memory");
	dsb_ish();
	isb();
}

void tlb_flush_current_va(uint64_t va)
{
	dsb_ish();
	__asm__ volatile("tlbi vaae1is, %0" : : "r"((va >> PAGE_SHIFT) & TLBI_VA_MASK) : "memory");
	dsb_ish();
	isb();
}

void tlb_flush_domain(const struct domain *d)
{
	uint64_t current = read_sysreg(vttbr_el2);

	vmid_load(d);
	tlb_flush_current_vmid();
	write_sysreg(vttbr_el2, current);
	isb();
}
