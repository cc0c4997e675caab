/*
 * io.c (x86): I/O ports for guests: the virtual IOPL and which ports a domain may use.
 *
 * The hardware IOPL stays 0 and the TSS denies every port, so each in/out of a guest
 * traps and emulate.c decides. physdev_op(PHYSDEVOP_set_iopl) sets the virtual IOPL,
 * which admits ring 1 from 1 and ring 3 at 3 (as the hardware rule CPL <= IOPL would).
 * What the instruction may then touch: a privileged domain (domain 0) every port but the
 * hypervisor's own, an unprivileged domain none. The hypervisor's ports: the PICs and
 * the PIT (its interrupt and timer hardware), COM1 (its console) and QEMU's
 * isa-debug-exit (how it stops the machine). A refused port is filtered, not faulted:
 * reads see all ones and writes are dropped, as Xen does.
 */
#include "domain.h"
#include "guest_access.h"
#include "hypercall.h"
#include "plat/traps.h"
#include "public/errno.h"
#include "public/physdev.h"

#define IOPL_MAX 3

struct port_range {
	uint16_t first;
	uint16_t last;
};

static const struct port_range hypervisor_ports[] = {
    {0x0020, 0x0021}, /* PIC 1 */
    {0x0040, 0x0043}, /* PIT */
    {0x00a0, 0x00a1}, /* PIC 2 */
    {0x00f4, 0x00f7}, /* isa-debug-exit */
    {0x03f8, 0x03ff}, /* COM1 */
};

bool io_iopl_allows(const struct vcpu *v)
{
	return x86_regs_ring(v->arch.regs) <= v->arch.iopl;
}

static bool port_is_hypervisors(uint32_t port)
{
	for (size_t i = 0; i < ARRAY_SIZE(hypervisor_ports); i++) {
		if (port >= hypervisor_ports[i].first && port <= hypervisor_ports[i].last) {
			return true;
		}
	}
	return false;
}

bool io_port_permitted(const struct domain *d, uint32_t port, unsigned int size)
{
	if (!d->privileged || port + size > 0x10000) {
		return false;
	}
	for (unsigned int i = 0; i < size; i++) {
		if (port_is_hypervisors(port + i)) {
			return false;
		}
	}
	return true;
}

static long set_iopl(struct vcpu *v, gvaddr_t arg)
{
	struct physdev_set_iopl request;

	if (copy_from_guest(&request, arg, sizeof(request))) {
		return -EFAULT;
	}
	if (request.iopl > IOPL_MAX) {
		return -EINVAL;
	}
	v->arch.iopl = request.iopl;
	return 0;
}

HOT_CALL long do_physdev_op(struct vcpu *v, const struct hcall_args *args)
{
	switch (args->arg[0]) {
	case PHYSDEVOP_set_iopl:
		return set_iopl(v, gvaddr(args->arg[1]));
	default:
		return -ENOSYS;
	}
}
