/*
 * plat/gic.h (arm64): the GICv3, as far as Ringo drives it.
 *
 * Ringo takes one interrupt, the EL2 physical timer's PPI, through the GICv3's system
 * register CPU interface at EL2 (ICC_SRE_EL2.SRE) as a Group 1 interrupt: the distributor
 * with affinity routing, this CPU's redistributor (found by its affinity), the PPI enabled
 * in the redistributor's SGI frame. Guests get no GIC: their interrupts are event channels.
 */
#ifndef RINGO_PLAT_GIC_H
#define RINGO_PLAT_GIC_H

#include "plat/platform.h"

/* INTIDs 1020-1023 are special: nothing to handle, no EOI. */
#define GIC_INTID_SPECIAL_FIRST 1020U
#define GIC_PPI_FIRST_INTID 16U

/*
 * Brings up the distributor, this CPU's redistributor and the CPU interface, with every
 * PPI and SGI disabled; panics when the device tree named no usable GICv3.
 */
void gic_init(const struct platform_info *platform);

/* Enables PPI ppi (INTID 16 + ppi) as a level-sensitive Group 1 interrupt for this CPU. */
void gic_enable_ppi(unsigned int ppi);

/* Acknowledges the highest-priority pending interrupt: ICC_IAR1_EL1 (its INTID). */
uint32_t gic_ack(void);

/* Ends an acknowledged interrupt (priority drop and deactivation: EOImode 0). */
void gic_eoi(uint32_t intid);

#endif
