/*
 * mm_ptwr.c: writable page tables (vm_assist VMASST_TYPE_writable_pagetables, x86): with
 * the assist on, the kernel writes its level-1 tables directly, as XenoLinux does, and
 * each write is validated as an mmu_update of the entry would be. Built into the mm image
 * on x86 only.
 *
 * The tables stay mapped read-only, so each write faults and the hypervisor performs it:
 * the forms a kernel uses (mov of either half, xchg, cmpxchg, cmpxchg8b, and, or, bts,
 * btr) with their register and flag results. A value the validator refuses, a write to a
 * table above level 1, any other instruction, a misaligned write, or any write with the
 * assist off reaches the guest as the #PF it is, with the entry unchanged. Xen's PAE
 * fix-up holds: a high-half write that makes a refused present entry stores it not
 * present, for the low half's write to complete.
 */
#include "../mm_common.h"
#include "pte.h"
#include "user.h"
#include "x86/traps.h"

#define ENTRY 4 /* the scratch entry the tests write */
#define PAE_PRESENT 0x1ULL
#define PAE_RW 0x2ULL
#define PAE_ACCESSED_DIRTY 0x60ULL /* set by the CPU as the mapping is used */
#define EFLAGS_ZF 0x40

/* A write of one instruction's kind to a 32-bit word (or the 64-bit entry). */
struct word_write {
	volatile uint32_t *at;
	uint32_t value;
	uint32_t result;
};

static void mov_word(void *arg)
{
	struct word_write *w = arg;

	__asm__ volatile("movl %1, %0" : "=m"(*w->at) : "r"(w->value) : "memory");
}

static void mov_zero(void *arg)
{
	struct word_write *w = arg;

	__asm__ volatile("movl $0, %0" : "=m"(*w->at) : : "memory");
}

static void mov_half_word(void *arg)
{
	struct word_write *w = arg;

	__asm__ volatile("movw %1, %0"
			 : "=m"(*(volatile uint16_t *)w->at)
			 : "r"((uint16_t)w->value)
			 : "memory");
}

static void xchg_word(void *arg)
{
	struct word_write *w = arg;
	uint32_t value = w->value;

	__asm__ volatile("xchgl %0, %1" : "+r"(value), "+m"(*w->at) : : "memory");
	w->result = value;
}

static void and_word(void *arg)
{
	struct word_write *w = arg;
	uint32_t flags;

	__asm__ volatile("andl %2, %0\n\tpushfl\n\tpopl %1"
			 : "+m"(*w->at), "=r"(flags)
			 : "r"(w->value)
			 : "memory", "cc");
	w->result = flags;
}

static void or_word(void *arg)
{
	struct word_write *w = arg;

	__asm__ volatile("lock orl %1, %0" : "+m"(*w->at) : "r"(w->value) : "memory", "cc");
}

/* bts or btr of the RW bit (bit 1); result: the bit's old value (CF). */
#define RW_BIT_OPERATION(name, insn)                               \
	static void name(void *arg)                                \
	{                                                          \
		struct word_write *w = arg;                        \
		uint8_t was;                                       \
                                                                   \
		__asm__ volatile("lock " insn " $1, %0\n\tsetc %1" \
				 : "+m"(*w->at), "=q"(was)         \
				 :                                 \
				 : "memory", "cc");                \
		w->result = was;                                   \
	}

RW_BIT_OPERATION(bts_rw, "btsl")
RW_BIT_OPERATION(btr_rw, "btrl")

/* cmpxchg of the low word: expected in value, the new word in result; result: ZF, eax. */
static void cmpxchg_word(void *arg)
{
	struct word_write *w = arg;
	uint32_t expected = w->value;
	uint8_t equal;

	__asm__ volatile("lock cmpxchgl %3, %0\n\tsete %1"
			 : "+m"(*w->at), "=q"(equal), "+a"(expected)
			 : "r"(w->result)
			 : "memory", "cc");
	w->value = expected;
	w->result = equal;
}

struct entry_swap {
	volatile uint64_t *at;
	uint64_t expected;
	uint64_t value;
	bool equal;
};

static void cmpxchg8b_entry(void *arg)
{
	struct entry_swap *e = arg;
	uint64_t expected = e->expected;
	uint8_t equal;

	__asm__ volatile("lock cmpxchg8b %0\n\tsete %1"
			 : "+m"(*e->at), "=q"(equal), "+A"(expected)
			 : "b"((uint32_t)e->value), "c"((uint32_t)(e->value >> 32))
			 : "memory", "cc");
	e->expected = expected;
	e->equal = equal;
}

/* The same write single-stepped: the trap flag set just before it. */
extern char ptwr_step_next[];

static __attribute__((noinline, noclone)) void mov_word_stepped(void *arg)
{
	struct word_write *w = arg;

	__asm__ volatile("pushfl\n\torl $0x100, (%%esp)\n\tpopfl\n\t"
			 "movl %1, %0\n"
			 ".globl ptwr_step_next\n"
			 "ptwr_step_next:\n\t"
			 "nop\n\tpushfl\n\tandl $~0x100, (%%esp)\n\tpopfl"
			 : "=m"(*w->at)
			 : "r"(w->value)
			 : "memory", "cc");
}

static void read_word(void *arg)
{
	(void)word_at((unsigned long)arg);
}

static void write_byte(void *arg)
{
	*(volatile uint8_t *)arg = 1;
}

static volatile uint32_t *low_word(const struct scratch *s, unsigned int index)
{
	return (volatile uint32_t *)&s->l1[index];
}

static volatile uint32_t *high_word(const struct scratch *s, unsigned int index)
{
	return low_word(s, index) + 1;
}

static unsigned long entry_va(const struct scratch *s)
{
	return s->va + ENTRY * PAGE_SIZE;
}

/* Runs fn(w), which must fault with the #PF of a write to w->at; true if it did. */
static bool refused(void (*fn)(void *), struct word_write *w)
{
	struct trap_record trap;

	EXPECT_TRUE(trap_catch(fn, w, &trap));
	EXPECT_EQ(trap.vector, TRAP_PF);
	EXPECT_EQ(trap.error_code, PF_PRESENT | PF_WRITE);
	EXPECT_EQ(trap.cr2, (uint32_t)(uintptr_t)w->at);
	return trap.vector == TRAP_PF;
}

/* Runs fn(w), which must complete (emulated). */
static void done(void (*fn)(void *), struct word_write *w)
{
	struct trap_record trap;

	EXPECT_TRUE(!trap_catch(fn, w, &trap));
}

static bool setup(struct scratch *s)
{
	traps_init();
	data_pages_tag();
	if (!scratch_build(s, 5)) {
		return false;
	}
	EXPECT_EQ(HYPERVISOR_vm_assist(VMASST_CMD_enable, VMASST_TYPE_writable_pagetables), 0);
	return true;
}

static uint64_t data_pte(unsigned int page, unsigned int flags)
{
	return pte_page(frame_of(data_pages[page]), flags);
}

TEST(mm_ptwr_off_faults)
{
	struct scratch s;
	struct word_write w;

	if (!setup(&s)) {
		return;
	}
	EXPECT_EQ(HYPERVISOR_vm_assist(VMASST_CMD_disable, VMASST_TYPE_writable_pagetables), 0);
	w = (struct word_write){.at = low_word(&s, ENTRY), .value = (uint32_t)data_pte(3, 0)};
	refused(mov_word, &w);
	EXPECT_EQ(s.l1[ENTRY], 0);
	/* On again: the same write is a mapping. */
	EXPECT_EQ(HYPERVISOR_vm_assist(VMASST_CMD_enable, VMASST_TYPE_writable_pagetables), 0);
	done(mov_word, &w);
	EXPECT_EQ(s.l1[ENTRY], data_pte(3, 0));
	EXPECT_EQ(word_at(entry_va(&s)), 0xda7a0003);
	expect_running();
	scratch_destroy(&s);
}

/* set_pte's order (high half, then low) to map; pte_clear's (low, then high) to unmap. */
TEST(mm_ptwr_mov_maps_and_unmaps)
{
	struct scratch s;
	struct trap_record trap;
	uint64_t pte = data_pte(6, PTE_WRITABLE);
	struct word_write high;
	struct word_write low;

	if (!setup(&s)) {
		return;
	}
	high = (struct word_write){.at = high_word(&s, ENTRY), .value = (uint32_t)(pte >> 32)};
	low = (struct word_write){.at = low_word(&s, ENTRY), .value = (uint32_t)pte};
	done(mov_word, &high);
	done(mov_word, &low);
	EXPECT_EQ(s.l1[ENTRY], pte);
	EXPECT_EQ(word_at(entry_va(&s)), 0xda7a0006);
	*(volatile uint32_t *)(entry_va(&s) + 4) = 0x1234; /* mapped writable */
	EXPECT_EQ(data_pages[6][1], 0x1234);
	done(mov_zero, &low);
	done(mov_zero, &high);
	EXPECT_EQ(s.l1[ENTRY], 0);
	EXPECT_EQ(mmu_invlpg(entry_va(&s)), 0);
	EXPECT_TRUE(trap_catch(read_word, (void *)entry_va(&s), &trap));
	EXPECT_EQ(trap.vector, TRAP_PF);
	/* The page's writable type went with its mapping: it can be a table now. */
	EXPECT_EQ(mmu_pin(make_read_only(data_pages[6]), 1), 0);
	EXPECT_EQ(mmu_unpin(frame_of(data_pages[6])), 0);
	make_writable(data_pages[6]);
	expect_running();
	scratch_destroy(&s);
}

TEST(mm_ptwr_atomic_forms)
{
	struct scratch s;
	uint64_t a = data_pte(2, 0);
	uint64_t b = data_pte(9, 0);
	struct word_write w;
	struct entry_swap e;

	if (!setup(&s)) {
		return;
	}
	/* xchg of the low half: the old half comes back. */
	w = (struct word_write){.at = low_word(&s, ENTRY), .value = (uint32_t)a};
	done(xchg_word, &w);
	EXPECT_EQ(w.result, 0);
	EXPECT_EQ(s.l1[ENTRY], a);
	/* cmpxchg8b: a failed compare changes nothing and returns the entry. */
	e = (struct entry_swap){.at = (volatile uint64_t *)&s.l1[ENTRY], .expected = b, .value = b};
	done(cmpxchg8b_entry, (void *)&e);
	EXPECT_TRUE(!e.equal);
	EXPECT_EQ(e.expected, a);
	EXPECT_EQ(s.l1[ENTRY], a);
	/* ... a successful one swaps the whole entry. */
	e = (struct entry_swap){.at = (volatile uint64_t *)&s.l1[ENTRY], .expected = a, .value = b};
	done(cmpxchg8b_entry, (void *)&e);
	EXPECT_TRUE(e.equal);
	EXPECT_EQ(s.l1[ENTRY], b);
	EXPECT_EQ(word_at(entry_va(&s)), 0xda7a0009);
	/* cmpxchg of the low half, both ways. */
	w = (struct word_write){
	    .at = low_word(&s, ENTRY), .value = (uint32_t)a, .result = (uint32_t)a};
	done(cmpxchg_word, &w);
	EXPECT_EQ(w.result, 0);
	EXPECT_EQ(w.value, (uint32_t)b);
	w = (struct word_write){.at = low_word(&s, ENTRY), .value = (uint32_t)b, .result = 0};
	done(cmpxchg_word, &w);
	EXPECT_EQ(w.result, 1);
	EXPECT_EQ(s.l1[ENTRY], b & 0xffffffff00000000ULL);
	expect_running();
	scratch_destroy(&s);
}

TEST(mm_ptwr_bit_operations)
{
	struct scratch s;
	struct trap_record trap;
	uint64_t pte = data_pte(7, 0);
	struct word_write w;

	if (!setup(&s)) {
		return;
	}
	w = (struct word_write){.at = low_word(&s, ENTRY), .value = (uint32_t)pte};
	done(mov_word, &w);
	/* bts of RW: the page becomes writable through the entry; CF the old bit. */
	done(bts_rw, &w);
	EXPECT_EQ(w.result, 0);
	EXPECT_EQ(s.l1[ENTRY], pte | PAE_RW);
	EXPECT_TRUE(!trap_catch(write_byte, (void *)(entry_va(&s) + 8), &trap));
	done(btr_rw, &w);
	EXPECT_EQ(w.result, 1);
	EXPECT_EQ(mmu_invlpg(entry_va(&s)), 0);
	EXPECT_TRUE(trap_catch(write_byte, (void *)(entry_va(&s) + 8), &trap));
	EXPECT_EQ(trap.error_code, PF_PRESENT | PF_WRITE);
	EXPECT_EQ(trap.cr2, entry_va(&s) + 8);
	/* and clears the present bit (flags as the CPU's: not zero), or sets it again. */
	w.value = ~(uint32_t)PAE_PRESENT;
	done(and_word, &w);
	EXPECT_EQ(s.l1[ENTRY] & ~PAE_ACCESSED_DIRTY, pte & ~(PAE_PRESENT | PAE_ACCESSED_DIRTY));
	EXPECT_EQ(w.result & EFLAGS_ZF, 0);
	w.value = (uint32_t)PAE_PRESENT;
	done(or_word, &w);
	EXPECT_EQ(s.l1[ENTRY] & ~PAE_ACCESSED_DIRTY, pte & ~PAE_ACCESSED_DIRTY);
	EXPECT_EQ(word_at(entry_va(&s)), 0xda7a0007);
	expect_running();
	scratch_destroy(&s);
}

TEST(mm_ptwr_refused_values_fault)
{
	struct scratch s;
	uint64_t pte = data_pte(1, 0);
	struct word_write w;

	if (!setup(&s)) {
		return;
	}
	/* A frame the domain does not own; one beyond RAM; its own table, writable. */
	w = (struct word_write){.at = low_word(&s, ENTRY),
				.value = (uint32_t)pte_page(hypervisor_frame(), 0)};
	refused(mov_word, &w);
	w.value = (uint32_t)pte_page(s.l1_mfn, PTE_WRITABLE);
	refused(mov_word, &w);
	w.value = (uint32_t)pte_page(FRAME_NOT_RAM, 0);
	refused(mov_word, &w);
	EXPECT_EQ(s.l1[ENTRY], 0);
	/* An entry that maps a page: making it writable to its own table is refused too. */
	w.value = (uint32_t)pte;
	done(mov_word, &w);
	w.value = (uint32_t)pte_page(s.l1_mfn, PTE_WRITABLE);
	refused(xchg_word, &w);
	EXPECT_EQ(s.l1[ENTRY], pte);
	expect_running();
	scratch_destroy(&s);
}

/* Xen's fix-up: the high half first, making a refused present entry: stored not present. */
TEST(mm_ptwr_pae_high_half_first)
{
	struct scratch s;
	struct trap_record trap;
	uint64_t pte = data_pte(5, 0);
	struct word_write low;
	struct word_write high;

	if (!setup(&s)) {
		return;
	}
	low = (struct word_write){.at = low_word(&s, ENTRY), .value = (uint32_t)pte};
	high = (struct word_write){.at = high_word(&s, ENTRY), .value = 0xf};
	done(mov_word, &low);
	/* A locked write (xchg) gets no fix-up, as in Xen: the guest's #PF. */
	refused(xchg_word, &high);
	EXPECT_EQ(s.l1[ENTRY], pte);
	done(mov_word, &high); /* frame bits above any RAM with the old low half */
	EXPECT_EQ(s.l1[ENTRY], (pte & ~PAE_PRESENT) | 0xf00000000ULL);
	EXPECT_EQ(mmu_invlpg(entry_va(&s)), 0);
	EXPECT_TRUE(trap_catch(read_word, (void *)entry_va(&s), &trap));
	/* The low half present with that high half: refused, no fix-up for it. */
	refused(mov_word, &low);
	high.value = (uint32_t)(pte >> 32);
	done(mov_word, &high);
	done(mov_word, &low);
	EXPECT_EQ(s.l1[ENTRY], pte);
	EXPECT_EQ(word_at(entry_va(&s)), 0xda7a0005);
	expect_running();
	scratch_destroy(&s);
}

/* Only level-1 tables, only the kernel's forms, only aligned writes. */
TEST(mm_ptwr_other_writes_fault)
{
	struct scratch s;
	struct word_write w;
	uint64_t *l2;

	if (!setup(&s)) {
		return;
	}
	l2 = mmu_mfn_to_va(mmu_table_mfn(s.va, 2));
	w = (struct word_write){.at = (volatile uint32_t *)&l2[pt_index(s.va, 2) + 1], .value = 0};
	refused(mov_zero, &w);
	w = (struct word_write){.at = low_word(&s, ENTRY), .value = (uint32_t)data_pte(1, 0)};
	refused(mov_half_word, &w);
	w.at = (volatile uint32_t *)((uintptr_t)low_word(&s, ENTRY) + 2);
	refused(mov_word, &w);
	EXPECT_EQ(s.l1[ENTRY], 0);
	expect_running();
	scratch_destroy(&s);
}

static long write_from_ring3(long address)
{
	*(volatile uint32_t *)address = 0;
	return 0;
}

/* Ring 3 never writes a page table, even through a mapping it may read. */
TEST(mm_ptwr_ring3_faults)
{
	struct scratch s;
	struct user_result result;
	unsigned long table_va;

	if (!setup(&s)) {
		return;
	}
	table_va = s.va + (ENTRY + 1) * PAGE_SIZE;
	mmu_queue_entry(table_va, 1, pte_page(s.l1_mfn, PTE_USER));
	EXPECT_EQ(mmu_flush(), 0);
	EXPECT_EQ(word_at(table_va + ENTRY * sizeof(uint64_t)), 0);
	user_run(write_from_ring3, (long)(table_va + ENTRY * sizeof(uint64_t)), &result);
	EXPECT_TRUE(result.faulted);
	EXPECT_EQ(result.vector, TRAP_PF);
	EXPECT_EQ(result.error_code, PF_PRESENT | PF_WRITE | PF_USER);
	EXPECT_EQ(result.fault_address, table_va + ENTRY * sizeof(uint64_t));
	EXPECT_EQ(s.l1[ENTRY], 0);
	mmu_queue_entry(table_va, 1, 0);
	EXPECT_EQ(mmu_flush(), 0);
	expect_running();
	scratch_destroy(&s);
}

/* An emulated write single-steps as the CPU's own: #DB right after it, the entry written. */
TEST(mm_ptwr_single_step)
{
	struct scratch s;
	struct trap_record trap;
	struct word_write w;

	if (!setup(&s)) {
		return;
	}
	w = (struct word_write){.at = low_word(&s, ENTRY), .value = (uint32_t)data_pte(4, 0)};
	EXPECT_TRUE(trap_catch(mov_word_stepped, &w, &trap));
	EXPECT_EQ(trap.vector, TRAP_DB);
	EXPECT_EQ(trap.eip, (uint32_t)(uintptr_t)ptwr_step_next);
	EXPECT_EQ(s.l1[ENTRY], data_pte(4, 0));
	expect_running();
	scratch_destroy(&s);
}

/* A refused write leaves the registers and flags as they were (a handler looks, skips it). */
static struct trap_frame refused_frame;
static uint32_t refused_skip;

static void record_and_skip(struct trap_frame *frame)
{
	refused_frame = *frame;
	frame->eip += refused_skip;
}

TEST(mm_ptwr_refused_write_changes_no_register)
{
	struct scratch s;
	volatile uint32_t *at;
	uint32_t value;
	uint32_t expected;
	uint32_t one = 1;

	if (!setup(&s)) {
		return;
	}
	at = low_word(&s, ENTRY);
	trap_set_handler(TRAP_PF, record_and_skip);
	/* xchg %eax, (%ebx) (87 03) of a frame the domain does not own. */
	refused_skip = 2;
	value = (uint32_t)pte_page(hypervisor_frame(), 0);
	__asm__ volatile("xchgl %%eax, (%%ebx)" : "+a"(value) : "b"(at) : "memory");
	EXPECT_EQ(refused_frame.vector, TRAP_PF);
	EXPECT_EQ(value, (uint32_t)pte_page(hypervisor_frame(), 0));
	/* lock cmpxchg %ecx, (%ebx) (f0 0f b1 0b), its compare true, ZF clear before. */
	refused_skip = 4;
	expected = 0;
	refused_frame.vector = 0;
	__asm__ volatile("testl %%edx, %%edx\n\tlock cmpxchgl %%ecx, (%%ebx)"
			 : "+a"(expected)
			 : "b"(at), "c"((uint32_t)pte_page(hypervisor_frame(), 0)), "d"(one)
			 : "memory", "cc");
	trap_set_handler(TRAP_PF, NULL);
	EXPECT_EQ(refused_frame.vector, TRAP_PF);
	EXPECT_EQ(refused_frame.eax, 0);
	EXPECT_EQ(refused_frame.eflags & EFLAGS_ZF, 0);
	EXPECT_EQ(s.l1[ENTRY], 0);
	expect_running();
	scratch_destroy(&s);
}

/*
 * A write that starts on the writable page before the table and runs into it faults at
 * the table's first byte, an aligned address: it is not the instruction's, so the write is
 * not emulated there. The guest gets its #PF.
 */
TEST(mm_ptwr_write_across_into_a_table_faults)
{
	struct scratch s;
	struct trap_record trap;
	struct word_write w;

	if (!setup(&s)) {
		return;
	}
	w = (struct word_write){.at = (volatile uint32_t *)((uintptr_t)s.l1 - 2),
				.value = (uint32_t)data_pte(2, 0)};
	EXPECT_TRUE(trap_catch(mov_word, &w, &trap));
	EXPECT_EQ(trap.vector, TRAP_PF);
	EXPECT_EQ(trap.error_code, PF_PRESENT | PF_WRITE);
	EXPECT_EQ(trap.cr2, (uint32_t)(uintptr_t)s.l1);
	EXPECT_EQ(s.l1[0], 0);
	expect_running();
	scratch_destroy(&s);
}
