/*
 * hypercall.h: the portable hypercall interface.
 *
 * The arch moves the guest's registers into struct hcall_args and calls
 * hypercall_dispatch(); the handlers named in hypercall.def are portable and each takes the
 * calling vCPU and the arguments. Guest-visible results are Xen errnos (public/errno.h).
 */
#ifndef RINGO_HYPERCALL_H
#define RINGO_HYPERCALL_H

#include "types.h"

struct vcpu;

#define HCALL_MAX_ARGS 6

struct hcall_args {
	unsigned long number;
	unsigned long arg[HCALL_MAX_ARGS];
};

/*
 * A handler: HOT_CALL (types.h), every hypercall's way in, so the arch's entry passes the
 * vCPU and the arguments in registers where that is not the ABI's way anyway.
 */
typedef long(HOT_CALL *hcall_handler_t)(struct vcpu *v, const struct hcall_args *args);

/* Runs hypercall args->number (-ENOSYS for a number without a handler). */
long hypercall_dispatch(struct vcpu *v, const struct hcall_args *args);

/*
 * The dispatch table, for an arch entry path that indexes it itself: every slot below
 * HYPERCALL_TABLE_SIZE holds a handler (-ENOSYS for the numbers without one).
 */
#define HYPERCALL_TABLE_SIZE 64
extern const hcall_handler_t hypercall_table[HYPERCALL_TABLE_SIZE];

/*
 * mmu_update (do_mmu_update) of one request for the caller's own memory (count 1,
 * DOMID_SELF), the request already read from the guest's array by the arch's way in:
 * x86's entry reads it with the guest's tables still loaded. It is the request the guest
 * array holds, so the result is do_mmu_update's, and any case but the fast one is run
 * by reading the array again.
 */
struct mmu_update;
HOT_CALL long mmu_update_peeked(struct vcpu *v, const struct hcall_args *args,
				const struct mmu_update *req);

#define HYPERCALL(number, name, arg_count, handler) \
	HOT_CALL long handler(struct vcpu *v, const struct hcall_args *args);
#include "../hypercall.def"
#undef HYPERCALL

#endif
