/*
 * sysreg_trap.c: trapped MSR/MRS/SYS instructions (EC 0x18).
 *
 * HCR_EL2.TVM traps the guest's writes to its translation controls. Ringo applies them for
 * now, except that the MMU may not be turned off (SCTLR_EL1.M = 0): with stage 2 off, a
 * guest without its MMU would address machine memory directly. Checking each value like
 * NEW_BASEPTR (a TTBR must name a pinned top-level table) comes with the PV MMU. Set/way
 * cache maintenance (TSW) completes as a no-op: only code that turns caches off needs it,
 * which a guest cannot. Any other trapped access (debug, PMU, physical timer, auxiliary
 * and implementation-defined registers) is an undefined instruction for the guest, as on
 * a CPU without the register. A trapped instruction's ELR_EL2 points at it.
 */
#include "plat/esr.h"
#include "plat/sysreg.h"
#include "plat/traps.h"

typedef bool (*sysreg_write_fn)(uint64_t value);

struct trapped_register {
	uint64_t encoding; /* SYSREG_ISS(op0, op1, CRn, CRm, op2) */
	sysreg_write_fn write;
};

#define SYSREG_WRITER(reg)                      \
	static bool write_##reg(uint64_t value) \
	{                                       \
		write_sysreg(reg, value);       \
		return true;                    \
	}

SYSREG_WRITER(ttbr0_el1)
SYSREG_WRITER(ttbr1_el1)
SYSREG_WRITER(tcr_el1)
SYSREG_WRITER(afsr0_el1)
SYSREG_WRITER(afsr1_el1)
SYSREG_WRITER(esr_el1)
SYSREG_WRITER(far_el1)
SYSREG_WRITER(mair_el1)
SYSREG_WRITER(amair_el1)
SYSREG_WRITER(contextidr_el1)

static bool write_sctlr_el1(uint64_t value)
{
	if (!(value & SCTLR_M)) {
		return false;
	}
	write_sysreg(sctlr_el1, value);
	return true;
}

static bool cache_set_way(uint64_t value)
{
	(void)value;
	return true;
}

static const struct trapped_register trapped_registers[] = {
    {SYSREG_ISS(3, 0, 1, 0, 0), write_sctlr_el1},
    {SYSREG_ISS(3, 0, 2, 0, 0), write_ttbr0_el1},
    {SYSREG_ISS(3, 0, 2, 0, 1), write_ttbr1_el1},
    {SYSREG_ISS(3, 0, 2, 0, 2), write_tcr_el1},
    {SYSREG_ISS(3, 0, 5, 1, 0), write_afsr0_el1},
    {SYSREG_ISS(3, 0, 5, 1, 1), write_afsr1_el1},
    {SYSREG_ISS(3, 0, 5, 2, 0), write_esr_el1},
    {SYSREG_ISS(3, 0, 6, 0, 0), write_far_el1},
    {SYSREG_ISS(3, 0, 10, 2, 0), write_mair_el1},
    {SYSREG_ISS(3, 0, 10, 3, 0), write_amair_el1},
    {SYSREG_ISS(3, 0, 13, 0, 1), write_contextidr_el1},
    {SYSREG_ISS(1, 0, 7, 6, 2), cache_set_way},	 /* DC ISW */
    {SYSREG_ISS(1, 0, 7, 10, 2), cache_set_way}, /* DC CSW */
    {SYSREG_ISS(1, 0, 7, 14, 2), cache_set_way}, /* DC CISW */
};

static sysreg_write_fn find_writer(uint64_t iss)
{
	uint64_t encoding = iss & SYSREG_ISS_ENCODING_MASK;

	for (unsigned int i = 0; i < ARRAY_SIZE(trapped_registers); i++) {
		if (trapped_registers[i].encoding == encoding) {
			return trapped_registers[i].write;
		}
	}
	return NULL;
}

static uint64_t source_register(const struct guest_regs *regs, uint64_t iss)
{
	unsigned int rt = (unsigned int)((iss >> SYSREG_ISS_RT_SHIFT) & SYSREG_ISS_RT_MASK);

	return rt == 31 ? 0 : regs->x[rt]; /* register 31 is XZR here */
}

void trap_sysreg(struct vcpu *v, struct guest_regs *regs, uint64_t esr)
{
	uint64_t iss = esr_iss(esr);
	sysreg_write_fn write = (iss & SYSREG_ISS_READ) ? NULL : find_writer(iss);

	(void)v;
	if (write && write(source_register(regs, iss))) {
		isb();
		guest_step(regs);
	} else {
		inject_undef(regs, regs->elr);
	}
}
