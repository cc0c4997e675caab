/*
 * arch/mmuext.h: the mmuext_op commands whose effect is the arch's (core/mmuext_op.c).
 *
 * The core decodes the batch, checks who may ask, and calls these for the calling vCPU
 * only (the pg_owner of the batch is the caller's own domain).
 */
#ifndef RINGO_ARCH_MMUEXT_H
#define RINGO_ARCH_MMUEXT_H

#include "domain.h"

/*
 * MMUEXT_SET_LDT: makes the nr_ents descriptors at guest VA linear_addr v's local
 * descriptor table (nr_ents 0: none). Returns 0 or a negative Xen errno (x86: -EINVAL for
 * more than 8192 entries, a base that is not page-aligned or reaches the hypervisor's
 * range); -ENOSYS on an arch without segments.
 */
int arch_mmuext_set_ldt(struct vcpu *v, unsigned long linear_addr, unsigned int nr_ents);

/*
 * MMUEXT_FLUSH_CACHE for a privileged caller (the core refuses the others with -EACCES):
 * writes back and invalidates the data caches (x86: wbinvd). Returns 0 or a negative errno.
 */
int arch_mmuext_flush_cache(struct vcpu *v);

#endif
