/*
 * sysreg_trap.c: trapped MSR/MRS/SYS instructions (EC 0x18).
 *
 * HCR_EL2.TVM traps the guest's writes to its translation controls; each value is checked
 * (regime_check.c has the rules and their reasons) and applied, or refused with an
 * undefined-instruction exception at the MSR, leaving the register as it was. A TTBR0_EL1
 * write is NEW_BASEPTR: the named table must be one the domain pinned as a top-level table
 * (so validated already), then the core's mm_new_baseptr moves the base reference and
 * arch_vcpu_set_pt_base drops every translation of the old base; the ASID field is the
 * guest's own, and changing only it (the same table) needs no reference or flush. The
 * other TVM registers (fault and context registers) carry no translation state and are
 * applied as written. Set/way and point-of-coherency cache maintenance (HCR_EL2.TSW/TPC)
 * is emulated in cache_trap.c. Any other trapped access (reads, debug, PMU, physical
 * timer, auxiliary and implementation-defined registers) is an undefined instruction for
 * the guest, as on a CPU without the register. A trapped instruction's ELR_EL2 points at
 * it.
 */
#include "frame_table.h"
#include "mm.h"
#include "plat/esr.h"
#include "plat/pt_format.h"
#include "plat/sysreg.h"
#include "plat/traps.h"
#include "plat/vcpu_run.h"

/* A register write: true when value was acceptable and is now in the register. */
typedef bool (*sysreg_write_fn)(struct vcpu *v, uint64_t value);
/* A SYS instruction: completes it (guest_step) or reflects an exception. */
typedef void (*sys_op_fn)(struct vcpu *v, struct guest_regs *regs, uint64_t operand);

struct trapped_register {
	uint64_t encoding; /* SYSREG_ISS(op0, op1, CRn, CRm, op2) */
	sysreg_write_fn write;
	sys_op_fn op;
};

#define SYSREG_WRITER(reg)                                      \
	static bool write_##reg(struct vcpu *v, uint64_t value) \
	{                                                       \
		(void)v;                                        \
		write_sysreg(reg, value);                       \
		return true;                                    \
	}

/* A register whose value must pass check(value). */
#define SYSREG_CHECKED_WRITER(reg, check)                       \
	static bool write_##reg(struct vcpu *v, uint64_t value) \
	{                                                       \
		(void)v;                                        \
		if (!(check)) {                                 \
			return false;                           \
		}                                               \
		write_sysreg(reg, value);                       \
		return true;                                    \
	}

static unsigned int hardware_parange(void)
{
	return (unsigned int)(read_sysreg(id_aa64mmfr0_el1) & MMFR0_PARANGE_MASK);
}

SYSREG_WRITER(afsr0_el1)
SYSREG_WRITER(afsr1_el1)
SYSREG_WRITER(esr_el1)
SYSREG_WRITER(far_el1)
SYSREG_WRITER(contextidr_el1)
SYSREG_CHECKED_WRITER(sctlr_el1, vmsav8_sctlr_el1_ok(value))
SYSREG_CHECKED_WRITER(tcr_el1, vmsav8_tcr_el1_ok(value, hardware_parange()))
SYSREG_CHECKED_WRITER(mair_el1, vmsav8_mair_el1_ok(value))
SYSREG_CHECKED_WRITER(amair_el1, vmsav8_amair_el1_ok(value))
SYSREG_CHECKED_WRITER(ttbr1_el1, vmsav8_ttbr1_el1_ok(value))

/*
 * A trapped TTBR0_EL1 write may name only a table the guest pinned as a top-level table
 * (MMUEXT_PIN_L3_TABLE): an MSR never makes the hypervisor validate a frame on the spot.
 */
static bool pinned_top_table(const struct domain *d, mfn_t table)
{
	const struct frame_info *info = frame_info_of(table);

	return info && info->owner == d->id && (info->flags & FRAME_PINNED) &&
	       info->type == frame_type_of_level(ARCH_PT_LEVELS, false);
}

static bool write_ttbr0_el1(struct vcpu *v, uint64_t value)
{
	mfn_t table;
	uint16_t asid;

	if (vmsav8_ttbr0_el1_parse(value, &table, &asid)) {
		return false;
	}
	/* The same table under another ASID needs nothing of the core. */
	if (!mfn_is_valid(v->pt_base) || !mfn_eq(table, v->pt_base)) {
		if (!pinned_top_table(v->domain, table) || mm_new_baseptr(v, table)) {
			return false;
		}
	}
	vcpu_ttbr0_set(v, vmsav8_ttbr0_el1_value(table, asid));
	return true;
}

static void dc_ivac(struct vcpu *v, struct guest_regs *regs, uint64_t operand)
{
	cache_poc_by_va(v, regs, operand, true);
}

static void dc_clean_to_poc(struct vcpu *v, struct guest_regs *regs, uint64_t operand)
{
	cache_poc_by_va(v, regs, operand, false);
}

static const struct trapped_register trapped_registers[] = {
    {SYSREG_ISS(3, 0, 1, 0, 0), write_sctlr_el1, NULL},
    {SYSREG_ISS(3, 0, 2, 0, 0), write_ttbr0_el1, NULL},
    {SYSREG_ISS(3, 0, 2, 0, 1), write_ttbr1_el1, NULL},
    {SYSREG_ISS(3, 0, 2, 0, 2), write_tcr_el1, NULL},
    {SYSREG_ISS(3, 0, 5, 1, 0), write_afsr0_el1, NULL},
    {SYSREG_ISS(3, 0, 5, 1, 1), write_afsr1_el1, NULL},
    {SYSREG_ISS(3, 0, 5, 2, 0), write_esr_el1, NULL},
    {SYSREG_ISS(3, 0, 6, 0, 0), write_far_el1, NULL},
    {SYSREG_ISS(3, 0, 10, 2, 0), write_mair_el1, NULL},
    {SYSREG_ISS(3, 0, 10, 3, 0), write_amair_el1, NULL},
    {SYSREG_ISS(3, 0, 13, 0, 1), write_contextidr_el1, NULL},
    {SYSREG_ISS(1, 0, 7, 6, 2), NULL, cache_set_way},	 /* DC ISW */
    {SYSREG_ISS(1, 0, 7, 10, 2), NULL, cache_set_way},	 /* DC CSW */
    {SYSREG_ISS(1, 0, 7, 14, 2), NULL, cache_set_way},	 /* DC CISW */
    {SYSREG_ISS(1, 0, 7, 6, 1), NULL, dc_ivac},		 /* DC IVAC */
    {SYSREG_ISS(1, 3, 7, 10, 1), NULL, dc_clean_to_poc}, /* DC CVAC */
    {SYSREG_ISS(1, 3, 7, 12, 1), NULL, dc_clean_to_poc}, /* DC CVAP */
    {SYSREG_ISS(1, 3, 7, 13, 1), NULL, dc_clean_to_poc}, /* DC CVADP */
    {SYSREG_ISS(1, 3, 7, 14, 1), NULL, dc_clean_to_poc}, /* DC CIVAC */
};

static const struct trapped_register *find_register(uint64_t iss)
{
	uint64_t encoding = iss & SYSREG_ISS_ENCODING_MASK;

	/* TVM traps writes only: a trapped read is of a register Ringo hides. */
	if (iss & SYSREG_ISS_READ) {
		return NULL;
	}
	for (unsigned int i = 0; i < ARRAY_SIZE(trapped_registers); i++) {
		if (trapped_registers[i].encoding == encoding) {
			return &trapped_registers[i];
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
	const struct trapped_register *reg = find_register(iss);
	uint64_t value = source_register(regs, iss);

	if (reg && reg->op) {
		reg->op(v, regs, value);
	} else if (reg && reg->write(v, value)) {
		isb();
		guest_step(regs);
	} else {
		inject_undef(regs, regs->elr);
	}
}
