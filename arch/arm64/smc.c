/*
 * smc.c: SMC from a guest (trapped by HCR_EL2.TSC): a small emulated PSCI.
 *
 * A guest may ask PSCI for its version and features and to power itself off or reboot;
 * those stop the domain (not the machine: the core decides what domain 0's end means).
 * Other PSCI calls return NOT_SUPPORTED. An SMC that is not a PSCI call (another function
 * identifier, or an immediate other than 0) never reaches the firmware: the guest gets an
 * undefined-instruction exception at the SMC. A trapped SMC's ELR_EL2 points at the SMC
 * itself, so a handled call steps over it.
 */
#include "plat/esr.h"
#include "plat/psci.h"
#include "plat/traps.h"
#include "public/sched.h"

#define SMC_IMMEDIATE_MASK 0xffffUL

/* SMCCC passes the function identifier in w0. */
static bool is_psci_function(uint32_t function)
{
	uint32_t smc32 = function & ~SMCCC_SMC64;

	return smc32 >= PSCI_FN_FIRST && smc32 <= PSCI_FN_LAST;
}

static long psci_features(uint32_t function)
{
	switch (function) {
	case PSCI_VERSION:
	case PSCI_FEATURES:
	case PSCI_SYSTEM_OFF:
	case PSCI_SYSTEM_RESET:
		return PSCI_RET_SUCCESS;
	default:
		return PSCI_RET_NOT_SUPPORTED;
	}
}

static long psci_emulate(struct vcpu *v, uint32_t function, uint64_t arg)
{
	switch (function) {
	case PSCI_VERSION:
		return PSCI_VERSION_1_0;
	case PSCI_FEATURES:
		return psci_features((uint32_t)arg);
	case PSCI_SYSTEM_OFF:
		domain_shutdown(v->domain, SHUTDOWN_poweroff);
		return PSCI_RET_SUCCESS;
	case PSCI_SYSTEM_RESET:
		domain_shutdown(v->domain, SHUTDOWN_reboot);
		return PSCI_RET_SUCCESS;
	default:
		return PSCI_RET_NOT_SUPPORTED;
	}
}

void trap_smc(struct vcpu *v, struct guest_regs *regs, uint64_t esr)
{
	uint32_t function = (uint32_t)regs->x[0];

	if ((esr_iss(esr) & SMC_IMMEDIATE_MASK) != 0 || !is_psci_function(function)) {
		inject_undef(regs, regs->elr);
		return;
	}
	regs->x[0] = (uint64_t)psci_emulate(v, function, regs->x[1]);
	guest_step(regs);
}
