/*
 * pt_fixture.c: page tables and hypercalls by hand (see pt_fixture.h).
 */
#include "pt_fixture.h"

#include <stdlib.h>

#include "fake.h"

#include "frame_alloc.h"
#include "hypercall.h"
#include "public/xen.h"

alignas(4096) static uint8_t guest_memory[GUEST_BUF_PAGES][PAGE_SIZE];

void fixture_boot(void)
{
	fake_boot();
	memset(guest_memory, 0, sizeof(guest_memory));
	for (unsigned int i = 0; i < GUEST_BUF_PAGES; i++) {
		fake_guest_map(GUEST_BUF_VA + i * PAGE_SIZE, guest_memory[i], true);
	}
}

void *guest_buf(size_t offset)
{
	return (uint8_t *)guest_memory + offset;
}

struct domain *fixture_domain(domid_t id, bool privileged, uint64_t pages)
{
	struct domain *d = domain_create(id, privileged);

	if (!d || domain_populate(d, pages)) {
		abort();
	}
	return d;
}

mfn_t page_of(const struct domain *d, uint64_t i)
{
	return domain_pfn_to_mfn(d, pfn(i));
}

const struct frame_info *info_of(mfn_t frame)
{
	return frame_info_of(frame);
}

pte_t leaf_entry(mfn_t page, bool writable)
{
	return arch_pte_make(page, 1, writable ? PTE_MAKE_WRITABLE | PTE_MAKE_USER : PTE_MAKE_USER);
}

pte_t table_entry(mfn_t child, unsigned int level)
{
	return arch_pte_make(child, level, PTE_MAKE_WRITABLE | PTE_MAKE_USER);
}

void entry_write(mfn_t table, unsigned int index, pte_t value)
{
	((pte_t *)frame_map(table))[index] = value;
}

pte_t entry_read(mfn_t table, unsigned int index)
{
	return ((const pte_t *)frame_map(table))[index];
}

maddr_t entry_addr(mfn_t table, unsigned int index)
{
	return maddr_add(mfn_to_maddr(table), index * sizeof(pte_t));
}

void tree_write(const struct domain *d, struct tree *t)
{
	t->l3 = page_of(d, 0);
	t->l2 = page_of(d, 1);
	t->l1 = page_of(d, 2);
	entry_write(t->l3, 0, table_entry(t->l2, 3));
	entry_write(t->l2, 0, table_entry(t->l1, 2));
	entry_write(t->l1, 16, leaf_entry(page_of(d, 16), true));
	entry_write(t->l1, 17, leaf_entry(page_of(d, 17), false));
}

uint64_t tree_va(unsigned int l3, unsigned int l2, unsigned int index)
{
	return l3 * FAKE_L2_SPAN + l2 * FAKE_L1_SPAN + index * PAGE_SIZE;
}

long hcall6(struct domain *d, unsigned long number, const unsigned long args[6])
{
	struct hcall_args call = {.number = number};

	for (unsigned int i = 0; i < HCALL_MAX_ARGS; i++) {
		call.arg[i] = args[i];
	}
	return hypercall_dispatch(&d->vcpu[0], &call);
}

long hcall(struct domain *d, unsigned long number, unsigned long a0, unsigned long a1,
	   unsigned long a2, unsigned long a3)
{
	const unsigned long args[6] = {a0, a1, a2, a3, 0xbad, 0xbad};

	return hcall6(d, number, args);
}

long mmu_update_buf(struct domain *d, unsigned int count, unsigned int foreigndom)
{
	*(unsigned int *)guest_buf(GUEST_DONE_OFFSET) = 0xdeadbeef;
	return hcall(d, __HYPERVISOR_mmu_update, GUEST_BUF_VA, count,
		     GUEST_BUF_VA + GUEST_DONE_OFFSET, foreigndom);
}

long mmuext_buf(struct domain *d, unsigned int count, unsigned int foreigndom)
{
	*(unsigned int *)guest_buf(GUEST_DONE_OFFSET) = 0xdeadbeef;
	return hcall(d, __HYPERVISOR_mmuext_op, GUEST_BUF_VA, count,
		     GUEST_BUF_VA + GUEST_DONE_OFFSET, foreigndom);
}

bool fixture_mmu_peeked;

long mmu_one(struct domain *d, uint64_t ptr, uint64_t val)
{
	struct mmu_update *req = guest_buf(0);

	*req = (struct mmu_update){.ptr = ptr, .val = val};
	if (fixture_mmu_peeked) {
		/* As x86's entry: the request read from the array, the arguments as given. */
		struct mmu_update peeked = *req;
		struct hcall_args call = {
		    .number = __HYPERVISOR_mmu_update,
		    .arg = {GUEST_BUF_VA, 1, GUEST_BUF_VA + GUEST_DONE_OFFSET, DOMID_SELF},
		};

		*(unsigned int *)guest_buf(GUEST_DONE_OFFSET) = 0xdeadbeef;
		return mmu_update_peeked(&d->vcpu[0], &call, &peeked);
	}
	return mmu_update_buf(d, 1, DOMID_SELF);
}

long mmuext_one(struct domain *d, unsigned int cmd, unsigned long arg1, unsigned long arg2)
{
	struct mmuext_op *op = guest_buf(0);

	*op = (struct mmuext_op){.cmd = cmd};
	op->arg1.linear_addr = arg1;
	op->arg2.src_mfn = arg2;
	return mmuext_buf(d, 1, DOMID_SELF);
}

long pin(struct domain *d, unsigned int level, mfn_t frame)
{
	return mmuext_one(d, MMUEXT_PIN_L1_TABLE + level - 1, (unsigned long)mfn_value(frame), 0);
}

long unpin(struct domain *d, mfn_t frame)
{
	return mmuext_one(d, MMUEXT_UNPIN_TABLE, (unsigned long)mfn_value(frame), 0);
}

long new_base(struct domain *d, mfn_t frame)
{
	return mmuext_one(d, MMUEXT_NEW_BASEPTR, (unsigned long)mfn_value(frame), 0);
}

unsigned int guest_done(void)
{
	return *(const unsigned int *)guest_buf(GUEST_DONE_OFFSET);
}
