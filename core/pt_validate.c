/*
 * pt_validate.c: what a guest page-table entry may say, and the references it holds.
 *
 * A table of level n is validated when it first gets a type reference (frame_table.c).
 * For every entry that is present and not the hypervisor's (arch_pt_slot_reserved) the
 * format is checked (arch_pte_check) and references are taken: a level-1 entry takes a
 * general reference on the page it maps, plus a FRAME_WRITABLE type reference when it lets
 * the guest write; an entry above takes a typed reference on the level n-1 table it names,
 * which validates that table on its first use. The recursion is therefore as deep as the
 * format has levels, and a linear (self-referencing) table is refused by typing alone: a
 * frame in use as a level-n table cannot also be typed as level n-1, nor writable. When an
 * entry fails, the references taken for the entries before it are released and the table
 * is left as it was. Devalidation releases exactly what validation took. A hypervisor-
 * sharing table gets the hypervisor's own entries (arch_pt_install_hypervisor) once its
 * guest entries are validated. The references of one entry are taken and dropped by the
 * inline functions of pt_entry.h, which the update paths (pt_update.c) share. Validating and
 * devalidating a table moves mm_pt_generation (mm.h).
 *
 * Errors are Xen's (xen/arch/x86/mm.c: get_page_from_l1e, get_page_from_lNe):
 *   -EINVAL  attribute bits the format refuses (arch_pte_check); above level 1, a frame
 *            that is not RAM, not the table owner's, or holding another type;
 *   -EPERM   a level-1 entry naming a frame that is not RAM (device memory): Xen refuses
 *            MMIO to a domain without I/O-memory permission, and Ringo grants none yet;
 *   -EBUSY   a level-1 entry naming a frame its domain does not own (another domain's, the
 *            hypervisor's, a free one), or a writable mapping of a frame holding another
 *            type (a page table, a descriptor page): Xen's "could not pin".
 * Foreign frames become mappable later through grants.
 */
#include "pt_validate.h"
#include "pt_entry.h"
#include "check.h"
#include "domain.h"
#include "frame_alloc.h"
#include "mm.h"
#include "public/errno.h"

bool pt_entry_counted(pte_t pte, unsigned int level, bool hv_table, unsigned int index)
{
	return arch_pte_present(pte, level) && !arch_pt_slot_reserved(level, hv_table, index);
}

int pt_entry_get(struct domain *owner, struct domain *pg_owner, pte_t pte, unsigned int level,
		 unsigned int index)
{
	return pt_entry_take(owner, pg_owner, pte, level, index);
}

void pt_entry_put(pte_t pte, unsigned int level)
{
	pt_entry_drop(pte, level);
}

/* Releases the counted entries below end, last first. */
static void release_entries(const pte_t *entries, unsigned int level, bool hv, unsigned int end)
{
	for (unsigned int i = end; i-- > 0;) {
		if (pt_entry_counted(entries[i], level, hv, i)) {
			pt_entry_drop(entries[i], level);
		}
	}
}

int pt_table_validate(struct domain *d, mfn_t frame, enum frame_type type)
{
	unsigned int level = frame_type_level(type);
	unsigned int count = arch_pt_entry_count(level);
	bool hv = type == FRAME_L2_HV;
	pte_t *entries = frame_map(frame);

	CHECK(level);
	for (unsigned int i = 0; i < count; i++) {
		int rc;

		if (!pt_entry_counted(entries[i], level, hv, i)) {
			continue;
		}
		rc = pt_entry_take(d, d, entries[i], level, i);
		if (rc) {
			release_entries(entries, level, hv, i);
			return rc;
		}
	}
	if (hv) {
		arch_pt_install_hypervisor(entries, level);
	}
	/* A new table is in use: what it maps may be what an old one at its place did not. */
	mm_pt_generation_move();
	mm_pt_changes++;
	return 0;
}

void pt_table_devalidate(mfn_t frame, enum frame_type type)
{
	unsigned int level = frame_type_level(type);

	CHECK(level);
	release_entries(frame_map(frame), level, type == FRAME_L2_HV, arch_pt_entry_count(level));
	mm_pt_generation_move();
	mm_pt_changes++;
}
