/*
 * gic.c: the GICv3 distributor, this CPU's redistributor and the CPU interface at EL2.
 *
 * The distributor is switched to affinity routing with Group 1 enabled; U-Boot may have
 * left it in any state, so its controls are rewritten and RWP waited for. The
 * redistributor whose GICR_TYPER affinity matches MPIDR_EL1 is woken (GICR_WAKER) and all
 * its SGIs and PPIs disabled, cleared and deactivated; a PPI Ringo handles is then made
 * Group 1 (in a GIC with one security state, or the Non-secure view of one with two, that
 * is the IRQ group EL2 acknowledges through ICC_IAR1_EL1). The CPU interface uses system
 * registers (ICC_SRE_EL2.SRE); ICC_SRE_EL2.Enable stays clear so a guest's access to
 * ICC_SRE_EL1 traps to EL2 (and is an undefined instruction there), while HCR_EL2.IMO
 * sends its other ICC_* accesses to the unused virtual interface.
 */
#include "check.h"
#include "plat/gic.h"
#include "plat/mmu.h"
#include "plat/sysreg.h"

#define GICD_CTLR 0x0000
#define GICD_CTLR_ENABLE_GRP1 (1U << 1) /* EnableGrp1 (one security state) / EnableGrp1A */
#define GICD_CTLR_ARE (1U << 4)		/* ARE (one security state) / ARE_NS */
#define GICD_CTLR_RWP (1U << 31)

#define GICR_CTLR 0x0000
#define GICR_CTLR_RWP (1U << 3)
#define GICR_FRAME_SIZE 0x20000UL /* RD_base + SGI_base, 64 KiB each */
#define GICR_FRAME_SIZE_VLPI 0x40000UL
#define GICR_WAKER 0x0014
#define GICR_WAKER_PROCESSOR_SLEEP (1U << 1)
#define GICR_WAKER_CHILDREN_ASLEEP (1U << 2)
#define GICR_TYPER 0x0008
#define GICR_TYPER_VLPIS (1UL << 1)
#define GICR_TYPER_LAST (1UL << 4)
#define GICR_TYPER_AFFINITY_SHIFT 32
#define GICR_SGI_BASE 0x10000UL
#define GICR_IGROUPR0 0x0080
#define GICR_ISENABLER0 0x0100
#define GICR_ICENABLER0 0x0180
#define GICR_ICPENDR0 0x0280
#define GICR_ICACTIVER0 0x0380
#define GICR_IPRIORITYR 0x0400
#define GICR_ICFGR1 0x0c04

#define ICC_SRE_SRE (1UL << 0)
#define ICC_SRE_DFB (1UL << 1)
#define ICC_SRE_DIB (1UL << 2)
#define ICC_PMR_ALL 0xffUL
#define GIC_PRIORITY_TIMER 0xa0U
#define GIC_WAIT_LIMIT 1000000U

static uint8_t *gicd;
static uint8_t *gicr_sgi; /* this CPU's SGI_base frame */

static uint32_t mmio_read32(const uint8_t *base, uint64_t offset)
{
	return __atomic_load_n((const volatile uint32_t *)(base + offset), __ATOMIC_RELAXED);
}

static uint64_t mmio_read64(const uint8_t *base, uint64_t offset)
{
	return __atomic_load_n((const volatile uint64_t *)(base + offset), __ATOMIC_RELAXED);
}

static void mmio_write32(uint8_t *base, uint64_t offset, uint32_t value)
{
	dsb_sy();
	__atomic_store_n((volatile uint32_t *)(base + offset), value, __ATOMIC_RELAXED);
}

static void mmio_write8(uint8_t *base, uint64_t offset, uint8_t value)
{
	dsb_sy();
	__atomic_store_n((volatile uint8_t *)(base + offset), value, __ATOMIC_RELAXED);
}

/* Waits until (register & mask) == want; a GIC that never gets there is a broken board. */
static void wait_bits(const uint8_t *base, uint64_t offset, uint32_t mask, uint32_t want)
{
	for (unsigned int i = 0; i < GIC_WAIT_LIMIT; i++) {
		if ((mmio_read32(base, offset) & mask) == want) {
			return;
		}
	}
	panic("GICv3 register 0x%lx stuck (mask 0x%x)", (unsigned long)offset, mask);
}

static void distributor_init(void)
{
	mmio_write32(gicd, GICD_CTLR, 0);
	wait_bits(gicd, GICD_CTLR, GICD_CTLR_RWP, 0);
	mmio_write32(gicd, GICD_CTLR, GICD_CTLR_ARE);
	wait_bits(gicd, GICD_CTLR, GICD_CTLR_RWP, 0);
	mmio_write32(gicd, GICD_CTLR, GICD_CTLR_ARE | GICD_CTLR_ENABLE_GRP1);
	wait_bits(gicd, GICD_CTLR, GICD_CTLR_RWP, 0);
}

/* Aff3.Aff2.Aff1.Aff0 of MPIDR_EL1, packed as GICR_TYPER.Affinity_Value is. */
static uint32_t cpu_affinity(void)
{
	uint64_t mpidr = read_sysreg(mpidr_el1);

	return (uint32_t)(((mpidr >> 32) & 0xff) << 24 | (mpidr & 0xffffff));
}

static uint8_t *find_redistributor(const struct mmio_range *range)
{
	uint8_t *frame = mmu_maddr_to_virt(range->base);
	uint8_t *end = frame + range->size;
	uint32_t affinity = cpu_affinity();

	while (frame + GICR_FRAME_SIZE <= end) {
		uint64_t typer = mmio_read64(frame, GICR_TYPER);

		if ((uint32_t)(typer >> GICR_TYPER_AFFINITY_SHIFT) == affinity) {
			return frame;
		}
		if (typer & GICR_TYPER_LAST) {
			break;
		}
		frame += (typer & GICR_TYPER_VLPIS) ? GICR_FRAME_SIZE_VLPI : GICR_FRAME_SIZE;
	}
	panic("no GICv3 redistributor for affinity 0x%x", affinity);
}

static void redistributor_init(uint8_t *rd)
{
	uint32_t waker = mmio_read32(rd, GICR_WAKER);

	mmio_write32(rd, GICR_WAKER, waker & ~GICR_WAKER_PROCESSOR_SLEEP);
	wait_bits(rd, GICR_WAKER, GICR_WAKER_CHILDREN_ASLEEP, 0);
	gicr_sgi = rd + GICR_SGI_BASE;
	mmio_write32(gicr_sgi, GICR_ICENABLER0, 0xffffffffU);
	mmio_write32(gicr_sgi, GICR_ICPENDR0, 0xffffffffU);
	mmio_write32(gicr_sgi, GICR_ICACTIVER0, 0xffffffffU);
	wait_bits(rd, GICR_CTLR, GICR_CTLR_RWP, 0);
}

static void cpu_interface_init(void)
{
	write_sysreg(icc_sre_el2, ICC_SRE_SRE | ICC_SRE_DFB | ICC_SRE_DIB);
	isb();
	if (!(read_sysreg(icc_sre_el2) & ICC_SRE_SRE)) {
		panic("the GICv3 CPU interface has no system register access at EL2");
	}
	write_sysreg(icc_pmr_el1, ICC_PMR_ALL);
	write_sysreg(icc_bpr1_el1, 0);
	write_sysreg(icc_ctlr_el1, 0); /* EOImode 0: EOIR1 drops priority and deactivates */
	write_sysreg(icc_igrpen1_el1, 1);
	isb();
}

void gic_init(const struct platform_info *platform)
{
	if (!platform->gicd.size || !platform->gicr.size) {
		panic("the device tree names no GICv3 (\"arm,gic-v3\" with two reg ranges)");
	}
	gicd = mmu_maddr_to_virt(platform->gicd.base);
	distributor_init();
	redistributor_init(find_redistributor(&platform->gicr));
	cpu_interface_init();
}

void gic_enable_ppi(unsigned int ppi)
{
	uint32_t intid = GIC_PPI_FIRST_INTID + ppi;
	uint32_t bit = 1U << intid;

	CHECK(gicr_sgi && ppi < 16);
	mmio_write32(gicr_sgi, GICR_IGROUPR0, mmio_read32(gicr_sgi, GICR_IGROUPR0) | bit);
	mmio_write8(gicr_sgi, GICR_IPRIORITYR + intid, GIC_PRIORITY_TIMER);
	/* Level-sensitive: ICFGR1 holds two bits per PPI, 0b00 = level. */
	mmio_write32(gicr_sgi, GICR_ICFGR1,
		     mmio_read32(gicr_sgi, GICR_ICFGR1) & ~(3U << (2 * ppi)));
	mmio_write32(gicr_sgi, GICR_ISENABLER0, bit);
}

uint32_t gic_ack(void)
{
	return (uint32_t)read_sysreg(icc_iar1_el1) & 0xffffffU;
}

void gic_eoi(uint32_t intid)
{
	write_sysreg(icc_eoir1_el1, intid);
	isb();
}
