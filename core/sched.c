/*
 * sched.c: the run queue.
 *
 * Round-robin over runnable vCPUs for now; the BVT scheduler replaces the choice in
 * sched_pick() and adds blocking and the idle vCPU.
 */
#include "sched.h"
#include "arch/vcpu.h"
#include "check.h"

static struct vcpu *run_queue[MAX_DOMAINS];
static unsigned int run_queue_count;
static struct vcpu *current_vcpu;

void sched_add_vcpu(struct vcpu *v)
{
	CHECK(run_queue_count < ARRAY_SIZE(run_queue));
	run_queue[run_queue_count++] = v;
	v->runnable = true;
}

void sched_remove_vcpu(struct vcpu *v)
{
	for (unsigned int i = 0; i < run_queue_count; i++) {
		if (run_queue[i] == v) {
			run_queue[i] = run_queue[--run_queue_count];
			break;
		}
	}
	if (current_vcpu == v) {
		current_vcpu = NULL;
	}
}

struct vcpu *sched_current(void)
{
	return current_vcpu;
}

void sched_set_current(struct vcpu *v)
{
	current_vcpu = v;
}

static struct vcpu *sched_pick(void)
{
	if (current_vcpu && current_vcpu->runnable) {
		return current_vcpu;
	}
	for (unsigned int i = 0; i < run_queue_count; i++) {
		if (run_queue[i]->runnable) {
			return run_queue[i];
		}
	}
	return NULL;
}

noreturn void sched_resume(void)
{
	struct vcpu *next = sched_pick();

	if (!next) {
		panic("no runnable vCPU and domain 0 still alive");
	}
	current_vcpu = next;
	arch_vcpu_run(next);
}

void sched_check_current(void)
{
	if (!current_vcpu || !current_vcpu->runnable) {
		sched_resume();
	}
}
