/*
 * pit.c (x86): the 8254 PIT's channel 2, the reference clock of the boot calibration.
 *
 * Channel 2 is the one whose gate and output software reaches (port 0x61: bit 0 the
 * gate, bit 1 the speaker, bit 5 the output), so it can time an interval without an
 * interrupt: in mode 0 the output goes low when the count is written and high when it has
 * counted down, at PIT_HZ whatever the CPU's speed, and the counter goes on down past 0
 * (from 0xffff), so reading it says how far the interval really ran. The same holds under
 * QEMU's -icount, where the PIT follows the virtual clock as the TSC does.
 */
#include "plat/cpu.h"
#include "plat/timer.h"

#define PIT_CHANNEL2 0x42
#define PIT_COMMAND 0x43
#define PIT_PORT_B 0x61
#define PORT_B_GATE2 0x01
#define PORT_B_SPEAKER 0x02
#define PORT_B_OUT2 0x20
/* Channel 2, low byte then high byte, mode 0 (interrupt on terminal count), binary. */
#define PIT_CH2_MODE0 0xb0
/* Channel 2, counter latch: the next two reads give the count at the latch. */
#define PIT_CH2_LATCH 0x80

void pit_channel2_start(uint16_t ticks)
{
	outb(PIT_PORT_B, (uint8_t)((inb(PIT_PORT_B) & ~PORT_B_SPEAKER) | PORT_B_GATE2));
	outb(PIT_COMMAND, PIT_CH2_MODE0);
	outb(PIT_CHANNEL2, (uint8_t)(ticks & 0xff));
	outb(PIT_CHANNEL2, (uint8_t)(ticks >> 8));
}

bool pit_channel2_done(void)
{
	return inb(PIT_PORT_B) & PORT_B_OUT2;
}

uint16_t pit_channel2_count(void)
{
	uint8_t low;

	outb(PIT_COMMAND, PIT_CH2_LATCH);
	low = inb(PIT_CHANNEL2);
	return (uint16_t)(low | inb(PIT_CHANNEL2) << 8);
}
