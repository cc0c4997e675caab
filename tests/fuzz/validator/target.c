/*
 * target.c (validator): random page-table operation sequences through the hypercalls,
 * with the frame table audited from scratch after every step.
 *
 * Each input drives two domains: d1 (48 pages; privileged when the first byte's low bit is
 * set, so foreign mappings and orphans are exercised) and d2 (16 pages). Operations, read
 * from the input until it runs out: raw writes into frames the guest could write (any frame
 * not in use as a table); pins at levels 1-4; unpins; mmu_update batches of normal,
 * PRESERVE_AD, MACHPHYS_UPDATE and malformed requests with entries naming d1's frames, d2's,
 * shared_info pages, hypervisor frames, free frames and non-RAM; update_va_mapping and its
 * _otherdomain form with every flush flag; NEW_BASEPTR; TLB flushes; CLEAR_PAGE and
 * COPY_PAGE; multicall batches; destroying d2 midway. Entries are made with arch_pte_make
 * and then sometimes have one bit flipped or are replaced by random bits, so the format's
 * checks are fuzzed too.
 *
 * After every step (pt_audit_counts, tests/unit/support): no frame typed as a page table is
 * mapped writable in any validated table; no validated table maps a frame its domain does
 * not own (for the privileged d1, a frame of a live domain or an orphan); every frame's
 * general and type counts equal what the validated tables, pins, bases and allocations
 * hold; every hypercall returns 0 or an errno of the ABI. At the end the full audit also
 * checks free frames against the allocator and the M2P; then both domains are torn down
 * and every frame must be back in the allocator. The same file is built against the x86 PAE
 * and ARM64 VMSAv8 formats (validator_pae, validator_vmsav8): it uses arch/pt.h only.
 */
#include "fake.h"

#include "arch/config.h"
#include "arch/pt.h"
#include "frame_alloc.h"
#include "frame_table.h"
#include "fuzz_check.h"
#include "hypercall.h"
#include "m2p.h"
#include "pt_audit.h"
#include "public/errno.h"
#include "public/sched.h"
#include "public/xen.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define D1_PAGES 48
#define D2_PAGES 16
#define MAX_STEPS 96
#define BUF_VA 0x200000UL
#define BUF_PAGES 4
#define MASK_OFFSET (3 * PAGE_SIZE)

alignas(4096) static uint8_t guest_buffer[BUF_PAGES][PAGE_SIZE];
static uint64_t free_at_start;

struct fuzz_state {
	const uint8_t *data;
	size_t size;
	size_t pos;
	struct domain *d1;
	struct domain *d2; /* NULL once destroyed */
	mfn_t d2_pages[D2_PAGES];
	mfn_t d2_shared;
};

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fake_boot();
	for (unsigned int i = 0; i < BUF_PAGES; i++) {
		fake_guest_map(BUF_VA + i * PAGE_SIZE, guest_buffer[i], true);
	}
	free_at_start = frame_free_count();
	return 0;
}

/* ---- reading the input ---- */

static uint64_t take(struct fuzz_state *s, unsigned int bytes)
{
	uint64_t value = 0;

	for (unsigned int i = 0; i < bytes && s->pos < s->size; i++) {
		value |= (uint64_t)s->data[s->pos++] << (8 * i);
	}
	return value;
}

static bool exhausted(const struct fuzz_state *s)
{
	return s->pos >= s->size;
}

/* ---- what entries name ---- */

static mfn_t free_frame(void)
{
	mfn_t frame = frame_alloc();

	FUZZ_ASSERT(mfn_is_valid(frame));
	frame_free(frame);
	return frame;
}

static mfn_t pick_frame(struct fuzz_state *s)
{
	unsigned int choice = (unsigned int)take(s, 1);
	unsigned int index = (unsigned int)take(s, 1);

	if (choice < 160) {
		return s->d1->p2m[index % D1_PAGES];
	}
	if (choice < 200) {
		return s->d2_pages[index % D2_PAGES]; /* stale once d2 is gone */
	}
	switch (choice % 6) {
	case 0:
		return mfn(1 + index % 200); /* below RAM: the hypervisor image */
	case 1:
		return mfn(mfn_value(frame_table_limit()) + index);
	case 2:
		return m2p_frame(index % m2p_frame_count());
	case 3:
		return s->d1->shared_info_frame;
	case 4:
		return s->d2_shared;
	default:
		return free_frame();
	}
}

static pte_t pick_value(struct fuzz_state *s, unsigned int level)
{
	unsigned int mode = (unsigned int)take(s, 1);
	unsigned int flags = mode & (PTE_MAKE_WRITABLE | PTE_MAKE_USER);
	pte_t pte;

	if (mode >= 224) {
		return (pte_t){0};
	}
	if (mode >= 192) {
		return (pte_t){take(s, 8)};
	}
	/* Now and then an entry made for another level than the one asked. */
	level = mode % 16 == 15 ? 1 + (mode >> 4) % ARCH_PT_LEVELS : level;
	pte = arch_pte_make(pick_frame(s), level, flags);
	if (mode >= 128) {
		pte.value ^= 1ULL << (take(s, 1) % 64);
	}
	return pte;
}

/* The level of the table a frame is now, or a guess for a frame that is none. */
static unsigned int level_of(mfn_t frame, unsigned int guess)
{
	const struct frame_info *info = frame_info_of(frame);
	unsigned int level = info && info->type_count ? frame_type_level(info->type) : 0;

	return level ? level : 1 + guess % ARCH_PT_LEVELS;
}

static bool guest_may_write(mfn_t frame)
{
	const struct frame_info *info = frame_info_of(frame);

	return !info->type_count || !frame_type_level(info->type);
}

/* ---- calling the hypervisor ---- */

static void check_rc(long rc)
{
	FUZZ_ASSERT(rc == 0 || rc == -EINVAL || rc == -EPERM || rc == -EBUSY || rc == -ESRCH ||
		    rc == -EFAULT || rc == -ENOSYS || rc == -EACCES);
}

static long call(struct fuzz_state *s, unsigned long number, unsigned long a0, unsigned long a1,
		 unsigned long a2, unsigned long a3)
{
	struct hcall_args args = {.number = number, .arg = {a0, a1, a2, a3}};
	long rc = hypercall_dispatch(&s->d1->vcpu[0], &args);

	check_rc(rc);
	return rc;
}

static unsigned int pick_foreigndom(struct fuzz_state *s)
{
	unsigned int choice = (unsigned int)take(s, 1);

	if (choice < 200) {
		return DOMID_SELF;
	}
	return choice < 230 ? 2 : (2 + 1) << 16 | 2;
}

static uint64_t level_span(unsigned int level)
{
	uint64_t span = PAGE_SIZE;

	for (unsigned int l = 1; l <= level; l++) {
		span *= arch_pt_entry_count(l);
	}
	return span;
}

static uint64_t pick_va(struct fuzz_state *s)
{
	uint64_t va = 0;

	for (unsigned int level = ARCH_PT_LEVELS; level >= 1; level--) {
		va += (take(s, 2) % arch_pt_entry_count(level)) * level_span(level - 1);
	}
	return va % (ARCH_GUEST_VA_LIMIT + PAGE_SIZE);
}

/* ---- the operations ---- */

static void op_raw_write(struct fuzz_state *s)
{
	mfn_t frame = s->d1->p2m[take(s, 1) % D1_PAGES];
	unsigned int index = (unsigned int)(take(s, 2) % (PAGE_SIZE / sizeof(pte_t)));
	pte_t value = pick_value(s, level_of(frame, index));

	if (guest_may_write(frame)) {
		((pte_t *)frame_map(frame))[index] = value;
	}
}

static void mmuext(struct fuzz_state *s, unsigned int cmd, unsigned long arg1, unsigned long arg2,
		   unsigned int foreigndom)
{
	struct mmuext_op *op = (struct mmuext_op *)guest_buffer[0];

	*op = (struct mmuext_op){.cmd = cmd};
	op->arg1.linear_addr = arg1;
	op->arg2.src_mfn = arg2;
	call(s, __HYPERVISOR_mmuext_op, BUF_VA, 1, 0, foreigndom);
}

static void op_pin(struct fuzz_state *s)
{
	unsigned int level = 1 + (unsigned int)take(s, 1) % (ARCH_PT_LEVELS + 1);

	mmuext(s, MMUEXT_PIN_L1_TABLE + level - 1, (unsigned long)mfn_value(pick_frame(s)), 0,
	       pick_foreigndom(s));
}

static void op_unpin(struct fuzz_state *s)
{
	mmuext(s, MMUEXT_UNPIN_TABLE, (unsigned long)mfn_value(pick_frame(s)), 0,
	       pick_foreigndom(s));
}

static void op_new_base(struct fuzz_state *s)
{
	mmuext(s, MMUEXT_NEW_BASEPTR, (unsigned long)mfn_value(pick_frame(s)), 0, DOMID_SELF);
}

static void op_page(struct fuzz_state *s)
{
	unsigned int cmd = take(s, 1) % 2 ? MMUEXT_CLEAR_PAGE : MMUEXT_COPY_PAGE;
	unsigned long target = (unsigned long)mfn_value(pick_frame(s));

	mmuext(s, cmd, target, (unsigned long)mfn_value(pick_frame(s)), pick_foreigndom(s));
}

static void op_flush(struct fuzz_state *s)
{
	static const unsigned int cmds[] = {MMUEXT_TLB_FLUSH_LOCAL, MMUEXT_INVLPG_LOCAL,
					    MMUEXT_TLB_FLUSH_MULTI, MMUEXT_INVLPG_MULTI,
					    MMUEXT_TLB_FLUSH_ALL,   MMUEXT_INVLPG_ALL};
	unsigned int cmd = cmds[take(s, 1) % ARRAY_SIZE(cmds)];

	*(unsigned long *)guest_buffer[3] = (unsigned long)take(s, 1);
	mmuext(s, cmd, (unsigned long)pick_va(s), BUF_VA + MASK_OFFSET, DOMID_SELF);
}

/* One request: mostly a normal update of a table entry, sometimes anything else. */
static struct mmu_update pick_request(struct fuzz_state *s)
{
	mfn_t table = pick_frame(s);
	unsigned int index = (unsigned int)(take(s, 2) % (PAGE_SIZE / sizeof(pte_t)));
	unsigned int cmd = (unsigned int)take(s, 1) % 8;
	struct mmu_update req;

	cmd = cmd < 5 ? MMU_NORMAL_PT_UPDATE : cmd == 5 ? MMU_PT_UPDATE_PRESERVE_AD : cmd - 5;
	req.ptr = maddr_value(mfn_to_maddr(table)) + index * sizeof(pte_t) + cmd;
	req.val =
	    cmd == MMU_MACHPHYS_UPDATE ? take(s, 2) : pick_value(s, level_of(table, index)).value;
	return req;
}

static void op_mmu_update(struct fuzz_state *s)
{
	struct mmu_update *reqs = (struct mmu_update *)guest_buffer[0];
	unsigned int count = (unsigned int)take(s, 1) % 5;

	for (unsigned int i = 0; i < count; i++) {
		reqs[i] = pick_request(s);
	}
	call(s, __HYPERVISOR_mmu_update, BUF_VA, count, BUF_VA + MASK_OFFSET + 64,
	     pick_foreigndom(s));
	FUZZ_ASSERT(*(unsigned int *)(guest_buffer[3] + 64) <= count);
}

static unsigned long pick_uvm_flags(struct fuzz_state *s)
{
	unsigned int choice = (unsigned int)take(s, 1);

	*(unsigned long *)guest_buffer[3] = choice >> 4;
	return (choice & 7) | (choice & 8 ? BUF_VA + MASK_OFFSET : 0);
}

static void op_update_va(struct fuzz_state *s)
{
	uint64_t va = pick_va(s);
	pte_t pte = pick_value(s, 1);
	unsigned long flags = pick_uvm_flags(s);

	if (take(s, 1) % 4) {
		call(s, __HYPERVISOR_update_va_mapping, (unsigned long)va, pte.value, flags, 0);
	} else {
		call(s, __HYPERVISOR_update_va_mapping_otherdomain, (unsigned long)va, pte.value,
		     flags, pick_foreigndom(s) & 0xffff);
	}
}

/* A multicall of a few mmu_update calls, each of one request. */
static void op_multicall(struct fuzz_state *s)
{
	struct multicall_entry *calls = (struct multicall_entry *)guest_buffer[1];
	struct mmu_update *reqs = (struct mmu_update *)guest_buffer[2];
	unsigned int count = 1 + (unsigned int)take(s, 1) % 4;

	for (unsigned int i = 0; i < count; i++) {
		reqs[i] = pick_request(s);
		calls[i] = (struct multicall_entry){
		    .op = __HYPERVISOR_mmu_update,
		    .args = {BUF_VA + 2 * PAGE_SIZE + i * sizeof(*reqs), 1, 0, DOMID_SELF},
		};
	}
	FUZZ_ASSERT(call(s, __HYPERVISOR_multicall, BUF_VA + PAGE_SIZE, count, 0, 0) == 0);
	for (unsigned int i = 0; i < count; i++) {
		check_rc((long)calls[i].result);
	}
}

static void op_destroy_d2(struct fuzz_state *s)
{
	if (s->d2) {
		domain_shutdown(s->d2, SHUTDOWN_poweroff);
		s->d2 = NULL;
	}
}

static void run_step(struct fuzz_state *s)
{
	static void (*const ops[])(struct fuzz_state *) = {
	    op_raw_write, op_raw_write,	 op_raw_write,	op_pin,	       op_pin,
	    op_unpin,	  op_mmu_update, op_mmu_update, op_update_va,  op_new_base,
	    op_page,	  op_flush,	 op_multicall,	op_destroy_d2,
	};
	const char *failure;

	ops[take(s, 1) % ARRAY_SIZE(ops)](s);
	failure = pt_audit_counts();
	if (failure) {
		fprintf(stderr, "audit: %s\n", failure);
		abort();
	}
}

static void make_domains(struct fuzz_state *s, bool privileged)
{
	s->d1 = domain_create(1, privileged);
	s->d2 = domain_create(2, false);
	FUZZ_ASSERT(s->d1 && s->d2);
	FUZZ_ASSERT(!domain_populate(s->d1, D1_PAGES) && !domain_populate(s->d2, D2_PAGES));
	for (unsigned int i = 0; i < D2_PAGES; i++) {
		s->d2_pages[i] = s->d2->p2m[i];
	}
	s->d2_shared = s->d2->shared_info_frame;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_state s = {.data = data, .size = size};

	fake_console_clear();
	make_domains(&s, take(&s, 1) & 1);
	for (unsigned int step = 0; step < MAX_STEPS && !exhausted(&s); step++) {
		run_step(&s);
	}
	FUZZ_ASSERT(pt_audit() == NULL);
	op_destroy_d2(&s);
	domain_shutdown(s.d1, SHUTDOWN_poweroff);
	FUZZ_ASSERT(pt_audit() == NULL);
	FUZZ_ASSERT(frame_free_count() == free_at_start);
	return 0;
}
