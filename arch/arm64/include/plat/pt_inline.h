/*
 * plat/pt_inline.h (arm64): the per-entry primitives of core/include/arch/pt.h, inline.
 *
 * Each is one of plat/pt_format.h's pure vmsav8_* functions, and arch_pte_check adds what
 * the host cannot test: an accepted entry's output address must be RAM of Ringo's identity
 * map. The common case, a frame in the first RAM range, is a subtraction and a compare
 * here; anything else goes to pt.c (arm64_pte_check_other_ram). No ARM64 table shares the
 * hypervisor: Ringo runs in its own EL2 regime and keeps no part of a guest's space. The
 * host's validator fuzz target defines ARCH_PT_PRIMITIVES_EXTERN and implements these as
 * functions over the same vmsav8_* ones (tests/fuzz/validator_vmsav8/format.c).
 */
#ifndef RINGO_PLAT_PT_INLINE_H
#define RINGO_PLAT_PT_INLINE_H

#ifndef ARCH_PT_PRIMITIVES_EXTERN
#include "plat/mmu.h"
#include "plat/pt_format.h"

/*
 * A present entry's frame outside the first RAM range: 0 when it is RAM elsewhere in the
 * identity map, else the core's error for what is not RAM (-EPERM for a page, -EINVAL for a
 * table). pt.c.
 */
int arm64_pte_check_other_ram(maddr_t page, unsigned int level);

static inline unsigned int arch_pt_entry_count(unsigned int level)
{
	return vmsav8_pt_entry_count(level);
}

static inline unsigned int arch_pt_index(uint64_t va, unsigned int level)
{
	return vmsav8_pt_index(va, level);
}

static inline bool arch_pte_present(pte_t pte, unsigned int level)
{
	return vmsav8_pte_present(pte, level);
}

static inline mfn_t arch_pte_mfn(pte_t pte, unsigned int level)
{
	return vmsav8_pte_mfn(pte, level);
}

static inline bool arch_pte_writable(pte_t pte)
{
	return vmsav8_pte_writable(pte);
}

static inline int arch_pte_check(pte_t pte, unsigned int level)
{
	int rc = vmsav8_pte_check(pte, level);
	maddr_t page;

	if (rc || !vmsav8_pte_present(pte, level)) {
		return rc;
	}
	page = mfn_to_maddr(vmsav8_pte_mfn(pte, level));
	return mmu_page_in_first_ram(page) ? 0 : arm64_pte_check_other_ram(page, level);
}

static inline bool arch_pt_slot_reserved(unsigned int level, bool hv_table, unsigned int index)
{
	(void)level;
	(void)hv_table;
	(void)index;
	return false;
}

static inline bool arch_pt_child_shares_hv(unsigned int level, unsigned int index)
{
	(void)level;
	(void)index;
	return false;
}

static inline pte_t arch_pte_preserve_ad(pte_t old_pte, pte_t new_pte)
{
	return vmsav8_pte_preserve_ad(old_pte, new_pte);
}
#endif

#endif
