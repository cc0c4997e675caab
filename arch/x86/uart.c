/*
 * uart.c (x86): the hypervisor console on the 16550 UART at COM1.
 *
 * Polled output only, 115200 8N1; no interrupts, since the hypervisor runs with them off.
 */
#include "arch/console.h"
#include "plat/boot.h"
#include "plat/cpu.h"

#define COM1 0x3f8
#define UART_DATA 0	    /* with DLAB=0 */
#define UART_DIVISOR_LOW 0  /* with DLAB=1 */
#define UART_INTERRUPTS 1   /* with DLAB=0 */
#define UART_DIVISOR_HIGH 1 /* with DLAB=1 */
#define UART_FIFO 2
#define UART_LINE_CONTROL 3
#define UART_MODEM_CONTROL 4
#define UART_LINE_STATUS 5

#define LCR_8N1 0x03
#define LCR_DLAB 0x80
#define FCR_ENABLE_CLEAR 0x07
#define MCR_DTR_RTS 0x03
#define LSR_THR_EMPTY 0x20
#define DIVISOR_115200 1

void uart_init(void)
{
	outb(COM1 + UART_INTERRUPTS, 0);
	outb(COM1 + UART_LINE_CONTROL, LCR_DLAB);
	outb(COM1 + UART_DIVISOR_LOW, DIVISOR_115200);
	outb(COM1 + UART_DIVISOR_HIGH, 0);
	outb(COM1 + UART_LINE_CONTROL, LCR_8N1);
	outb(COM1 + UART_FIFO, FCR_ENABLE_CLEAR);
	outb(COM1 + UART_MODEM_CONTROL, MCR_DTR_RTS);
}

static void uart_put(char c)
{
	while (!(inb(COM1 + UART_LINE_STATUS) & LSR_THR_EMPTY)) {
	}
	outb(COM1 + UART_DATA, (uint8_t)c);
}

void arch_console_putc(char c)
{
	if (c == '\n') {
		uart_put('\r');
	}
	uart_put(c);
}
