/*
 * hypercall.c: dispatch of hypercalls to their handlers, from the table in hypercall.def.
 */
#include "hypercall.h"
#include "public/errno.h"
#include "public/xen.h"

#define HYPERCALL_TABLE_SIZE 64

static const hcall_handler_t hypercall_table[HYPERCALL_TABLE_SIZE] = {
#define HYPERCALL(number, name, arg_count, handler) [number] = handler,
#include "hypercall.def"
#undef HYPERCALL
};

long hypercall_dispatch(struct vcpu *v, const struct hcall_args *args)
{
	if (args->number >= HYPERCALL_TABLE_SIZE || !hypercall_table[args->number]) {
		return -ENOSYS;
	}
	return hypercall_table[args->number](v, args);
}
