/*
 * public/errno.h: the error numbers of the guest ABI (Xen's, equal to Linux/x86's).
 *
 * Hypercalls return these negated. Shared by the hypervisor and the guests.
 */
#ifndef RINGO_PUBLIC_ERRNO_H
#define RINGO_PUBLIC_ERRNO_H

#define EPERM 1
#define ENOENT 2
#define ESRCH 3
#define EINTR 4
#define EIO 5
#define E2BIG 7
#define EBADF 9
#define EAGAIN 11
#define ENOMEM 12
#define EACCES 13
#define EFAULT 14
#define EBUSY 16
#define EEXIST 17
#define ENODEV 19
#define EINVAL 22
#define ENOSPC 28
#define ERANGE 34
#define ENOSYS 38
#define ETIME 62

#endif
