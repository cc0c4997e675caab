/*
 * sched.h: choosing which vCPU runs.
 *
 * The arch returns to a guest only through sched_resume() or by returning from a trap
 * handler after sched_check_current() found the interrupted vCPU still runnable. When no
 * domain is left, the machine shuts down with domain 0's reason.
 */
#ifndef RINGO_SCHED_H
#define RINGO_SCHED_H

#include "domain.h"

void sched_add_vcpu(struct vcpu *v);
void sched_remove_vcpu(struct vcpu *v);

/* The vCPU whose state the CPU holds (NULL before the first guest runs). */
struct vcpu *sched_current(void);
void sched_set_current(struct vcpu *v);

/* Runs the next runnable vCPU; never returns. */
noreturn void sched_resume(void);

/* Called by the arch before returning to the interrupted guest after a trap. */
void sched_check_current(void);

#endif
