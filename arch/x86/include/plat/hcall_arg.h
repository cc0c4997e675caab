/*
 * plat/hcall_arg.h (x86): arch_hcall_arg_u64 (core/include/arch/hypercall.h), inline.
 *
 * A 64-bit argument takes two 32-bit registers, low half first (ABI.md section 1).
 */
#ifndef RINGO_PLAT_HCALL_ARG_H
#define RINGO_PLAT_HCALL_ARG_H

static inline uint64_t arch_hcall_arg_u64(const struct hcall_args *args, unsigned int index,
					  unsigned int *next)
{
	*next = index + 2;
	return (uint64_t)(uint32_t)args->arg[index + 1] << 32 | (uint32_t)args->arg[index];
}

#endif
