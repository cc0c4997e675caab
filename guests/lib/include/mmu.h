/*
 * mmu.h: the guest's paravirtualised MMU (ABI.md section 6), portable.
 *
 * A PV guest never writes its page tables: they are mapped read-only, and every change
 * goes through the hypervisor, which validates it. As XenoLinux did, updates are queued
 * (mmu_queue_*) and flushed in one mmu_update hypercall (mmu_flush), so that a batch of
 * PTE changes costs one entry into the hypervisor. The guest reads its tables directly,
 * to find the machine address of an entry: the walk starts at the base table
 * (pt_base_mfn) and goes through the machine-to-phys table (or the p2m list) back to the
 * virtual addresses of the table frames. Only frames inside the start-of-day 1:1 mapping
 * (VA = virt_base + pfn * 4096) have a virtual address here; the boot page tables and
 * the image's own pages are all there.
 *
 * The format itself (entry bits, levels) is the arch's, in pte.h.
 */
#ifndef GUEST_MMU_H
#define GUEST_MMU_H

#include "guest.h"
#include "pte.h"
#include "public/memory.h"

#define MMU_QUEUE_MAX 2048

/* ---- the hypercalls ---- */

static inline long HYPERVISOR_mmu_update(const struct mmu_update *requests, unsigned int count,
					 unsigned int *done, unsigned int domid)
{
	return hypercall4(__HYPERVISOR_mmu_update, (unsigned long)requests, count,
			  (unsigned long)done, domid);
}

static inline long HYPERVISOR_mmuext_op(const struct mmuext_op *ops, unsigned int count,
					unsigned int *done, unsigned int domid)
{
	return hypercall4(__HYPERVISOR_mmuext_op, (unsigned long)ops, count, (unsigned long)done,
			  domid);
}

static inline long HYPERVISOR_multicall(struct multicall_entry *calls, unsigned int count)
{
	return hypercall2(__HYPERVISOR_multicall, (unsigned long)calls, count);
}

static inline long HYPERVISOR_memory_op(unsigned int cmd, void *arg)
{
	return hypercall2(__HYPERVISOR_memory_op, cmd, (unsigned long)arg);
}

static inline long HYPERVISOR_vm_assist(unsigned int cmd, unsigned int type)
{
	return hypercall2(__HYPERVISOR_vm_assist, cmd, type);
}

/* A 64-bit entry takes two argument registers on a 32-bit arch, one on a 64-bit one. */
static inline long HYPERVISOR_update_va_mapping(unsigned long va, uint64_t pte, unsigned long flags)
{
	if (sizeof(unsigned long) == 4) {
		return hypercall4(__HYPERVISOR_update_va_mapping, va, (unsigned long)pte,
				  (unsigned long)(pte >> 32), flags);
	}
	return hypercall3(__HYPERVISOR_update_va_mapping, va, (unsigned long)pte, flags);
}

/* One multicall entry for update_va_mapping, argument layout as above. */
void multicall_update_va_mapping(struct multicall_entry *call, unsigned long va, uint64_t pte,
				 unsigned long flags);

/* One multicall entry for mmu_update. */
void multicall_mmu_update(struct multicall_entry *call, const struct mmu_update *requests,
			  unsigned int count, unsigned int *done, unsigned int domid);

/* ---- addresses ---- */

uint64_t mmu_pfn_to_mfn(unsigned long pfn);

/* The pfn the M2P (or else the p2m list) gives mfn; ~0UL when the frame is not ours. */
unsigned long mmu_mfn_to_pfn(uint64_t mfn);

/* The 1:1 virtual address of one of our frames; NULL when it has none. */
void *mmu_mfn_to_va(uint64_t mfn);

/* The frame behind a 1:1 virtual address (a page of the image, a boot table). */
uint64_t mmu_va_to_mfn(const void *va);

/* Where the hypervisor shows the M2P (memory_op machphys_mapping), or NULL. */
const xen_pfn_t *mmu_m2p(void);

/* ---- walking our own tables (read-only) ---- */

/* The frame of the level-`level` table on va's path (0 when an entry above is absent). */
uint64_t mmu_table_mfn(unsigned long va, unsigned int level);

/* Machine address of va's entry in its level-`level` table (0 when that table is absent). */
uint64_t mmu_entry_maddr(unsigned long va, unsigned int level);

/* Reads va's entry at the given level; false when its table is absent. */
bool mmu_entry_read(unsigned long va, unsigned int level, uint64_t *pte);

/*
 * A VA at least min_va, below the guest's image, whose level-2 table exists but whose
 * level-2 entry is empty: hooking an L1 there takes one update. 0 when there is none.
 */
unsigned long mmu_unused_va(unsigned long min_va);

/* ---- the update queue ---- */

/* Queues one mmu_update request (ptr | command, val). */
void mmu_queue(uint64_t ptr, uint64_t val);

/* Queues a write of va's entry at level (its table must exist). */
void mmu_queue_entry(unsigned long va, unsigned int level, uint64_t pte);

/* Queues MMU_MACHPHYS_UPDATE: frame mfn is our pfn. */
void mmu_queue_machphys(uint64_t mfn, unsigned long pfn);

unsigned int mmu_queued(void);

/* Sends the queue in one mmu_update; the result of the hypercall (0 or -errno). */
long mmu_flush(void);

/* How many requests of the last flush were done (its `done` output). */
extern unsigned int mmu_flush_done;

/* ---- mmuext_op ---- */

long mmu_pin(uint64_t mfn, unsigned int level);
long mmu_unpin(uint64_t mfn);
long mmu_new_base(uint64_t mfn);
long mmu_tlb_flush(void);
long mmu_invlpg(unsigned long va);

/* ---- convenience ---- */

/* update_va_mapping of va to frame mfn (pte_page flags), flushing va from the TLB. */
long mmu_map(unsigned long va, uint64_t mfn, unsigned int flags);
long mmu_unmap(unsigned long va);

/* Remaps a page of the 1:1 region writable or read-only (as it must be to become a table). */
long mmu_set_writable(const void *va, bool writable);

#endif
