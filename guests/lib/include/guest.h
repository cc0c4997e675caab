/*
 * guest.h: the guest library's core: start of day, hypercalls, console, shutdown.
 *
 * A guest image provides guest_main(); the library's entry code (arch/<arch>/start.S)
 * calls guest_start() with the start_info the hypervisor passed (ESI on x86, x0 on ARM64),
 * which records it and runs guest_main(). Test images get guest_main() from test.c.
 */
#ifndef GUEST_GUEST_H
#define GUEST_GUEST_H

#include "public/console_io.h"
#include "public/errno.h"
#include "public/sched.h"
#include "public/version.h"
#include "public/xen.h"
#include "types.h"

extern struct start_info *start_info;

/* The image's own entry point; its return value is ignored and the domain powers off. */
void guest_main(void);

noreturn void guest_start(struct start_info *info);

/* Raw hypercalls: number and up to five arguments; the result register is returned. */
long hypercall0(unsigned long nr);
long hypercall1(unsigned long nr, unsigned long a1);
long hypercall2(unsigned long nr, unsigned long a1, unsigned long a2);
long hypercall3(unsigned long nr, unsigned long a1, unsigned long a2, unsigned long a3);
long hypercall4(unsigned long nr, unsigned long a1, unsigned long a2, unsigned long a3,
		unsigned long a4);
long hypercall5(unsigned long nr, unsigned long a1, unsigned long a2, unsigned long a3,
		unsigned long a4, unsigned long a5);

static inline long HYPERVISOR_console_io(unsigned int cmd, unsigned long count, const void *buf)
{
	return hypercall3(__HYPERVISOR_console_io, cmd, count, (unsigned long)buf);
}

static inline long HYPERVISOR_xen_version(unsigned int cmd, void *arg)
{
	return hypercall2(__HYPERVISOR_xen_version, cmd, (unsigned long)arg);
}

static inline long HYPERVISOR_sched_op(unsigned int cmd, void *arg)
{
	return hypercall2(__HYPERVISOR_sched_op, cmd, (unsigned long)arg);
}

/* Ringo's test window: how often this vCPU has entered the hypervisor (this call included). */
static inline long ringo_hypervisor_entries(void)
{
	return hypercall1(__HYPERVISOR_ringo_debug, RINGO_DEBUG_hypervisor_entries);
}

/* The shared_info page, mapped on first use (shared_info.c); NULL if that failed. */
struct shared_info *guest_shared_info(void);

/* Asks the hypervisor to stop this domain; does not return. */
noreturn void guest_shutdown(unsigned int reason);

/* printf to the hypervisor console through console_io. */
int printf(const char *fmt, ...) PRINTF_LIKE(1, 2);
void console_puts(const char *text);

/*
 * Arch facts the portable tests use (arch/<arch>/guest_arch.c):
 * an address in the hypervisor's part of the address space (a hypercall pointer there must
 * be refused), and an address that is certainly unmapped in this guest.
 */
extern const unsigned long guest_arch_hypervisor_va;
extern const unsigned long guest_arch_unmapped_va;
extern const char guest_arch_name[];

#endif
