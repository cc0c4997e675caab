/*
 * user.h: running code at user privilege (x86 ring 3, ARM64 EL0), portable.
 *
 * user_run runs fn(arg) in user mode on a stack of its own, and returns when fn returns
 * (its value travels back through the exit system call) or when the user program takes
 * an exception, which the kernel side records. In user mode, fn may make system calls with
 * user_syscall; the guest kernel serves them (x86: `int $0x80` through the direct gate, so
 * the round trip never enters the hypervisor). The code runs from the guest image, which
 * the start-of-day mapping makes user-accessible.
 *
 * Each arch implements user_run and user_syscall in guests/lib/arch/<arch>/.
 */
#ifndef GUEST_USER_H
#define GUEST_USER_H

#include "types.h"

/* System calls the kernel side serves (number in the first argument of user_syscall). */
#define USER_SYS_exit 0	 /* a1: the value user_run reports */
#define USER_SYS_write 1 /* a1: buffer, a2: length: console output (enters the hypervisor) */
#define USER_SYS_add 2	 /* returns a1 + a2, served by the kernel alone */
#define USER_SYS_count 3 /* returns how many system calls the kernel has served */

struct user_result {
	long value;		     /* fn's return value, when it exited normally */
	bool faulted;		     /* the program ended on an exception instead */
	unsigned int vector;	     /* arch exception number (x86 vector) */
	unsigned long error_code;    /* x86 error code / ARM64 ESR */
	unsigned long fault_address; /* x86 vcpu_info.arch.cr2 / ARM64 FAR, for a page fault */
	unsigned long pc;	     /* where it happened */
	unsigned int syscalls;	     /* system calls served during the run */
};

void user_run(long (*fn)(long), long arg, struct user_result *result);

/* From user mode: a system call to the guest kernel. */
long user_syscall(long nr, long a1, long a2, long a3);

#endif
