/*
 * plat/psci.h (arm64): PSCI function identifiers and results (Arm DEN 0022).
 *
 * Ringo calls PSCI itself (SMC conduit, QEMU virt with virtualization=on) to stop the
 * machine, and emulates a small PSCI for guests (smc.c).
 */
#ifndef RINGO_PLAT_PSCI_H
#define RINGO_PLAT_PSCI_H

#include "types.h"

#define PSCI_VERSION 0x84000000U
#define PSCI_SYSTEM_OFF 0x84000008U
#define PSCI_SYSTEM_RESET 0x84000009U
#define PSCI_FEATURES 0x8400000AU

/* PSCI's range in the SMCCC standard-service space, SMC32 and SMC64 forms. */
#define PSCI_FN_FIRST 0x84000000U
#define PSCI_FN_LAST 0x8400001FU
#define SMCCC_SMC64 0x40000000U

#define PSCI_VERSION_1_0 0x00010000L
#define PSCI_RET_SUCCESS 0L
#define PSCI_RET_NOT_SUPPORTED (-1L)

/* Calls the firmware's PSCI (smc #0 from EL2); returns x0. */
long psci_call(uint32_t function, uint64_t arg0, uint64_t arg1, uint64_t arg2);

/* The same through `hvc #0`: only for a boot that did not start at EL2 (boot.c). */
long psci_call_hvc(uint32_t function, uint64_t arg0, uint64_t arg1, uint64_t arg2);

#endif
