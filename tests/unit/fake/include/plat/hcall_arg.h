/*
 * plat/hcall_arg.h (fake arch): arch_hcall_arg_u64 (core/include/arch/hypercall.h), inline.
 *
 * A 64-bit arch: a 64-bit argument is one register.
 */
#ifndef RINGO_PLAT_HCALL_ARG_H
#define RINGO_PLAT_HCALL_ARG_H

static inline uint64_t arch_hcall_arg_u64(const struct hcall_args *args, unsigned int index,
					  unsigned int *next)
{
	*next = index + 1;
	return args->arg[index];
}

#endif
