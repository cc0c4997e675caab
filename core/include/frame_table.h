/*
 * frame_table.h: what every machine frame is, whose it is, and who holds it.
 *
 * The paper's validation model (ABI.md section 6): each frame has an owner, a type (none,
 * writable page, L1/L2/L3 page table, hypervisor-sharing L2, segment descriptor page) and
 * two counts. The general count holds the frame in existence (the owning domain's
 * allocation, every mapping of it, every table entry naming it, pins); the type count holds
 * its current type (writable mappings for FRAME_WRITABLE; references from the next level
 * up, pins and base-register use for page tables; GDT/LDT use for FRAME_SEG_DESC). A type
 * may change only while its type count is zero, which is what makes "a frame is a page
 * table only while no writable mapping of it exists" hold. A page table is validated when
 * its type count goes from 0 to 1 and devalidated (its entries' references released) when
 * it drops back to 0 (pt_validate.c).
 *
 * The table covers the frames the allocator manages, [frame_alloc_lowest, limit); anything
 * else (device memory, what is not RAM) has no record and can be neither owned nor mapped.
 * A frame with a record belongs to the allocator (DOMID_FREE), to the hypervisor (its image,
 * holes between RAM ranges, its own arrays: DOMID_HYPERVISOR), to a domain (its memory and
 * its shared_info page), or is an orphan: memory of a destroyed domain that another domain
 * still maps, freed when that last reference goes. A domain frame's general count starts at
 * 1, the allocation reference, which teardown drops; whenever a general count reaches zero
 * the frame goes back to the allocator, which checks that both counts are zero.
 *
 * The functions taking a reference return 0 or a negative Xen errno and change nothing on
 * failure (validate, then commit).
 */
#ifndef RINGO_FRAME_TABLE_H
#define RINGO_FRAME_TABLE_H

#include "addr.h"
#include "public/abi.h"

struct domain;

enum frame_type {
	FRAME_NONE = 0,
	FRAME_WRITABLE,
	FRAME_L1,
	FRAME_L2,
	FRAME_L3,
	FRAME_L2_HV, /* an L2 that shares the hypervisor's part of the address space */
	FRAME_SEG_DESC,
};

#define DOMID_FREE ((domid_t)0x7FF4) /* not owned: in the allocator */
#define DOMID_HYPERVISOR ((domid_t)0x7FF2)
#define DOMID_ORPHAN ((domid_t)0x7FF5) /* a destroyed domain's frame, still mapped */

struct frame_info {
	union {
		struct {
			domid_t owner;
			uint8_t type; /* enum frame_type; kept when the type count is zero */
			uint8_t flags;
		};
		/* The three as one word (FRAME_IDENT), for the fast paths' single compare. */
		uint32_t ident;
	};
	uint32_t count;
	uint32_t type_count;
};

#define FRAME_VALIDATED (1U << 0)
#define FRAME_PINNED (1U << 1)

/* The ident word of a record with this owner, type and flags (little-endian layout). */
#define FRAME_IDENT(owner, type, flags) \
	((uint32_t)(owner) | (uint32_t)(type) << 16 | (uint32_t)(flags) << 24)

_Static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__ && sizeof(domid_t) == 2,
	       "FRAME_IDENT is the first word of a record: owner, then type, then flags");

/* The bits of the ident word the writable fast path compares: owner, type, validated. */
#define FRAME_IDENT_WRITABLE_MASK FRAME_IDENT(0xffff, 0xff, FRAME_VALIDATED)

/* Sizes the table for every frame the allocator manages; called once by core_start. */
void frame_table_init(void);

/*
 * The records, for the lookup below (frame_table.c fills them): record i describes frame
 * first + i, for i < count (0 until the table exists). One structure, so that the lookup
 * finds all three through one address. Native words: the frames the allocator manages are
 * reachable by the hypervisor, so their numbers fit in one (frame_table_init checks), and
 * on a 32-bit hypervisor the lookup is then 32-bit arithmetic.
 */
struct frame_table {
	struct frame_info *records;
	unsigned long first;
	unsigned long count;
};

extern struct frame_table frame_table;

/*
 * The record of a frame; NULL for a frame outside the table (not RAM). Inline: every
 * page-table update looks up several frames. A frame below the first wraps around to an
 * index past the count, so one comparison covers both ends.
 */
static inline struct frame_info *frame_info_of(mfn_t frame)
{
	unsigned long index = (unsigned long)mfn_value(frame) - frame_table.first;

	/* A frame number wider than a word is past every frame the table covers. */
	if (index >= frame_table.count || (unsigned long)mfn_value(frame) != mfn_value(frame)) {
		return NULL;
	}
	return &frame_table.records[index];
}

/*
 * frame_info_of for the per-entry fast paths, on a frame number in a word: false when the
 * frame has no record.
 */
static inline bool frame_info_find(unsigned long frame, struct frame_info **info)
{
	unsigned long index = frame - frame_table.first;

	if (index >= frame_table.count) {
		return false;
	}
	*info = &frame_table.records[index];
	return true;
}

/* One past the highest frame the table covers (XENMEM_maximum_ram_page). */
mfn_t frame_table_limit(void);

/* Page-table type of a given level (1..ARCH_PT_LEVELS), hv selecting FRAME_L2_HV. */
enum frame_type frame_type_of_level(unsigned int level, bool hv);

/* The level of a page-table type; 0 for every other type. */
static inline unsigned int frame_type_level(enum frame_type type)
{
	switch (type) {
	case FRAME_L1:
		return 1;
	case FRAME_L2:
	case FRAME_L2_HV:
		return 2;
	case FRAME_L3:
		return 3;
	default:
		return 0;
	}
}

/* True when the frame has a record and d owns it. */
bool frame_owned_by(mfn_t frame, const struct domain *d);

/* General reference: the frame must be owned by d. */
int frame_get(struct domain *d, mfn_t frame);
void frame_put(mfn_t frame);

/*
 * General reference plus a type reference of the given type: fails with -EINVAL when the
 * frame is not d's or holds another type; validates a page table on its first use, failing
 * with the validator's error.
 */
int frame_get_typed(struct domain *d, mfn_t frame, enum frame_type type);
void frame_put_typed(mfn_t frame);

/*
 * The common cases of the four above, inline for the page-table update paths, on a record
 * the caller looked up (info, of frame) and found to be the owner's (for the two gets).
 * Each returns false, changing nothing, when the case is not the common one; the caller
 * then takes the full function, which checks everything again.
 */

/* frame_get: the count has room. */
static inline bool frame_get_fast(struct frame_info *info)
{
	if (info->count == UINT32_MAX) {
		return false;
	}
	info->count++;
	return true;
}

/* frame_get_typed: the frame already holds the type, validated. */
static inline bool frame_get_typed_fast(struct frame_info *info, enum frame_type type)
{
	if (info->type != type || !info->type_count || !(info->flags & FRAME_VALIDATED) ||
	    info->count == UINT32_MAX || info->type_count == UINT32_MAX) {
		return false;
	}
	info->count++;
	info->type_count++;
	return true;
}

/*
 * frame_get_typed(d, frame, FRAME_WRITABLE) for a record not yet known to be d's, ident being
 * FRAME_IDENT(d->id, FRAME_WRITABLE, FRAME_VALIDATED): the owner check, and the common
 * case of frame_get_typed_fast, in one compare of the ident word and one of each count.
 */
static inline bool frame_get_writable_fast(struct frame_info *info, uint32_t ident)
{
	uint32_t type_count = info->type_count;

	/* type_count - 1 wraps for 0: one compare refuses no type reference and a full count. */
	if ((info->ident & FRAME_IDENT_WRITABLE_MASK) != ident ||
	    type_count - 1 >= UINT32_MAX - 1 || info->count == UINT32_MAX) {
		return false;
	}
	info->count++;
	info->type_count = type_count + 1;
	return true;
}

/* frame_put: not the last reference. */
static inline bool frame_put_fast(struct frame_info *info)
{
	if (info->count <= 1) {
		return false;
	}
	info->count--;
	return true;
}

/* frame_put_typed: neither the last type reference nor the last reference. */
static inline bool frame_put_typed_fast(struct frame_info *info)
{
	if (info->type_count <= 1 || info->count <= 1) {
		return false;
	}
	info->type_count--;
	info->count--;
	return true;
}

/* A freshly allocated frame becomes d's, holding its allocation reference. */
void frame_assign(struct domain *d, mfn_t frame);

/*
 * Drops d's allocation reference at teardown, after the domain's page tables are gone: the
 * frame goes back to the allocator now, or becomes an orphan freed with its last mapping.
 */
void frame_unassign(mfn_t frame);

/* Called by the allocator (frame_alloc.c) for every frame it hands out or takes back. */
void frame_table_note_alloc(mfn_t frame);
void frame_table_note_free(mfn_t frame);

#endif
