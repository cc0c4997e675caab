/*
 * pt_audit.c: the from-scratch recount of references and the validation invariants (see
 * pt_audit.h), written independently of the validator: it walks what the tables say and
 * never calls the functions it checks.
 */
#include "pt_audit.h"

#include <stdio.h>
#include <stdlib.h>

#include "fake.h"

#include "arch/pt.h"
#include "frame_alloc.h"
#include "frame_table.h"
#include "m2p.h"
#include "pt_leaf.h"

#define AUDIT_FRAMES (FAKE_RAM_SIZE / PAGE_SIZE)

struct expected {
	uint32_t count[AUDIT_FRAMES];
	uint32_t type_count[AUDIT_FRAMES];
	uint32_t writable_maps[AUDIT_FRAMES];
};

static struct expected want;
static char message[256];

#define AUDIT_FAIL(...)                                          \
	do {                                                     \
		snprintf(message, sizeof(message), __VA_ARGS__); \
		return message;                                  \
	} while (0)

static bool is_table(const struct frame_info *info)
{
	return info->type_count && frame_type_level(info->type);
}

static void hold(mfn_t frame, bool typed)
{
	if (mfn_value(frame) >= AUDIT_FRAMES) {
		abort(); /* a counted entry naming a frame outside RAM: caught below first */
	}
	want.count[mfn_value(frame)]++;
	want.type_count[mfn_value(frame)] += typed;
}

static void count_domains(void)
{
	for (unsigned int id = 0; id < MAX_DOMAINS; id++) {
		const struct domain *d = domain_lookup((domid_t)id);

		if (!d) {
			continue;
		}
		for (uint64_t i = 0; i < d->nr_pages; i++) {
			hold(d->p2m[i], false);
		}
		hold(d->shared_info_frame, true);
		hold(d->shared_info_frame, false);
		if (mfn_is_valid(d->vcpu[0].pt_base)) {
			hold(d->vcpu[0].pt_base, true);
		}
	}
}

static bool owner_is_live(domid_t owner)
{
	return owner == DOMID_ORPHAN || domain_lookup(owner) != NULL;
}

/* One counted entry of a validated table owned by `owner`. */
static const char *count_entry(mfn_t table, const struct frame_info *tinfo, pte_t pte,
			       unsigned int level, unsigned int index)
{
	mfn_t target = arch_pte_mfn(pte, level);
	const struct frame_info *info = frame_info_of(target);
	const struct domain *owner = domain_lookup(tinfo->owner);

	if (!info || !owner) {
		AUDIT_FAIL("table 0x%llx[%u] names 0x%llx: not RAM or no owner",
			   (unsigned long long)mfn_value(table), index,
			   (unsigned long long)mfn_value(target));
	}
	if (level == 1) {
		if (info->owner != tinfo->owner &&
		    !(owner->privileged && owner_is_live(info->owner))) {
			AUDIT_FAIL("L1 0x%llx[%u] of d%u maps 0x%llx owned by 0x%x",
				   (unsigned long long)mfn_value(table), index, tinfo->owner,
				   (unsigned long long)mfn_value(target), info->owner);
		}
		want.writable_maps[mfn_value(target)] += arch_pte_writable(pte);
		hold(target, arch_pte_writable(pte));
		return NULL;
	}
	if (info->owner != tinfo->owner || !is_table(info) || !(info->flags & FRAME_VALIDATED) ||
	    info->type != frame_type_of_level(level - 1, arch_pt_child_shares_hv(level, index))) {
		AUDIT_FAIL(
		    "L%u 0x%llx[%u] names 0x%llx: not a validated L%u of its owner (type %u)",
		    level, (unsigned long long)mfn_value(table), index,
		    (unsigned long long)mfn_value(target), level - 1, info->type);
	}
	hold(target, true);
	return NULL;
}

static const char *count_table(mfn_t table, const struct frame_info *info)
{
	unsigned int level = frame_type_level(info->type);
	bool hv = info->type == FRAME_L2_HV;
	const pte_t *entries = frame_map(table);

	if (!(info->flags & FRAME_VALIDATED)) {
		AUDIT_FAIL("table 0x%llx in use but not validated",
			   (unsigned long long)mfn_value(table));
	}
	for (unsigned int i = 0; i < arch_pt_entry_count(level); i++) {
		const char *failure;

		if (!arch_pte_present(entries[i], level) || arch_pt_slot_reserved(level, hv, i)) {
			continue;
		}
		if (arch_pte_check(entries[i], level)) {
			AUDIT_FAIL("table 0x%llx[%u] holds a refused entry 0x%llx",
				   (unsigned long long)mfn_value(table), i,
				   (unsigned long long)entries[i].value);
		}
		failure = count_entry(table, info, entries[i], level, i);
		if (failure) {
			return failure;
		}
	}
	return NULL;
}

static const char *count_tables_and_pins(const struct frame_info *records, uint64_t first,
					 uint64_t limit)
{
	for (uint64_t f = first; f < limit; f++) {
		const struct frame_info *info = &records[f - first];
		const char *failure;

		if (info->flags & FRAME_PINNED) {
			hold(mfn(f), true);
		}
		if (!is_table(info)) {
			continue;
		}
		failure = count_table(mfn(f), info);
		if (failure) {
			return failure;
		}
	}
	return NULL;
}

static const char *check_counts(const struct frame_info *info, uint64_t f)
{
	if (info->count != want.count[f] || info->type_count != want.type_count[f]) {
		AUDIT_FAIL(
		    "frame 0x%llx (owner 0x%x type %u): count %u type_count %u, tables say %u "
		    "and %u",
		    (unsigned long long)f, info->owner, info->type, info->count, info->type_count,
		    want.count[f], want.type_count[f]);
	}
	if (is_table(info) && want.writable_maps[f]) {
		AUDIT_FAIL("table frame 0x%llx is mapped writable", (unsigned long long)f);
	}
	if (!info->type_count && (info->flags & (FRAME_PINNED | FRAME_VALIDATED))) {
		AUDIT_FAIL("frame 0x%llx pinned or validated without a type count",
			   (unsigned long long)f);
	}
	return NULL;
}

/* The frame table against the allocator and the M2P. */
static const char *check_free(const struct frame_info *info, uint64_t f)
{
	bool free = info->owner == DOMID_FREE;

	if (free != frame_alloc_is_free(mfn(f)) || (free && m2p_lookup(mfn(f)) != M2P_INVALID)) {
		AUDIT_FAIL("frame 0x%llx: owner 0x%x but allocator free %d, M2P 0x%lx",
			   (unsigned long long)f, info->owner, frame_alloc_is_free(mfn(f)),
			   (unsigned long)m2p_lookup(mfn(f)));
	}
	return NULL;
}

/*
 * The level-1 table update_va_mapping keeps (pt_leaf.h), while it keeps one: still the
 * table a walk from its vCPU's base finds for its region, and a validated level-1 table
 * of the vCPU's domain, which its uses no longer check.
 */
static const char *check_kept_va_table(void)
{
	const struct pt_va_leaf *kept = &pt_va_leaf;
	const struct vcpu *v = kept->vcpu;
	const struct frame_info *info;
	mfn_t table;

	if (!v) {
		return NULL;
	}
	if (!mfn_is_valid(v->pt_base)) {
		AUDIT_FAIL("kept va table of a vCPU without a base");
	}
	table = v->pt_base;
	for (unsigned int level = ARCH_PT_LEVELS; level > 1; level--) {
		pte_t entry = ((const pte_t *)frame_map(table))[arch_pt_index(kept->region, level)];

		if (!arch_pte_present(entry, level)) {
			AUDIT_FAIL("kept va table: region 0x%lx unmapped at level %u",
				   (unsigned long)kept->region, level);
		}
		table = arch_pte_mfn(entry, level);
	}
	info = frame_info_of(table);
	if ((const pte_t *)frame_map(table) != kept->entries) {
		AUDIT_FAIL("kept va table: region 0x%lx now goes through another table",
			   (unsigned long)kept->region);
	}
	if (!info || info->owner != v->domain->id || info->type != FRAME_L1 || !info->type_count ||
	    !(info->flags & FRAME_VALIDATED)) {
		AUDIT_FAIL("kept va table: frame 0x%llx is no validated level-1 table of d%u",
			   (unsigned long long)mfn_value(table), v->domain->id);
	}
	return NULL;
}

static const char *audit(bool full)
{
	uint64_t first = mfn_value(frame_alloc_lowest());
	uint64_t limit = mfn_value(frame_table_limit());
	/* The records are one array: read directly, as the audit runs after every fuzz step. */
	const struct frame_info *records = frame_info_of(mfn(first));
	const char *failure;

	/* The host's memset: 96 KiB cleared per audit. */
	__builtin_memset(&want, 0, sizeof(want));
	if (limit > AUDIT_FRAMES || !records) {
		AUDIT_FAIL("frame table beyond fake RAM");
	}
	count_domains();
	failure = check_kept_va_table();
	if (!failure) {
		failure = count_tables_and_pins(records, first, limit);
	}
	for (uint64_t f = first; !failure && f < limit; f++) {
		failure = check_counts(&records[f - first], f);
		if (!failure && full) {
			failure = check_free(&records[f - first], f);
		}
	}
	return failure;
}

const char *pt_audit(void)
{
	return audit(true);
}

const char *pt_audit_counts(void)
{
	return audit(false);
}

struct pt_snapshot {
	uint8_t ram[FAKE_RAM_SIZE];
	struct frame_info records[AUDIT_FRAMES];
	mfn_t bases[MAX_DOMAINS];
};

/* The frame table lives in RAM too: it is compared record by record, normalised. */
static void blank_records(struct pt_snapshot *s)
{
	uint64_t first = mfn_value(frame_alloc_lowest());
	uint64_t count = mfn_value(frame_table_limit()) - first;
	size_t offset = (size_t)((const uint8_t *)frame_info_of(mfn(first)) - fake_ram);

	memset(s->ram + offset, 0, count * sizeof(struct frame_info));
}

struct pt_snapshot *pt_snapshot_take(void)
{
	struct pt_snapshot *s = malloc(sizeof(*s));

	if (!s) {
		abort();
	}
	memcpy(s->ram, fake_ram, sizeof(s->ram));
	blank_records(s);
	for (uint64_t f = 0; f < AUDIT_FRAMES; f++) {
		const struct frame_info *info = frame_info_of(mfn(f));

		s->records[f] = info ? *info : (struct frame_info){0};
		if (!s->records[f].type_count) {
			s->records[f].type = FRAME_NONE;
		}
	}
	for (unsigned int id = 0; id < MAX_DOMAINS; id++) {
		const struct domain *d = domain_lookup((domid_t)id);

		s->bases[id] = d ? d->vcpu[0].pt_base : invalid_mfn();
	}
	return s;
}

bool pt_snapshot_same(const struct pt_snapshot *s)
{
	struct pt_snapshot *now = pt_snapshot_take();
	bool same = !memcmp(s->ram, now->ram, sizeof(s->ram)) &&
		    !memcmp(s->records, now->records, sizeof(s->records)) &&
		    !memcmp(s->bases, now->bases, sizeof(s->bases));

	pt_snapshot_free(now);
	return same;
}

void pt_snapshot_free(struct pt_snapshot *s)
{
	free(s);
}
