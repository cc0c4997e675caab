/*
 * pt_update.c: changing one entry of a validated guest page table (mm.h), the step under
 * MMU_NORMAL_PT_UPDATE, MMU_PT_UPDATE_PRESERVE_AD and update_va_mapping.
 *
 * The entry's level comes from the type of the frame holding it, so a frame that is not
 * currently a validated table of its owner cannot be written through these paths at all.
 * Validate, then commit (pt_entry_replace): the new value's references are taken first
 * (which may validate a whole new subtree), the value is written only when that succeeded,
 * and the old value's references are released last, so an entry rewritten to the same table
 * never lets that table's type count touch zero on the way. What the format says of a
 * table's shape (entry count, reserved slots) is asked of the arch once, not per update,
 * and a batch keeps the last table it wrote in a cursor (pt_update.h), whose full lookup,
 * pt_cursor_find, is here. So is what the inline fast paths of pt_leaf.h keep: the batch
 * cursor's level-1 table as mmu_update's fast run sees it (pt_batch_leaf), and the
 * level-1 table the last update_va_mapping went through (pt_va_leaf, found by the walk
 * here when it no longer holds).
 */
#include "arch/config.h"
#include "arch/mm.h"
#include "check.h"
#include "frame_alloc.h"
#include "mm.h"
#include "public/errno.h"
#include "pt_entry.h"
#include "pt_leaf.h"
#include "pt_update.h"
#include "pt_validate.h"

uint64_t mm_pt_generation;
uint64_t mm_pt_changes;

/* What the format says of a table of one level, hypervisor-sharing or not; asked once. */
struct table_shape {
	unsigned int entries;
	bool reserved;		 /* some entry is the hypervisor's (arch_pt_slot_reserved) */
	unsigned int span_shift; /* level 1: log2 of the bytes a table maps (0: irregular) */
};

static struct table_shape shapes[ARCH_PT_LEVELS + 1][2];
static bool shapes_known;

/* The addresses of one level-1 table's region have these bits in common (from its span). */
uintptr_t pt_va_region_mask;

/*
 * log2 of the bytes one level-1 table maps, when the format is the regular radix tree it
 * looks like: a power-of-two run of consecutive pages, every address in it with the same
 * entries above level 1. 0 when it is not (then nothing is kept by region).
 */
static unsigned int leaf_span_learn(void)
{
	uint64_t span = (uint64_t)arch_pt_entry_count(1) * PAGE_SIZE;
	unsigned int shift = 0;

	while ((1ULL << shift) < span) {
		shift++;
	}
	if ((1ULL << shift) != span) {
		return 0;
	}

	for (uint64_t region = 0; region < 4; region++) {
		uint64_t first = region * span;
		uint64_t last = first + span - 1;

		if (arch_pt_index(first, 1) != 0 ||
		    arch_pt_index(last, 1) != arch_pt_entry_count(1) - 1) {
			return 0;
		}
		for (unsigned int level = 2; level <= ARCH_PT_LEVELS; level++) {
			if (arch_pt_index(first, level) != arch_pt_index(last, level)) {
				return 0;
			}
		}
	}
	return shift;
}

static void shapes_learn(void)
{
	for (unsigned int level = 1; level <= ARCH_PT_LEVELS; level++) {
		for (unsigned int hv = 0; hv < 2; hv++) {
			struct table_shape *shape = &shapes[level][hv];

			shape->entries = arch_pt_entry_count(level);
			for (unsigned int i = 0; i < shape->entries; i++) {
				shape->reserved |= arch_pt_slot_reserved(level, hv, i);
			}
		}
	}
	shapes[1][0].span_shift = leaf_span_learn();
	pt_va_region_mask = (uintptr_t) ~((1ULL << shapes[1][0].span_shift) - 1);
	/* No kept region straddles the limit (pt_va_leaf_holds takes any va). */
	CHECK(!(ARCH_GUEST_VA_LIMIT & ~pt_va_region_mask));
	shapes_known = true;
}

static inline const struct table_shape *table_shape(unsigned int level, bool hv)
{
	if (!shapes_known) {
		shapes_learn();
	}
	return &shapes[level][hv];
}

/* No owner's table: the type is none, so no FRAME_IDENT(owner, FRAME_L1, 0) matches. */
static const struct frame_info pt_leaf_no_table = {.owner = DOMID_FREE, .type = FRAME_NONE};

struct pt_cursor pt_batch_cursor = {.page = 1};
struct pt_cursor pt_va_cursor = {.page = 1};

struct pt_cursor pt_cursor_find(struct domain *pt_owner, maddr_t addr)
{
	struct frame_info *info = frame_info_of(maddr_to_mfn(addr));
	uint64_t page = maddr_value(addr) & ~(uint64_t)(PAGE_SIZE - 1);
	struct pt_cursor cursor = {.page = 1};
	const struct table_shape *shape;
	unsigned int level;

	if (!info || info->owner != pt_owner->id) {
		return cursor;
	}
	level = frame_type_level(info->type);
	if (!level || !info->type_count) {
		return cursor;
	}
	shape = table_shape(level, info->type == FRAME_L2_HV);
	return (struct pt_cursor){
	    .page = page,
	    .info = info,
	    .entries = arch_mm_maddr_to_virt(maddr(page)),
	    .level = level,
	    .count = shape->entries,
	    .type = info->type,
	    .reserved = shape->reserved,
	};
}

void pt_leaf_drop(pte_t old)
{
	pt_entry_drop(old, 1);
}

int mm_update_entry(struct domain *pt_owner, struct domain *pg_owner, maddr_t entry, pte_t value,
		    bool preserve_ad, unsigned int *level)
{
	struct pt_cursor cursor = {.page = 1}; /* on no table */

	return pt_cursor_update(&cursor, pt_owner, pg_owner, entry, value, preserve_ad, level);
}

/*
 * The level-1 table that served the last update_va_mapping (pt_leaf.h): which level-1
 * table a region goes through changes only with an entry above level 1, or a table
 * validated or devalidated, all of which move mm_pt_generation.
 */
struct pt_va_leaf pt_va_leaf;

void mm_pt_generation_move(void)
{
	mm_pt_generation++;
	pt_va_leaf_forget();
}

struct pt_leaf_table pt_batch_leaf = {.info = &pt_leaf_no_table};

void pt_leaf_table_refresh(void)
{
	const struct pt_cursor *cursor = &pt_batch_cursor;

	if (cursor->page == 1 || cursor->level != 1 || cursor->reserved) {
		pt_batch_leaf = (struct pt_leaf_table){.info = &pt_leaf_no_table};
		return;
	}
	pt_batch_leaf = (struct pt_leaf_table){
	    .info = cursor->info,
	    .entries = (uintptr_t)cursor->entries,
	    .page_low = (uint32_t)cursor->page,
	    .page_high = (uint32_t)(cursor->page >> 32),
	};
}

void pt_cursors_reset(void)
{
	pt_cursor_init(&pt_batch_cursor);
	pt_cursor_init(&pt_va_cursor);
	pt_batch_leaf = (struct pt_leaf_table){.info = &pt_leaf_no_table};
	pt_va_leaf_forget();
}

/* The level-1 table of va in v's base table; every table on the way is validated. */
static int walk_to_leaf_table(const struct vcpu *v, uint64_t va, mfn_t *leaf_table)
{
	mfn_t table = v->pt_base;

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
	*leaf_table = table;
	return 0;
}

int mm_va_frame(const struct vcpu *v, uintptr_t va, bool write, mfn_t *frame)
{
	mfn_t table;
	pte_t pte;

	if (va >= ARCH_GUEST_VA_LIMIT || !mfn_is_valid(v->pt_base) ||
	    walk_to_leaf_table(v, va, &table)) {
		return -EFAULT;
	}
	pte = ((const pte_t *)frame_map(table))[arch_pt_index(va, 1)];
	if (!arch_pte_present(pte, 1) || (write && !arch_pte_writable(pte)) ||
	    !frame_info_of(arch_pte_mfn(pte, 1))) {
		return -EFAULT;
	}
	*frame = arch_pte_mfn(pte, 1);
	return 0;
}

/* The update the long way: the walk, then the entry through the cursor's full checks. */
static int update_va_walked(struct vcpu *v, struct domain *pg_owner, uintptr_t va, pte_t value)
{
	const struct table_shape *shape = table_shape(1, false);
	unsigned int level;
	mfn_t table;
	int rc = walk_to_leaf_table(v, va, &table);

	if (rc) {
		return rc;
	}
	rc = pt_cursor_update(&pt_va_cursor, v->domain, pg_owner,
			      maddr_add(mfn_to_maddr(table), arch_pt_index(va, 1) * sizeof(pte_t)),
			      value, false, &level);
	CHECK(rc || level == 1);
	if (shape->span_shift && !shape->reserved && pt_va_cursor.page != 1) {
		pt_va_leaf = (struct pt_va_leaf){
		    .vcpu = v,
		    .region = va & pt_va_region_mask,
		    .entries = pt_va_cursor.entries,
		};
	}
	return rc;
}

int mm_update_va(struct vcpu *v, struct domain *pg_owner, uintptr_t va, pte_t value)
{
	pte_t *entries;
	unsigned int index;

	if (va >= ARCH_GUEST_VA_LIMIT) {
		return -EINVAL;
	}
	/* A table is kept only for a valid base: kept for v's base, that is one. */
	if (!pt_va_leaf_holds(v, va)) {
		if (!mfn_is_valid(v->pt_base)) {
			return -EINVAL;
		}
		return update_va_walked(v, pg_owner, va, value);
	}
	entries = pt_va_leaf.entries;
	/* A level-1 table of v's, without reserved slots: any index, any page owner. */
	index = arch_pt_index(va, 1);
	return pt_entry_replace(v->domain, pg_owner, &entries[index], 1, index, value);
}
