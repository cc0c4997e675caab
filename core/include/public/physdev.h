/*
 * public/physdev.h: physdev_op (33) commands Ringo implements.
 */
#ifndef RINGO_PUBLIC_PHYSDEV_H
#define RINGO_PUBLIC_PHYSDEV_H

#include "abi.h"

#define PHYSDEVOP_set_iopl 6

/* The virtual I/O privilege level: in and out are allowed from rings <= iopl. */
struct physdev_set_iopl {
	uint32_t iopl;
};

ABI_CHECK_SIZE(struct physdev_set_iopl, 4, 4);

#endif
