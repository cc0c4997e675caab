/*
 * hypercall.c (fake arch): the arch's mmuext hooks (arguments are one register each, as on ARM64).
 *
 * The fake arch is 64-bit: a 64-bit argument is one register, as on ARM64. It has no
 * segments, so SET_LDT is -ENOSYS, as on ARM64.
 */
#include "fake.h"

#include "arch/hypercall.h"
#include "arch/mmuext.h"
#include "public/errno.h"

int arch_mmuext_set_ldt(struct vcpu *v, unsigned long linear_addr, unsigned int nr_ents)
{
	(void)v;
	(void)linear_addr;
	(void)nr_ents;
	return -ENOSYS;
}
