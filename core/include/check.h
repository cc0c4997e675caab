/*
 * check.h: the hypervisor's own invariants, and panic.
 *
 * Three error tiers (DESIGN.md "Errors"): a guest's bad input returns a Xen errno and is
 * never a panic; a guest that broke itself is crashed alone (domain_crash in domain.h);
 * a broken hypervisor invariant is a CHECK/BUG_ON, always compiled in, which panics with
 * the file, line and condition.
 */
#ifndef RINGO_CHECK_H
#define RINGO_CHECK_H

#include "types.h"

noreturn void panic(const char *fmt, ...) PRINTF_LIKE(1, 2);

#define CHECK(cond)                                                                  \
	do {                                                                         \
		if (!(cond)) {                                                       \
			panic("%s:%d: check failed: %s", __FILE__, __LINE__, #cond); \
		}                                                                    \
	} while (0)

#define BUG_ON(cond) CHECK(!(cond))

#endif
