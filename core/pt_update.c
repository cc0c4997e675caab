/*
 * pt_update.c: changing one entry of a validated guest page table (mm.h), the step under
 * MMU_NORMAL_PT_UPDATE, MMU_PT_UPDATE_PRESERVE_AD and update_va_mapping.
 *
 * The entry's level comes from the type of the frame holding it, so a frame that is not
 * currently a validated table of its owner cannot be written through these paths at all.
 * Validate, then commit: the new value's references are taken first (which may validate a
 * whole new subtree), the value is written only when that succeeded, and the old value's
 * references are released last, so an entry rewritten to the same table never lets that
 * table's type count touch zero on the way.
 */
#include "arch/config.h"
#include "check.h"
#include "frame_alloc.h"
#include "mm.h"
#include "public/errno.h"
#include "pt_validate.h"

struct pt_slot {
	pte_t *entry;
	unsigned int level;
	unsigned int index;
};

/* Finds the entry at addr in a validated table of pt_owner's. */
static int slot_find(struct domain *pt_owner, maddr_t addr, struct pt_slot *slot)
{
	mfn_t table = maddr_to_mfn(addr);
	const struct frame_info *info = frame_info_of(table);
	uint64_t offset = maddr_value(addr) % PAGE_SIZE;

	if (!info || info->owner != pt_owner->id || offset % sizeof(pte_t)) {
		return -EINVAL;
	}
	slot->level = frame_type_level(info->type);
	slot->index = (unsigned int)(offset / sizeof(pte_t));
	if (!slot->level || !info->type_count || slot->index >= arch_pt_entry_count(slot->level)) {
		return -EINVAL;
	}
	if (arch_pt_slot_reserved(slot->level, info->type == FRAME_L2_HV, slot->index)) {
		return -EPERM;
	}
	slot->entry = (pte_t *)frame_map(table) + slot->index;
	return 0;
}

/*
 * Writes the entry. Plain 64-bit store: the hardware never walks a guest table while the
 * hypervisor runs on its own (x86: the hypervisor's cr3; ARM64: its EL2 regime).
 */
static int slot_write(struct domain *pt_owner, struct domain *pg_owner, const struct pt_slot *slot,
		      pte_t value)
{
	pte_t old = *slot->entry;

	if (arch_pte_present(value, slot->level)) {
		int rc = pt_entry_get(pt_owner, pg_owner, value, slot->level, slot->index);

		if (rc) {
			return rc;
		}
	}
	*slot->entry = value;
	if (arch_pte_present(old, slot->level)) {
		pt_entry_put(old, slot->level);
	}
	return 0;
}

int mm_update_entry(struct domain *pt_owner, struct domain *pg_owner, maddr_t entry, pte_t value,
		    bool preserve_ad, unsigned int *level)
{
	struct pt_slot slot;
	int rc = slot_find(pt_owner, entry, &slot);

	if (rc) {
		return rc;
	}
	/* Xen: tables above level 1 name only the table owner's tables. */
	if (slot.level > 1 && pg_owner != pt_owner) {
		return -EINVAL;
	}
	if (preserve_ad) {
		value = arch_pte_preserve_ad(*slot.entry, value);
	}
	*level = slot.level;
	return slot_write(pt_owner, pg_owner, &slot, value);
}

/* The level-1 entry of va in v's base table; every table on the way is validated. */
static int walk_to_leaf(const struct vcpu *v, uint64_t va, maddr_t *entry)
{
	mfn_t table = v->pt_base;

	if (!mfn_is_valid(table) || va >= ARCH_GUEST_VA_LIMIT) {
		return -EINVAL;
	}
	for (unsigned int level = ARCH_PT_LEVELS; level > 1; level--) {
		const struct frame_info *info = frame_info_of(table);
		unsigned int index = arch_pt_index(va, level);
		pte_t pte = ((const pte_t *)frame_map(table))[index];

		/* Reached through validated entries from the base: an invariant, not input. */
		CHECK(info && frame_type_level(info->type) == level && info->type_count);
		if (!pt_entry_counted(pte, level, info->type == FRAME_L2_HV, index)) {
			return -EINVAL;
		}
		table = arch_pte_mfn(pte, level);
	}
	*entry = maddr_add(mfn_to_maddr(table), arch_pt_index(va, 1) * sizeof(pte_t));
	return 0;
}

int mm_update_va(struct vcpu *v, struct domain *pg_owner, uint64_t va, pte_t value)
{
	unsigned int level;
	maddr_t entry;
	int rc = walk_to_leaf(v, va, &entry);

	if (rc) {
		return rc;
	}
	rc = mm_update_entry(v->domain, pg_owner, entry, value, false, &level);
	CHECK(rc || level == 1);
	return rc;
}
