/*
 * ptwr.c (x86): writable page tables, the vm_assist a guest kernel turns on with
 * VMASST_TYPE_writable_pagetables, as Xen has it.
 *
 * With the assist on, the kernel may write its level-1 page tables as if they were plain
 * memory. They stay mapped read-only (a page table is never mapped writable), so such a
 * write faults; the fault comes here before it would be bounced (traps.c), and when it is
 * a write from ring 1, through a present read-only mapping of a validated level-1 table
 * of the domain's, by an instruction of the forms a kernel uses on its entries
 * (plat/ptwr_insn.h: mov, xchg, cmpxchg, cmpxchg8b, and, or, bts, btr), naturally aligned,
 * the hypervisor performs it: the entry's new value goes through the validator exactly as
 * an mmu_update of it would (mm_update_entry: the new value's references taken, the old
 * value's dropped), then the registers and flags take the instruction's results and eip
 * moves past it. An instruction that does not write (a compare that failed) only changes
 * registers. Anything else, or a value the validator refuses, is not emulated: the guest
 * gets its #PF, as it would without the assist, and nothing has changed.
 *
 * One exception, Xen's: a 32-bit PAE kernel writes an entry's halves one at a time. When
 * the write of the high half makes a present entry the validator refuses, the kernel is
 * taken to be writing the halves the wrong way round, and the entry is stored with its
 * present bit clear: the low half's write that follows makes it whole.
 *
 * The guest flushes its TLB for the entry as after any level-1 update; on x86 the return
 * to the guest reloads its cr3, which does it anyway.
 */
#include "arch/config.h"
#include "domain.h"
#include "frame_alloc.h"
#include "frame_table.h"
#include "mm.h"
#include "plat/guest_window.h"
#include "plat/pae.h"
#include "plat/ptwr_insn.h"
#include "plat/traps.h"

#define WORD_BITS 32
#define WORD_MASK 0xffffffffULL

/* The general registers in ModRM order, from the frame and back. */
static void regs_load(struct ptwr_regs *r, const struct x86_regs *regs)
{
	*r = (struct ptwr_regs){
	    .gpr = {regs->eax, regs->ecx, regs->edx, regs->ebx, regs->esp, regs->ebp, regs->esi,
		    regs->edi},
	    .eflags = regs->eflags,
	};
}

static void regs_store(struct x86_regs *regs, const struct ptwr_regs *r)
{
	regs->eax = r->gpr[0];
	regs->ecx = r->gpr[1];
	regs->edx = r->gpr[2];
	regs->ebx = r->gpr[3];
	regs->esp = r->gpr[4];
	regs->ebp = r->gpr[5];
	regs->esi = r->gpr[6];
	regs->edi = r->gpr[7];
	regs->eflags = r->eflags;
}

/*
 * The level-1 table the write at va went to: va's page mapped present and read-only in
 * v's tables, and that page a validated level-1 table of v's domain. False otherwise.
 */
static bool written_table(const struct vcpu *v, uint32_t va, mfn_t *table)
{
	struct x86_translation walk;
	const struct frame_info *info;
	mfn_t frame;

	if (!x86_page_walk(&walk, (uint32_t)maddr_value(v->arch.cr3), va & ~(PAGE_SIZE - 1),
			   X86_ACCESS_READ) ||
	    (walk.leaf_value & (PAE_PRESENT | PAE_RW)) != PAE_PRESENT) {
		return false;
	}
	frame = mfn((walk.leaf_value & PAE_ADDRESS_MASK) >> PAGE_SHIFT);
	info = frame_info_of(frame);
	if (!info || info->owner != v->domain->id || info->type != FRAME_L1 || !info->type_count ||
	    !(info->flags & FRAME_VALIDATED)) {
		return false;
	}
	*table = frame;
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

/* Xen's PAE fix-up: a plain write of the high half that made a refused present entry. */
static bool halves_the_wrong_way(uint32_t va, const struct ptwr_insn *insn, uint64_t value)
{
	return insn->width == 4 && (va & 4) && insn->op != PTWR_CMPXCHG && (value & PAE_PRESENT);
}

/* Validates and commits the entry's new value; false (nothing changed) when refused. */
static bool entry_commit(struct domain *d, maddr_t entry, uint32_t va, const struct ptwr_insn *insn,
			 uint64_t value)
{
	unsigned int level;

	if (!mm_update_entry(d, d, entry, (pte_t){value}, false, &level)) {
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
	struct ptwr_insn insn;
	struct ptwr_regs r;
	mfn_t table;
	maddr_t entry;
	uint64_t old;
	uint64_t written;

	if (!(v->domain->vm_assist & (1UL << VMASST_TYPE_writable_pagetables)) ||
	    va >= ARCH_GUEST_VA_LIMIT || !written_table(v, va, &table) ||
	    !ptwr_decode(code, x86_fetch_insn(v, code), &insn) || (va & (insn.width - 1u))) {
		return false;
	}
	entry = maddr_add(mfn_to_maddr(table), va & (PAGE_SIZE - sizeof(pte_t)));
	old = ((const pte_t *)frame_map(table))[(va & (PAGE_SIZE - 1)) / sizeof(pte_t)].value;
	regs_load(&r, regs);
	if (ptwr_execute(&insn, insn.width == 4 ? old >> ((va & 4) * 8) & WORD_MASK : old, &r,
			 &written) &&
	    !entry_commit(v->domain, entry, va, &insn, entry_after(old, va, &insn, written))) {
		return false;
	}
	regs_store(regs, &r);
	regs->eip += insn.len;
	return true;
}
