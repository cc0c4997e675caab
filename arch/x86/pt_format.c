/*
 * pt_format.c (x86): PAE entries as the core's validator sees them (pure functions).
 *
 * Levels follow the contract: 1 = L1 (4 KiB pages), 2 = L2, 3 = the 4-entry PDPT. What a
 * guest may put in a present entry (pae_pte_check), beyond the reserved bits the CPU
 * itself refuses (MAXPHYADDR..62 everywhere, NX unless EFER.NXE):
 *
 *  - L1: write-back memory only. PWT, PCD and PAT are refused: with them a guest could
 *    map its RAM uncached beside the hypervisor's cacheable directmap (attribute
 *    aliasing), and it owns no device memory to need them. G is allowed: CR4.PGE is off,
 *    so the CPU ignores it, and every guest entry flushes the TLB anyway (cr3 switch).
 *  - L2: an L1 table only. PS (a 2 MiB page) would map machine memory no frame type
 *    covers; PWT/PCD are refused as in L1, and G, which the CPU ignores in a table
 *    entry, is refused so that the format has one spelling for one meaning.
 *  - L3: the present bit, the address and the software bits, nothing else. The PDPT is
 *    loaded into the CPU's PDPTE registers, where RW, US, A, D, PS, G and NX are reserved
 *    (a set one would make the cr3 load fault), and PWT/PCD are refused as above: this is
 *    the "L3 entries are sanitised" rule, enforced by refusing rather than rewriting.
 *
 * QEMU's TCG, unlike a real CPU, sets the accessed bit of the PDPT entries it walks, so a
 * live L3 may read back with bit 5 set: a guest must build L3 entries from an address,
 * never copy them.
 *
 * Not-present entries are the guest's business and are never checked. Ownership and
 * frame types are the core's (frame_table.c); this file knows only the bit layout.
 */
#include "plat/pae.h"
#include "public/errno.h"
#include "public/xen.h"

_Static_assert(((HYPERVISOR_VIRT_START_X86 >> PAE_L2_SHIFT) & (PAE_ENTRIES - 1)) ==
		   PAE_HV_FIRST_L2_SLOT,
	       "the hypervisor's first L2 slot is HYPERVISOR_VIRT_START's");
_Static_assert((HYPERVISOR_VIRT_START_X86 >> PAE_L3_SHIFT) == PAE_HV_L3_SLOT,
	       "the hypervisor lives under L3 slot 3");

#define L3_ALLOWED (PAE_PRESENT | PAE_AVAILABLE)
#define L2_ALLOWED (PAE_PRESENT | PAE_RW | PAE_USER | PAE_ACCESSED | PAE_DIRTY | PAE_AVAILABLE)
#define L1_ALLOWED \
	(PAE_PRESENT | PAE_RW | PAE_USER | PAE_ACCESSED | PAE_DIRTY | PAE_GLOBAL | PAE_AVAILABLE)

#define L2_TABLE_FLAGS (PAE_PRESENT | PAE_RW | PAE_USER | PAE_ACCESSED)

/* The address bits the CPU treats as reserved: from MAXPHYADDR up to bit 51. */
static uint64_t address_reserved(const struct pae_caps *caps)
{
	if (caps->phys_bits >= PAE_FORMAT_MAX_PHYS_BITS) {
		return 0;
	}
	return PAE_ADDRESS_MASK & ~((1ULL << caps->phys_bits) - 1);
}

static uint64_t allowed_attributes(unsigned int level, const struct pae_caps *caps)
{
	uint64_t nx = caps->nx ? PAE_NX : 0;

	switch (level) {
	case 1:
		return L1_ALLOWED | nx;
	case 2:
		return L2_ALLOWED | nx;
	default:
		return L3_ALLOWED; /* NX is reserved in a PDPT entry */
	}
}

uint64_t pae_pte_forbidden(unsigned int level, const struct pae_caps *caps)
{
	return (~PAE_ADDRESS_MASK & ~allowed_attributes(level, caps)) | address_reserved(caps);
}

int pae_pte_check(pte_t pte, unsigned int level, const struct pae_caps *caps)
{
	if (level < 1 || level > 3) {
		return -EINVAL;
	}
	return pte.value & pae_pte_forbidden(level, caps) ? -EINVAL : 0;
}

pte_t pae_pte_make(mfn_t frame, unsigned int level, unsigned int flags)
{
	uint64_t address = (mfn_value(frame) << PAGE_SHIFT) & PAE_ADDRESS_MASK;
	uint64_t bits;

	if (level == 3) {
		bits = PAE_PRESENT;
	} else if (level == 2) {
		bits = L2_TABLE_FLAGS;
	} else {
		/* A and D preset: the CPU need not write them back. */
		bits = PAE_PRESENT | PAE_ACCESSED;
		bits |= flags & PTE_MAKE_WRITABLE ? PAE_RW | PAE_DIRTY : 0;
		bits |= flags & PTE_MAKE_USER ? PAE_USER : 0;
	}
	return (pte_t){address | bits};
}
