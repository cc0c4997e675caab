/*
 * pt_fixture.h: page tables and hypercalls by hand, for the memory-management tests.
 *
 * A test makes domains with memory (fixture_domain), writes table entries directly into
 * their frames as a guest would through a writable mapping before pinning (entry_write),
 * and calls hypercalls as the arch would (hcall), with request arrays in a guest buffer of
 * GUEST_BUF_PAGES pages mapped at GUEST_BUF_VA. Entries are made with arch/pt.h's
 * primitives, so the tests do not depend on the fake format's bit layout except where they
 * mean to (fake.h's FAKE_PTE_* for refused bits).
 */
#ifndef RINGO_TEST_PT_FIXTURE_H
#define RINGO_TEST_PT_FIXTURE_H

#include "arch/pt.h"
#include "domain.h"
#include "frame_table.h"

#define GUEST_BUF_VA 0x100000UL
#define GUEST_BUF_PAGES 64
#define GUEST_UNMAPPED_VA 0x400000UL

/* Boots the fake machine and maps the guest buffer (zeroed). */
void fixture_boot(void);

/* The guest buffer: host pointer to guest VA GUEST_BUF_VA + offset. */
void *guest_buf(size_t offset);

/* A domain with pages of memory; aborts on failure. */
struct domain *fixture_domain(domid_t id, bool privileged, uint64_t pages);

/* d's pseudo-physical frame i. */
mfn_t page_of(const struct domain *d, uint64_t i);

const struct frame_info *info_of(mfn_t frame);

pte_t leaf_entry(mfn_t page, bool writable);
pte_t table_entry(mfn_t child, unsigned int level);
void entry_write(mfn_t table, unsigned int index, pte_t value);
pte_t entry_read(mfn_t table, unsigned int index);
maddr_t entry_addr(mfn_t table, unsigned int index);

/*
 * The standard tree in d: page 0 an L3 whose slot 0 names page 1, an L2 whose slot 0 names
 * page 2, an L1 mapping page 16 writable at index 16 and page 17 read-only at index 17.
 * Written raw, not pinned.
 */
struct tree {
	mfn_t l3, l2, l1;
};
void tree_write(const struct domain *d, struct tree *t);

/* VA of level-1 slot `index` under L3 slot l3, L2 slot l2 (fake format spans). */
uint64_t tree_va(unsigned int l3, unsigned int l2, unsigned int index);

/* Calls hypercall number with up to six arguments on d's vCPU 0. */
long hcall(struct domain *d, unsigned long number, unsigned long a0, unsigned long a1,
	   unsigned long a2, unsigned long a3);
long hcall6(struct domain *d, unsigned long number, const unsigned long args[6]);

/* mmu_update / mmuext_op of the requests already in the guest buffer at offset 0. */
long mmu_update_buf(struct domain *d, unsigned int count, unsigned int foreigndom);
long mmuext_buf(struct domain *d, unsigned int count, unsigned int foreigndom);

/*
 * One-request shortcuts (the request goes to the guest buffer). With fixture_mmu_peeked
 * set, mmu_one runs mmu_update_peeked with the request as read from it, as x86's entry
 * does, instead of the hypercall.
 */
extern bool fixture_mmu_peeked;
long mmu_one(struct domain *d, uint64_t ptr, uint64_t val);
long mmuext_one(struct domain *d, unsigned int cmd, unsigned long arg1, unsigned long arg2);
long pin(struct domain *d, unsigned int level, mfn_t frame);
long unpin(struct domain *d, mfn_t frame);
long new_base(struct domain *d, mfn_t frame);

/* `done` as the last batch call wrote it (at GUEST_DONE_OFFSET in the guest buffer). */
#define GUEST_DONE_OFFSET (GUEST_BUF_PAGES * PAGE_SIZE - 8)
unsigned int guest_done(void);

#endif
