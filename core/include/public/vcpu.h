/*
 * public/vcpu.h: vcpu_op (24) commands and their structures (ABI.md section 5): the
 * runstate (virtual time: how long a vCPU has run, waited and blocked) and the
 * single-shot timer.
 *
 * vcpu_op(cmd, vcpuid, arg). struct vcpu_runstate_info holds 64-bit fields after an int,
 * so its layout differs: on x86 (i386 alignment) state_entry_time is at 4, on ARM64 at 8.
 */
#ifndef RINGO_PUBLIC_VCPU_H
#define RINGO_PUBLIC_VCPU_H

#include "abi.h"

#define VCPUOP_initialise 0
#define VCPUOP_up 1
#define VCPUOP_down 2
#define VCPUOP_is_up 3
#define VCPUOP_get_runstate_info 4
#define VCPUOP_register_runstate_memory_area 5
#define VCPUOP_set_periodic_timer 6
#define VCPUOP_stop_periodic_timer 7
#define VCPUOP_set_singleshot_timer 8
#define VCPUOP_stop_singleshot_timer 9
#define VCPUOP_register_vcpu_info 10

#define RUNSTATE_running 0  /* on the CPU */
#define RUNSTATE_runnable 1 /* waiting for the CPU */
#define RUNSTATE_blocked 2  /* waiting for an event or its timer */
#define RUNSTATE_offline 3  /* not schedulable (down, or its domain is going away) */

struct vcpu_runstate_info {
	int state;		   /* RUNSTATE_* now */
	uint64_t state_entry_time; /* system time (ns) it entered that state */
	uint64_t time[4];	   /* ns spent in each RUNSTATE_* (the current one up to now) */
};

ABI_CHECK_OFFSET(struct vcpu_runstate_info, state_entry_time, 4, 8);
ABI_CHECK_OFFSET(struct vcpu_runstate_info, time, 12, 16);
ABI_CHECK_SIZE(struct vcpu_runstate_info, 44, 48);

/*
 * VCPUOP_register_runstate_memory_area: the guest virtual address of the area its
 * struct vcpu_runstate_info is written to (0: none). Xen's is a union of a guest handle, a
 * pointer and a uint64_t: on x86 the pointer is the low 32 bits, the rest not read.
 */
struct vcpu_register_runstate_memory_area {
	uint64_t addr;
};

ABI_CHECK_SIZE(struct vcpu_register_runstate_memory_area, 8, 8);

/* VCPUOP_set_singleshot_timer: VIRQ_TIMER at system time timeout_abs_ns. */
#define VCPU_SSHOTTMR_future (1U << 0) /* -ETIME when timeout_abs_ns has passed already */

struct vcpu_set_singleshot_timer {
	uint64_t timeout_abs_ns;
	uint32_t flags;
};

ABI_CHECK_SIZE(struct vcpu_set_singleshot_timer, 12, 16);

#endif
