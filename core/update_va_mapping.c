/*
 * update_va_mapping.c: update_va_mapping (14) and update_va_mapping_otherdomain (22): one
 * level-1 entry, named by the virtual address it maps in the caller's current tables.
 *
 * Arguments: va, the new entry (a 64-bit value in the arch's encoding: two registers on
 * x86, arch_hcall_arg_u64), flags, and for the _otherdomain form the domain whose frame the
 * entry may map (DOMID_SELF, or one a privileged caller may act for: -ESRCH / -EPERM as
 * Xen). The flags say what to flush after the update: the flush type (UVMF_NONE,
 * UVMF_TLB_FLUSH, UVMF_INVLPG) and whom (UVMF_LOCAL, UVMF_ALL, or else a guest pointer to a
 * vCPU mask, UVMF_MULTI); one vCPU per domain makes every target the local one. Flags are
 * decoded before anything changes: flush type 3, or a target with UVMF_NONE, is -EINVAL
 * (Xen ignores both), and an unreadable vCPU mask is -EFAULT. The common call, an entry
 * of the level-1 table the last call used with the fast references, is inline here
 * (update_va_quick, pt_leaf.h); mm_update_va has every other update.
 */
#include "arch/hypercall.h"
#include "arch/config.h"
#include "arch/pt.h"
#include "guest_access.h"
#include "hypercall.h"
#include "mm.h"
#include "pt_leaf.h"
#include "public/errno.h"

/*
 * The valid flags naming UVMF_LOCAL or UVMF_ALL, one bit each: every flush type but the
 * fourth, and UVMF_NONE only with UVMF_LOCAL (a target with UVMF_NONE is -EINVAL).
 */
#define UVMF_BIT(flags) (1UL << (flags))
#define UVMF_SIMPLE_FLAGS_VALID                                                     \
	(UVMF_BIT(UVMF_LOCAL | UVMF_NONE) | UVMF_BIT(UVMF_LOCAL | UVMF_TLB_FLUSH) | \
	 UVMF_BIT(UVMF_LOCAL | UVMF_INVLPG) | UVMF_BIT(UVMF_ALL | UVMF_TLB_FLUSH) | \
	 UVMF_BIT(UVMF_ALL | UVMF_INVLPG))

/* The flush the flags' type asks for, on the calling vCPU, after the update of va. */
static inline __attribute__((always_inline)) void uvmf_flush(unsigned long flags, uintptr_t va)
{
	if ((flags & UVMF_FLUSHTYPE_MASK) == UVMF_INVLPG) {
		arch_tlb_flush_va(va);
	} else if ((flags & UVMF_FLUSHTYPE_MASK) == UVMF_TLB_FLUSH) {
		arch_tlb_flush_local();
	}
}

/*
 * The vCPU mask of a UVMF_MULTI target (a guest pointer): 1 when the calling vCPU, the
 * only one, is in it, else 0; -EFAULT when the mask cannot be read.
 */
static __attribute__((noinline)) int flush_mask_local(unsigned long target)
{
	unsigned long mask;

	if (copy_from_guest(&mask, gvaddr(target), sizeof(mask))) {
		return -EFAULT;
	}
	return mask & 1;
}

/* The hypercall once the arguments are decoded: flags first, then the entry, the flush. */
static long update_va(struct vcpu *v, struct domain *pg_owner, uintptr_t va, pte_t pte,
		      unsigned long flags)
{
	unsigned long type = flags & UVMF_FLUSHTYPE_MASK;
	unsigned long target = flags & ~UVMF_FLUSHTYPE_MASK;
	int local = 1;
	int rc;

	if (flags <= (UVMF_ALL | UVMF_FLUSHTYPE_MASK)) {
		/* UVMF_LOCAL or UVMF_ALL: one bit per valid value says it all. */
		if (!((UVMF_SIMPLE_FLAGS_VALID >> flags) & 1)) {
			return -EINVAL;
		}
	} else if (type == UVMF_FLUSHTYPE_MASK || type == UVMF_NONE) {
		return -EINVAL;
	} else {
		local = flush_mask_local(target);
		if (local < 0) {
			return local;
		}
	}
	rc = mm_update_va(v, pg_owner, va, pte);
	if (rc || !local) {
		return rc;
	}
	uvmf_flush(flags, va);
	return 0;
}

/*
 * The common call, whole: flags naming UVMF_LOCAL or UVMF_ALL, va in the level-1 table
 * the last call kept (pt_leaf.h: for any va), the new value's reference and the old
 * one's the fast ones (pt_leaf.h's quick replace). False, nothing changed, for any other:
 * update_va then decides it from scratch.
 */
static inline __attribute__((always_inline)) bool update_va_quick(struct vcpu *v, uintptr_t va,
								  pte_t pte, unsigned long flags)
{
	if (flags > (UVMF_ALL | UVMF_FLUSHTYPE_MASK) || !((UVMF_SIMPLE_FLAGS_VALID >> flags) & 1) ||
	    !pt_va_leaf_holds(v, va) ||
	    !pt_leaf_replace_quick(pt_leaf_owner_of(v->domain),
				   &pt_va_leaf.entries[arch_pt_index(va, 1)], (uint32_t)pte.value,
				   (uint32_t)(pte.value >> 32))) {
		return false;
	}
	uvmf_flush(flags, va);
	return true;
}

HOT_CALL long do_update_va_mapping(struct vcpu *v, const struct hcall_args *args)
{
	unsigned int next;
	pte_t pte = {arch_hcall_arg_u64(args, 1, &next)};

	if (update_va_quick(v, args->arg[0], pte, args->arg[next])) {
		return 0;
	}
	return update_va(v, v->domain, args->arg[0], pte, args->arg[next]);
}

HOT_CALL long do_update_va_mapping_otherdomain(struct vcpu *v, const struct hcall_args *args)
{
	unsigned int next;
	pte_t pte = {arch_hcall_arg_u64(args, 1, &next)};
	struct domain *pg_owner;
	int rc = mm_lookup_owner(v, (domid_t)args->arg[next + 1], &pg_owner);

	if (rc) {
		return rc;
	}
	if (!mm_may_act_for(v, pg_owner)) {
		return -EPERM;
	}
	return update_va(v, pg_owner, args->arg[0], pte, args->arg[next]);
}
