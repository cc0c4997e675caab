/*
 * plat/pt_inline.h (x86): the per-entry primitives of core/include/arch/pt.h, inline.
 *
 * Each is one of plat/pae.h's pure pae_* functions; arch_pte_check tests the entry against
 * the bits its level forbids on this CPU, a mask per level that pt.c computes once from
 * CPUID (pt_init; until then every bit is forbidden, so nothing is accepted too early);
 * arch_pte_leaf_frame, the fast paths' level-1 check and frame in one, is in 32-bit halves.
 * The host's validator fuzz target defines ARCH_PT_PRIMITIVES_EXTERN and implements them
 * as functions over the same pae_* ones (tests/fuzz/validator_pae/format.c).
 */
#ifndef RINGO_PLAT_PT_INLINE_H
#define RINGO_PLAT_PT_INLINE_H

#ifndef ARCH_PT_PRIMITIVES_EXTERN
#include "plat/pae.h"
#include "public/errno.h"

/* Per level (1..3), the bits a present entry may not have on this CPU (pt.c). */
extern uint64_t pae_forbidden_bits[4];

static inline unsigned int arch_pt_entry_count(unsigned int level)
{
	return pae_pt_entry_count(level);
}

static inline unsigned int arch_pt_index(uint64_t va, unsigned int level)
{
	return pae_pt_index(va, level);
}

static inline bool arch_pte_present(pte_t pte, unsigned int level)
{
	(void)level;
	/* The bit is in the low word: a 32-bit test is one instruction on i386. */
	return ((uint32_t)pte.value & PAE_PRESENT) != 0;
}

static inline mfn_t arch_pte_mfn(pte_t pte, unsigned int level)
{
	return pae_pte_mfn(pte, level);
}

static inline bool arch_pte_writable(pte_t pte)
{
	return pae_pte_writable(pte);
}

static inline int arch_pte_check(pte_t pte, unsigned int level)
{
	if (level < 1 || level > 3) {
		return -EINVAL;
	}
	return pte.value & pae_forbidden_bits[level] ? -EINVAL : 0;
}

static inline bool arch_pt_slot_reserved(unsigned int level, bool hv_table, unsigned int index)
{
	return pae_pt_slot_reserved(level, hv_table, index);
}

static inline bool arch_pt_child_shares_hv(unsigned int level, unsigned int index)
{
	return pae_pt_child_shares_hv(level, index);
}

static inline pte_t arch_pte_preserve_ad(pte_t old_pte, pte_t new_pte)
{
	return pae_pte_preserve_ad(old_pte, new_pte);
}

/*
 * The fast paths' level-1 frames in 32-bit halves. A frame number below 2^32 has no address
 * bits from 44 up; pt.c adds those to level 1's mask for the checked one.
 */
#define ARCH_HAS_PTE_LEAF_FRAME
extern uint32_t pae_leaf_word_forbidden[2];

#define PAE_HIGH_WORD_WIDE_FRAME ((uint32_t)(PAE_ADDRESS_MASK >> 32) & ~((1U << PAGE_SHIFT) - 1))

/* One double shift (shrd) on i386, where the 64-bit shift's low word is all it keeps. */
static inline unsigned long pae_leaf_word_frame(uint32_t low, uint32_t high)
{
	return (unsigned long)(((uint64_t)high << 32 | low) >> PAGE_SHIFT);
}

static inline bool arch_pte_leaf_frame(pte_t pte, unsigned long *frame)
{
	uint32_t high = (uint32_t)(pte.value >> 32);

	*frame = pae_leaf_word_frame((uint32_t)pte.value, high);
	return !(high & PAE_HIGH_WORD_WIDE_FRAME);
}

static inline bool arch_pte_leaf_checked_frame(pte_t pte, unsigned long *frame)
{
	uint32_t low = (uint32_t)pte.value;
	uint32_t high = (uint32_t)(pte.value >> 32);

	if ((low & pae_leaf_word_forbidden[0]) | (high & pae_leaf_word_forbidden[1])) {
		return false;
	}
	*frame = pae_leaf_word_frame(low, high);
	return true;
}

/*
 * The level-1 primitives of core/include/pt_leaf.h on an entry's two 32-bit words (low,
 * high): a 64-bit value is a register pair on i386, which the fast paths cannot afford to
 * keep. Present, RW and the flags are all in the low word.
 */
#define ARCH_HAS_PTE_WORDS

static inline bool arch_pte_words_present(uint32_t low, uint32_t high)
{
	(void)high;
	return low & PAE_PRESENT;
}

static inline bool arch_pte_words_writable(uint32_t low, uint32_t high)
{
	(void)high;
	return (low & (PAE_PRESENT | PAE_RW)) == (PAE_PRESENT | PAE_RW);
}

static inline bool arch_pte_words_leaf_frame(uint32_t low, uint32_t high, unsigned long *frame)
{
	*frame = pae_leaf_word_frame(low, high);
	return !(high & PAE_HIGH_WORD_WIDE_FRAME);
}

static inline bool arch_pte_words_leaf_checked_frame(uint32_t low, uint32_t high,
						     unsigned long *frame)
{
	if ((low & pae_leaf_word_forbidden[0]) | (high & pae_leaf_word_forbidden[1])) {
		return false;
	}
	*frame = pae_leaf_word_frame(low, high);
	return true;
}
#endif

/*
 * arch_tlb_flush_va (arch/pt.h): nothing to do. Every return to a guest loads its cr3
 * with CR4.PGE off, which drops every translation it had (pt.c).
 */
#define ARCH_HAS_INLINE_TLB_FLUSH_VA
static inline void arch_tlb_flush_va(uint64_t va)
{
	(void)va;
}

#endif
