/*
 * mmu.c: the guest's paravirtualised MMU (see mmu.h).
 *
 * The 1:1 region is anchored on the boot page tables: start_info->pt_base is the virtual
 * address of the top table, and the base register names its frame, so the first use
 * (before any base switch) learns virt_base = pt_base - pfn(base) * 4096. Frame to pfn
 * goes through the read-only M2P the hypervisor maps (memory_op machphys_mapping) or,
 * on an arch without one, a search of the p2m list.
 */
#include "lib.h"
#include "mmu.h"

static struct mmu_update queue[MMU_QUEUE_MAX];
static unsigned int queue_length;
unsigned int mmu_flush_done;

static bool layout_known;
static unsigned long virt_base;
static const xen_pfn_t *m2p_table;
static unsigned long m2p_entries;

/* ---- multicall entries ---- */

void multicall_update_va_mapping(struct multicall_entry *call, unsigned long va, uint64_t pte,
				 unsigned long flags)
{
	*call = (struct multicall_entry){.op = __HYPERVISOR_update_va_mapping};
	call->args[0] = va;
	if (sizeof(unsigned long) == 4) {
		call->args[1] = (unsigned long)pte;
		call->args[2] = (unsigned long)(pte >> 32);
		call->args[3] = flags;
	} else {
		call->args[1] = (unsigned long)pte;
		call->args[2] = flags;
	}
}

void multicall_mmu_update(struct multicall_entry *call, const struct mmu_update *requests,
			  unsigned int count, unsigned int *done, unsigned int domid)
{
	*call = (struct multicall_entry){.op = __HYPERVISOR_mmu_update};
	call->args[0] = (unsigned long)requests;
	call->args[1] = count;
	call->args[2] = (unsigned long)done;
	call->args[3] = domid;
}

/* ---- addresses ---- */

uint64_t mmu_pfn_to_mfn(unsigned long pfn)
{
	const unsigned long *p2m = (const unsigned long *)start_info->mfn_list;

	return pfn < start_info->nr_pages ? p2m[pfn] : ~0ULL;
}

static void m2p_discover(void)
{
	struct xen_machphys_mapping mapping;

	if (HYPERVISOR_memory_op(XENMEM_machphys_mapping, &mapping) == 0 &&
	    mapping.v_end > mapping.v_start) {
		m2p_table = (const xen_pfn_t *)mapping.v_start;
		m2p_entries = (mapping.v_end - mapping.v_start) / sizeof(xen_pfn_t);
	}
}

const xen_pfn_t *mmu_m2p(void)
{
	if (!layout_known) {
		mmu_mfn_to_va(0);
	}
	return m2p_table;
}

static unsigned long p2m_search(uint64_t mfn)
{
	for (unsigned long pfn = 0; pfn < start_info->nr_pages; pfn++) {
		if (mmu_pfn_to_mfn(pfn) == mfn) {
			return pfn;
		}
	}
	return ~0UL;
}

static unsigned long pfn_of(uint64_t mfn)
{
	unsigned long pfn;

	if (m2p_table && mfn < m2p_entries) {
		pfn = m2p_table[mfn];
		/* The M2P says whose frame it thinks it is; the p2m list has the last word. */
		if (pfn < start_info->nr_pages && mmu_pfn_to_mfn(pfn) == mfn) {
			return pfn;
		}
		return ~0UL;
	}
	return p2m_search(mfn);
}

static void layout_discover(void)
{
	unsigned long top_pfn;

	layout_known = true;
	m2p_discover();
	top_pfn = pfn_of(pt_base_mfn());
	virt_base = start_info->pt_base - top_pfn * PAGE_SIZE;
}

unsigned long mmu_mfn_to_pfn(uint64_t mfn)
{
	if (!layout_known) {
		layout_discover();
	}
	return pfn_of(mfn);
}

void *mmu_mfn_to_va(uint64_t mfn)
{
	unsigned long pfn = mmu_mfn_to_pfn(mfn);

	return pfn == ~0UL ? NULL : (void *)(virt_base + pfn * PAGE_SIZE);
}

uint64_t mmu_va_to_mfn(const void *va)
{
	if (!layout_known) {
		layout_discover();
	}
	return mmu_pfn_to_mfn(((unsigned long)va - virt_base) / PAGE_SIZE);
}

/* ---- walking ---- */

uint64_t mmu_table_mfn(unsigned long va, unsigned int level)
{
	uint64_t table = pt_base_mfn();

	for (unsigned int l = pt_levels(); l > level; l--) {
		const uint64_t *entries = mmu_mfn_to_va(table);
		uint64_t pte;

		if (!entries) {
			return 0;
		}
		pte = entries[pt_index(va, l)];
		if (!pte_present(pte, l)) {
			return 0;
		}
		table = pte_mfn(pte, l);
	}
	return table;
}

uint64_t mmu_entry_maddr(unsigned long va, unsigned int level)
{
	uint64_t table = mmu_table_mfn(va, level);

	if (!table) {
		return 0;
	}
	return (table << PAGE_SHIFT) + pt_index(va, level) * sizeof(uint64_t);
}

bool mmu_entry_read(unsigned long va, unsigned int level, uint64_t *pte)
{
	uint64_t table = mmu_table_mfn(va, level);
	const uint64_t *entries = table ? mmu_mfn_to_va(table) : NULL;

	if (!entries) {
		return false;
	}
	*pte = entries[pt_index(va, level)];
	return true;
}

unsigned long mmu_unused_va(unsigned long min_va)
{
	uint64_t span = pt_entry_span(2);
	unsigned long limit;
	uint64_t pte;

	if (!layout_known) {
		layout_discover();
	}
	limit = virt_base;
	for (uint64_t va = round_up_u64(min_va, span); va + span <= limit; va += span) {
		if (mmu_entry_read((unsigned long)va, 2, &pte) && !pte_present(pte, 2)) {
			return (unsigned long)va;
		}
	}
	return 0;
}

/* ---- the queue ---- */

void mmu_queue(uint64_t ptr, uint64_t val)
{
	if (queue_length == MMU_QUEUE_MAX) {
		mmu_flush();
	}
	queue[queue_length++] = (struct mmu_update){.ptr = ptr, .val = val};
}

void mmu_queue_entry(unsigned long va, unsigned int level, uint64_t pte)
{
	mmu_queue(mmu_entry_maddr(va, level) | MMU_NORMAL_PT_UPDATE, pte);
}

void mmu_queue_machphys(uint64_t mfn, unsigned long pfn)
{
	mmu_queue((mfn << PAGE_SHIFT) | MMU_MACHPHYS_UPDATE, pfn);
}

unsigned int mmu_queued(void)
{
	return queue_length;
}

long mmu_flush(void)
{
	long rc;

	mmu_flush_done = 0;
	if (queue_length == 0) {
		return 0;
	}
	rc = HYPERVISOR_mmu_update(queue, queue_length, &mmu_flush_done, DOMID_SELF);
	queue_length = 0;
	return rc;
}

/* ---- mmuext_op ---- */

static long mmuext_one(unsigned int cmd, unsigned long arg1)
{
	struct mmuext_op op = {.cmd = cmd};

	op.arg1.linear_addr = arg1;
	return HYPERVISOR_mmuext_op(&op, 1, NULL, DOMID_SELF);
}

long mmu_pin(uint64_t mfn, unsigned int level)
{
	return mmuext_one(MMUEXT_PIN_L1_TABLE + level - 1, (unsigned long)mfn);
}

long mmu_unpin(uint64_t mfn)
{
	return mmuext_one(MMUEXT_UNPIN_TABLE, (unsigned long)mfn);
}

long mmu_new_base(uint64_t mfn)
{
	return mmuext_one(MMUEXT_NEW_BASEPTR, (unsigned long)mfn);
}

long mmu_tlb_flush(void)
{
	return mmuext_one(MMUEXT_TLB_FLUSH_LOCAL, 0);
}

long mmu_invlpg(unsigned long va)
{
	return mmuext_one(MMUEXT_INVLPG_LOCAL, va);
}

/* ---- convenience ---- */

long mmu_map(unsigned long va, uint64_t mfn, unsigned int flags)
{
	return HYPERVISOR_update_va_mapping(va, pte_page(mfn, flags), UVMF_INVLPG);
}

long mmu_unmap(unsigned long va)
{
	return HYPERVISOR_update_va_mapping(va, 0, UVMF_INVLPG);
}

long mmu_set_writable(const void *va, bool writable)
{
	return mmu_map((unsigned long)va, mmu_va_to_mfn(va), writable ? PTE_WRITABLE : 0);
}
