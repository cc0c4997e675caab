/*
 * pl011.c: the console on the PL011 UART the device tree names.
 *
 * U-Boot has already programmed the baud rate and enabled the UART, so Ringo only writes
 * bytes, waiting while the transmit FIFO is full. Before the device tree is read there is
 * nowhere to write, and output is dropped. Used with the MMU off and on: the address is the
 * same (identity map, device memory).
 */
#include "arch/console.h"
#include "plat/pl011.h"

#define UARTDR 0x00
#define UARTFR 0x18
#define UARTFR_BUSY (1U << 3)
#define UARTFR_TXFF (1U << 5)

static volatile uint32_t *uart_base;

static uint32_t uart_read(unsigned int offset)
{
	return uart_base[offset / sizeof(uint32_t)];
}

static void uart_write(unsigned int offset, uint32_t value)
{
	uart_base[offset / sizeof(uint32_t)] = value;
}

void pl011_init(maddr_t base)
{
	uart_base = (volatile uint32_t *)(uintptr_t)maddr_value(base);
}

static void pl011_putc(char c)
{
	while (uart_read(UARTFR) & UARTFR_TXFF) {
	}
	uart_write(UARTDR, (uint8_t)c);
}

void arch_console_putc(char c)
{
	if (!uart_base) {
		return;
	}
	if (c == '\n') {
		pl011_putc('\r');
	}
	pl011_putc(c);
}

void pl011_flush(void)
{
	if (!uart_base) {
		return;
	}
	while (uart_read(UARTFR) & UARTFR_BUSY) {
	}
}
