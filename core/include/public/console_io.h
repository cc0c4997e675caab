/*
 * public/console_io.h: console_io (18) commands and the PV console ring (ABI.md section 7).
 */
#ifndef RINGO_PUBLIC_CONSOLE_IO_H
#define RINGO_PUBLIC_CONSOLE_IO_H

#include "abi.h"

#define CONSOLEIO_write 0
#define CONSOLEIO_read 1

struct xencons_interface {
	char in[1024];
	char out[2048];
	uint32_t in_cons, in_prod;
	uint32_t out_cons, out_prod;
};

ABI_CHECK_OFFSET(struct xencons_interface, out, 1024, 1024);
ABI_CHECK_OFFSET(struct xencons_interface, in_cons, 3072, 3072);
ABI_CHECK_OFFSET(struct xencons_interface, in_prod, 3076, 3076);
ABI_CHECK_OFFSET(struct xencons_interface, out_cons, 3080, 3080);
ABI_CHECK_OFFSET(struct xencons_interface, out_prod, 3084, 3084);

#endif
