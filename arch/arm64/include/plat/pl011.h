/*
 * plat/pl011.h (arm64): the PL011 UART driver behind arch_console_putc.
 */
#ifndef RINGO_PLAT_PL011_H
#define RINGO_PLAT_PL011_H

#include "addr.h"

/* Uses the PL011 at base (already set up by U-Boot); until then output is dropped. */
void pl011_init(maddr_t base);

/* Waits until everything written has left the transmitter. */
void pl011_flush(void);

#endif
