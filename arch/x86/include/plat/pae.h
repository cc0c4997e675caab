/*
 * plat/pae.h (x86): the PAE page-table format.
 *
 * Three levels of 64-bit entries: a 4-entry L3 (the PDPT, which holds only the present
 * bit, two cache-control bits and the address: RW, US, A, D, PS and NX are reserved
 * there), 512-entry L2s (each entry 2 MiB, either a 2 MiB page with PS or an L1) and
 * 512-entry L1s (4 KiB pages). Bits from MAXPHYADDR up to 62 are reserved at every
 * level, and bit 63 (NX) unless EFER.NXE is on.
 *
 * The pae_* functions are the PAE half of the page-table contract (core/include/arch/pt.h)
 * as pure functions: pt_format.c implements them without touching the CPU, so the host
 * unit tests and fuzz targets can call them; pt.c wraps them as the arch_* functions with
 * what it learnt from CPUID (struct pae_caps).
 */
#ifndef RINGO_PLAT_PAE_H
#define RINGO_PLAT_PAE_H

#define PAE_PRESENT 0x001
#define PAE_RW 0x002
#define PAE_USER 0x004
#define PAE_PWT 0x008
#define PAE_PCD 0x010
#define PAE_ACCESSED 0x020
#define PAE_DIRTY 0x040
#define PAE_PSE 0x080 /* L2: a 2 MiB page; L1: the PAT bit */
#define PAE_L1_PAT 0x080
#define PAE_GLOBAL 0x100
#define PAE_AVAILABLE 0xe00 /* bits 9-11, the software's own */

#define PAE_ENTRIES 512
#define PAE_L3_ENTRIES 4
#define PAE_L1_SHIFT 12
#define PAE_L2_SHIFT 21
#define PAE_L3_SHIFT 30
#define PAE_SUPERPAGE_SIZE (1 << PAE_L2_SHIFT)

#ifndef __ASSEMBLY__
#include "addr.h"
#include "pte_type.h"
#include "types.h"

#define PAE_NX (1ULL << 63)
/* Bits 12-51: the widest address the format holds (MAXPHYADDR may be less). */
#define PAE_ADDRESS_MASK 0x000ffffffffff000ULL
#define PAE_FORMAT_MAX_PHYS_BITS 52

typedef uint64_t pae_entry_t;

/* What the CPU lets entries hold: its MAXPHYADDR, and whether EFER.NXE is on. */
struct pae_caps {
	unsigned int phys_bits;
	bool nx;
};

static inline unsigned int pae_l3_index(uint64_t va)
{
	return (unsigned int)(va >> PAE_L3_SHIFT) & (PAE_L3_ENTRIES - 1);
}

static inline unsigned int pae_l2_index(uint64_t va)
{
	return (unsigned int)(va >> PAE_L2_SHIFT) & (PAE_ENTRIES - 1);
}

static inline unsigned int pae_l1_index(uint64_t va)
{
	return (unsigned int)(va >> PAE_L1_SHIFT) & (PAE_ENTRIES - 1);
}

/*
 * The contract's format primitives (see arch/pt.h); level is 1, 2 or 3. The ones that
 * are a mask or a shift are inline, so that pt.c's arch_* functions are one step each.
 */
static inline unsigned int pae_pt_entry_count(unsigned int level)
{
	return level == 3 ? PAE_L3_ENTRIES : PAE_ENTRIES;
}

static inline unsigned int pae_pt_index(uint64_t va, unsigned int level)
{
	if (level == 1) {
		return pae_l1_index(va);
	}
	return level == 2 ? pae_l2_index(va) : pae_l3_index(va);
}

static inline bool pae_pte_present(pte_t pte, unsigned int level)
{
	(void)level;
	return pte.value & PAE_PRESENT;
}

static inline mfn_t pae_pte_mfn(pte_t pte, unsigned int level)
{
	(void)level;
	return mfn((pte.value & PAE_ADDRESS_MASK) >> PAGE_SHIFT);
}

static inline bool pae_pte_writable(pte_t pte)
{
	/* Both bits are in the low word: a 32-bit test is the same test, and half the work. */
	return ((uint32_t)pte.value & (PAE_PRESENT | PAE_RW)) == (PAE_PRESENT | PAE_RW);
}

static inline pte_t pae_pte_preserve_ad(pte_t old_pte, pte_t new_pte)
{
	return (pte_t){new_pte.value | (old_pte.value & (PAE_ACCESSED | PAE_DIRTY))};
}

/*
 * The bits a present entry of the given level may not have on a CPU with caps: the
 * attributes the level refuses and the address bits from MAXPHYADDR up. pae_pte_check is
 * a test against it, which pt.c keeps precomputed per level.
 */
uint64_t pae_pte_forbidden(unsigned int level, const struct pae_caps *caps);
int pae_pte_check(pte_t pte, unsigned int level, const struct pae_caps *caps);
pte_t pae_pte_make(mfn_t frame, unsigned int level, unsigned int flags);

/*
 * The hypervisor's part of the address space: in the L2 under L3 slot 3 (the only
 * hypervisor-sharing table), the entries from HYPERVISOR_VIRT_START up.
 */
#define PAE_HV_L3_SLOT 3
#define PAE_HV_FIRST_L2_SLOT 428 /* (0xF5800000 >> 21) & 511 */

static inline bool pae_pt_slot_reserved(unsigned int level, bool hv_table, unsigned int index)
{
	return level == 2 && hv_table && index >= PAE_HV_FIRST_L2_SLOT && index < PAE_ENTRIES;
}

static inline bool pae_pt_child_shares_hv(unsigned int level, unsigned int index)
{
	return level == 3 && index == PAE_HV_L3_SLOT;
}
#endif

#endif
