/*
 * console_io.c: the console_io hypercall (18): guests write to the hypervisor console.
 *
 * Output goes through domain_console_write, so each domain's lines carry its "(dN) "
 * prefix. The buffer is copied in small chunks; a bad pointer anywhere stops the write
 * with -EFAULT (what was copied before it has been printed, as on Xen).
 */
#include "arch/guest_access.h"
#include "domain.h"
#include "guest_access.h"
#include "hypercall.h"
#include "public/console_io.h"
#include "public/errno.h"

#define CONSOLE_CHUNK 128

static long console_io_write(struct vcpu *v, unsigned long count, gvaddr_t buffer)
{
	char chunk[CONSOLE_CHUNK];

	if (count && !arch_guest_range_ok(buffer, count)) {
		return -EFAULT;
	}
	while (count) {
		size_t len = count < sizeof(chunk) ? count : sizeof(chunk);

		if (copy_from_guest(chunk, buffer, len)) {
			return -EFAULT;
		}
		domain_console_write(v->domain, chunk, len);
		buffer = gvaddr_add(buffer, len);
		count -= len;
	}
	return 0;
}

HOT_CALL long do_console_io(struct vcpu *v, const struct hcall_args *args)
{
	switch (args->arg[0]) {
	case CONSOLEIO_write:
		return console_io_write(v, args->arg[1], gvaddr(args->arg[2]));
	default:
		return -ENOSYS;
	}
}
