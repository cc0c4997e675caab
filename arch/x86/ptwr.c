/*
 * ptwr.c (x86): writable page tables, the vm_assist a guest kernel turns on with
 * VMASST_TYPE_writable_pagetables, as Xen has it.
 *
 * With the assist on, the kernel may write its level-1 page tables as if they were plain
 * memory. They stay mapped read-only (a page table is never mapped writable), so such a
 * write faults; the fault comes here before it would be bounced (traps.c), and when it is
 * a write from ring 1, through a present read-only mapping of a validated level-1 table
 * of the domain's, by an instruction of the forms a kernel uses on its entries
 * (plat/ptwr_insn.h: mov, xchg, cmpxchg, cmpxchg8b, and, or, bts, btr) whose operand,
 * computed from its registers, is the fault address, naturally aligned, the hypervisor
 * performs it: the entry's new value goes through the validator exactly as
 * an mmu_update of it would (mm_update_entry: the new value's references taken, the old
 * value's dropped), then the registers and flags take the instruction's results and eip
 * moves past it. An instruction that does not write (a compare that failed) only changes
 * registers. Anything else, or a value the validator refuses, is not emulated: the guest
 * gets its #PF, as it would without the assist, and nothing has changed.
 *
 * One exception, Xen's: a 32-bit PAE kernel writes an entry's halves one at a time. When
 * a plain (not locked, not compare) write of the high half makes a present entry the
 * validator refuses, the kernel is taken to be writing the halves the wrong way round,
 * and the entry is stored with its present bit clear: the low half's write that follows
 * makes it whole.
 *
 * The guest flushes its TLB for the entry as after any level-1 update; on x86 the return
 * to the guest reloads its cr3, which does it anyway.
 */
#include "arch/config.h"
#include "domain.h"
#include "frame_table.h"
#include "mm.h"
#include "plat/guest_window.h"
#include "plat/insn_prefix.h"
#include "plat/pae.h"
#include "plat/ptwr_insn.h"
#include "plat/traps.h"
#include "pt_leaf.h"

#define WORD_MASK 0xffffffffULL

/* The general registers in ModRM order (plat/regs.h), from the frame and back. */
static void regs_load(struct ptwr_regs *r, struct x86_regs *regs)
{
	for (unsigned int n = 0; n < ARRAY_SIZE(r->gpr); n++) {
		r->gpr[n] = *x86_regs_gpr(regs, n);
	}
	r->eflags = regs->eflags;
}

static void regs_store(struct x86_regs *regs, const struct ptwr_regs *r)
{
	for (unsigned int n = 0; n < ARRAY_SIZE(r->gpr); n++) {
		*x86_regs_gpr(regs, n) = r->gpr[n];
	}
	regs->eflags = r->eflags;
}

/* What the fault wrote to: the level-1 table, its entries as the hypervisor sees them. */
struct written {
	mfn_t table;
	pte_t *entries;
};

/*
 * The level-1 table the write at va went to: va's page mapped present and read-only in
 * v's tables (the translation the guest's reads use, kept), and that page a validated
 * level-1 table of v's domain. False otherwise.
 */
static bool written_table(const struct vcpu *v, uint32_t va, struct written *out)
{
	const struct x86_translation *t = x86_guest_translation(
	    (uint32_t)maddr_value(v->arch.cr3), va & ~(PAGE_SIZE - 1), X86_ACCESS_READ);
	const struct frame_info *info;
	mfn_t frame;

	if (!t || (t->leaf_value & (PAE_PRESENT | PAE_RW)) != PAE_PRESENT) {
		return false;
	}
	frame = mfn((t->leaf_value & PAE_ADDRESS_MASK) >> PAGE_SHIFT);
	info = frame_info_of(frame);
	if (!info || info->owner != v->domain->id || info->type != FRAME_L1 || !info->type_count ||
	    !(info->flags & FRAME_VALIDATED)) {
		return false;
	}
	*out = (struct written){.table = frame, .entries = (pte_t *)t->target};
	return true;
}

/* The entry's value once the instruction's write of width bytes at va lands in it. */
static uint64_t entry_after(uint64_t entry, uint32_t va, const struct ptwr_insn *insn,
			    uint64_t written)
{
	unsigned int shift = (va & 4) * 8;

	if (insn->width == sizeof(uint64_t)) {
		return written;
	}
	return (entry & ~(WORD_MASK << shift)) | ((written & WORD_MASK) << shift);
}

/*
 * Xen's PAE fix-up: a plain write of the high half that made a refused present entry; not
 * a locked one (lock prefix, xchg) nor a compare.
 */
static bool halves_the_wrong_way(uint32_t va, const struct ptwr_insn *insn, uint64_t value)
{
	return insn->width == 4 && (va & 4) && !insn->lock && insn->op != PTWR_CMPXCHG &&
	       (value & PAE_PRESENT);
}

/*
 * True when the instruction's own operand is at va, the fault address, naturally aligned:
 * its offset computed from the registers, in a segment whose base is 0 (not an fs or gs
 * override, whose base the guest chooses). A write that began on the page before the
 * table and ran into it faults at the table's first byte, aligned but not the operand's.
 */
static bool operand_at(const struct ptwr_insn *insn, const struct ptwr_regs *r, uint32_t va)
{
	return insn->segment != X86_PREFIX_FS && insn->segment != X86_PREFIX_GS &&
	       ptwr_operand_offset(insn, r) == va && !(va & (insn->width - 1u));
}

/*
 * Validates and commits the entry's new value, as mmu_update would: the quick replace of
 * pt_leaf.h when both references are the fast ones, else the validator from scratch. False
 * (nothing changed) when refused.
 */
static bool entry_commit(struct domain *d, const struct written *w, uint32_t va,
			 const struct ptwr_insn *insn, uint64_t value)
{
	unsigned int index = (va & (PAGE_SIZE - 1)) / sizeof(pte_t);
	maddr_t entry = maddr_add(mfn_to_maddr(w->table), index * sizeof(pte_t));
	unsigned int level;

	if ((pt_leaf_offset_ok(index * sizeof(pte_t)) &&
	     pt_leaf_replace_quick(pt_leaf_owner_of(d), &w->entries[index], (uint32_t)value,
				   (uint32_t)(value >> 32))) ||
	    !mm_update_entry(d, d, entry, (pte_t){value}, false, &level)) {
		return true;
	}
	return halves_the_wrong_way(va, insn, value) &&
	       !mm_update_entry(d, d, entry, (pte_t){value & ~(uint64_t)PAE_PRESENT}, false,
				&level);
}

bool x86_ptwr_fault(struct vcpu *v, uint32_t va)
{
	struct x86_regs *regs = v->arch.regs;
	uint8_t code[X86_INSN_MAX];
	size_t length;
	struct ptwr_insn insn;
	struct ptwr_regs r;
	struct written w;
	uint64_t old;
	uint64_t written;

	if (!(v->domain->vm_assist & (1UL << VMASST_TYPE_writable_pagetables)) ||
	    va >= ARCH_GUEST_VA_LIMIT || !written_table(v, va, &w)) {
		return false;
	}
	length = x86_fetch_insn(v, code);
	regs_load(&r, regs);
	if (!ptwr_decode(code, length, &insn) || !operand_at(&insn, &r, va)) {
		return false;
	}
	old = w.entries[(va & (PAGE_SIZE - 1)) / sizeof(pte_t)].value;
	if (ptwr_execute(&insn, insn.width == 4 ? old >> ((va & 4) * 8) & WORD_MASK : old, &r,
			 &written) &&
	    !entry_commit(v->domain, &w, va, &insn, entry_after(old, va, &insn, written))) {
		return false;
	}
	regs_store(regs, &r);
	regs->eip += insn.len;
	return true;
}
