/*
 * host_names.h: gives Ringo's C library its own symbol names in the host builds.
 *
 * core/lib/string.c and core/lib/vsnprintf.c define memcpy, strlen, vsnprintf... On the
 * host those names belong to glibc and to the sanitizers' interceptors, so the unit and
 * fuzz builds force-include this header into every core and fake-arch file (and the test
 * files include it, through fake.h, after their system headers): the core then calls
 * ringo_memcpy, ringo_vsnprintf..., which are Ringo's own code, instrumented like the rest,
 * and the tests exercise Ringo's formatter and string routines rather than glibc's. Core
 * functions whose names glibc also uses (sched_yield) are renamed the same way.
 */
#ifndef RINGO_HOST_NAMES_H
#define RINGO_HOST_NAMES_H

#define memcpy ringo_memcpy
#define memmove ringo_memmove
#define memset ringo_memset
#define memcmp ringo_memcmp
#define memchr ringo_memchr
#define strlen ringo_strlen
#define strnlen ringo_strnlen
#define strcmp ringo_strcmp
#define strncmp ringo_strncmp
#define strchr ringo_strchr
#define strrchr ringo_strrchr
#define strtoul ringo_strtoul
#define strlcpy ringo_strlcpy
#define vsnprintf ringo_vsnprintf
#define snprintf ringo_snprintf
/* The scheduler's sched_yield (sched.h) is not POSIX's, which glibc and Criterion call. */
#define sched_yield ringo_sched_yield

#endif
