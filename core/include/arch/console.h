/*
 * arch/console.h: the arch's serial console (16550 on x86, PL011 on ARM64).
 */
#ifndef RINGO_ARCH_CONSOLE_H
#define RINGO_ARCH_CONSOLE_H

/*
 * Writes one character, waiting while the transmitter is full. Callable at any time after
 * the arch's early console set-up, including from panic(); a '\n' is sent as "\r\n".
 */
void arch_console_putc(char c);

#endif
