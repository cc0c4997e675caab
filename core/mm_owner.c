/*
 * mm_owner.c: whose memory a memory-management hypercall acts on (mm.h).
 *
 * As Xen's get_pg_owner: DOMID_SELF is the caller; a domain named by number must exist and
 * must not be the caller itself (Xen refuses that with -ESRCH, "cannot specify itself as
 * foreign domain"). Whether the caller may act on the domain it found is a separate
 * question (mm_may_act_for), asked where Xen asks its XSM hook, because the errors differ.
 */
#include "mm.h"
#include "public/errno.h"

int mm_lookup_owner(const struct vcpu *v, domid_t id, struct domain **owner)
{
	struct domain *found;

	if (id == DOMID_SELF) {
		*owner = v->domain;
		return 0;
	}
	found = domain_lookup(id);
	if (!found || found == v->domain) {
		return -ESRCH;
	}
	*owner = found;
	return 0;
}

bool mm_may_act_for(const struct vcpu *v, const struct domain *target)
{
	return target == v->domain || v->domain->privileged;
}
