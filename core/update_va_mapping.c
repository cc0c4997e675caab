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
 * (Xen ignores both), and an unreadable vCPU mask is -EFAULT.
 */
#include "arch/hypercall.h"
#include "arch/pt.h"
#include "guest_access.h"
#include "hypercall.h"
#include "mm.h"
#include "public/errno.h"

struct uvm_flush {
	unsigned long type; /* UVMF_NONE, UVMF_TLB_FLUSH or UVMF_INVLPG */
	bool local;	    /* whether the calling vCPU is among the targets */
};

static int flush_decode(unsigned long flags, struct uvm_flush *flush)
{
	unsigned long target = flags & ~UVMF_FLUSHTYPE_MASK;
	unsigned long mask;

	flush->type = flags & UVMF_FLUSHTYPE_MASK;
	flush->local = true;
	if (flush->type == UVMF_FLUSHTYPE_MASK || (flush->type == UVMF_NONE && target)) {
		return -EINVAL;
	}
	if (target == UVMF_LOCAL || target == UVMF_ALL) {
		return 0;
	}
	if (copy_from_guest(&mask, gvaddr(target), sizeof(mask))) {
		return -EFAULT;
	}
	flush->local = mask & 1;
	return 0;
}

static void flush_do(const struct uvm_flush *flush, uint64_t va)
{
	if (!flush->local) {
		return;
	}
	if (flush->type == UVMF_TLB_FLUSH) {
		arch_tlb_flush_local();
	} else if (flush->type == UVMF_INVLPG) {
		arch_tlb_flush_va(va);
	}
}

static long update_va(struct vcpu *v, struct domain *pg_owner, uint64_t va, pte_t pte,
		      unsigned long flags)
{
	struct uvm_flush flush;
	int rc = flush_decode(flags, &flush);

	if (!rc) {
		rc = mm_update_va(v, pg_owner, va, pte);
	}
	if (!rc) {
		flush_do(&flush, va);
	}
	return rc;
}

long do_update_va_mapping(struct vcpu *v, const struct hcall_args *args)
{
	unsigned int next;
	pte_t pte = {arch_hcall_arg_u64(args, 1, &next)};

	return update_va(v, v->domain, args->arg[0], pte, args->arg[next]);
}

long do_update_va_mapping_otherdomain(struct vcpu *v, const struct hcall_args *args)
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
