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

typedef long (*hcall_handler_t)(struct vcpu *v, const struct hcall_args *args);

/* Runs hypercall args->number (-ENOSYS for a number without a handler). */
long hypercall_dispatch(struct vcpu *v, const struct hcall_args *args);

/*
 * The dispatch table, for an arch entry path that indexes it itself: every slot below
 * HYPERCALL_TABLE_SIZE holds a handler (-ENOSYS for the numbers without one).
 */
#define HYPERCALL_TABLE_SIZE 64
extern const hcall_handler_t hypercall_table[HYPERCALL_TABLE_SIZE];

#define HYPERCALL(number, name, arg_count, handler) \
	long handler(struct vcpu *v, const struct hcall_args *args);
#include "../hypercall.def"
#undef HYPERCALL

#endif
