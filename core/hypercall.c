/*
 * hypercall.c: dispatch of hypercalls to their handlers, from the table in hypercall.def.
 *
 * Every slot of the table holds a handler: the numbers hypercall.def does not list get
 * hypercall_unknown, which answers -ENOSYS. So a dispatcher needs one range check and
 * no test for a missing handler, which the x86 hypercall entry relies on: it indexes the
 * table itself, in assembly, to keep the round trip short.
 */
#include "hypercall.h"
#include "public/errno.h"
#include "public/xen.h"

static HOT_CALL long hypercall_unknown(struct vcpu *v, const struct hcall_args *args)
{
	(void)v;
	(void)args;
	return -ENOSYS;
}

/* The default first, then the listed handlers over it: overriding is the point here. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Woverride-init"
const hcall_handler_t hypercall_table[HYPERCALL_TABLE_SIZE] = {
    [0 ... HYPERCALL_TABLE_SIZE - 1] = hypercall_unknown,
#define HYPERCALL(number, name, arg_count, handler) [number] = handler,
#include "hypercall.def"
#undef HYPERCALL
};
#pragma GCC diagnostic pop

long hypercall_dispatch(struct vcpu *v, const struct hcall_args *args)
{
	if (args->number >= HYPERCALL_TABLE_SIZE) {
		return -ENOSYS;
	}
	return hypercall_table[args->number](v, args);
}
