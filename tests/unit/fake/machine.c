/*
 * machine.c (fake arch): stopping the machine and entering guests, as escapes to the test.
 *
 * On real hardware neither returns. Here both record what happened and longjmp back to the
 * FAKE_CATCH_ESCAPE that armed them; with nothing armed they abort, so an unexpected stop
 * or panic fails the test (Criterion reports the SIGABRT) rather than passing silently.
 */
#include <stdlib.h>

#include "fake.h"

#include "arch/machine.h"
#include "arch/vcpu.h"

jmp_buf fake_escape_jmp;
static bool escape_armed;
static enum fake_escape escape_taken;
static enum machine_status stop_status = (enum machine_status) - 1;
static struct vcpu *last_run;
static unsigned int destroy_count;
static unsigned int set_pt_base_count;

void fake_escape_arm(void)
{
	escape_armed = true;
	escape_taken = FAKE_ESCAPE_NONE;
}

void fake_escape_disarm(void)
{
	escape_armed = false;
}

enum fake_escape fake_escape_taken(void)
{
	return escape_taken;
}

enum machine_status fake_machine_status(void)
{
	return stop_status;
}

struct vcpu *fake_vcpu_last_run(void)
{
	return last_run;
}

unsigned int fake_vcpu_destroy_count(void)
{
	return destroy_count;
}

unsigned int fake_vcpu_set_pt_base_count(void)
{
	return set_pt_base_count;
}

static noreturn void escape(enum fake_escape kind)
{
	if (!escape_armed) {
		abort();
	}
	escape_armed = false;
	escape_taken = kind;
	longjmp(fake_escape_jmp, 1);
}

noreturn void fake_escape_idle(void)
{
	escape(FAKE_ESCAPE_IDLE);
}

noreturn void arch_machine_stop(enum machine_status status)
{
	stop_status = status;
	escape(FAKE_ESCAPE_STOP);
}

void arch_vcpu_init(struct vcpu *v, const struct vcpu_start *start)
{
	v->arch = (struct arch_vcpu){
	    .entry = start->entry,
	    .stack_top = start->stack_top,
	    .start_info = start->start_info,
	    .pt_base = start->pt_base,
	    .started = true,
	};
}

HOT_CALL noreturn void arch_vcpu_run(struct vcpu *v)
{
	last_run = v;
	escape(FAKE_ESCAPE_RUN);
}

void arch_vcpu_set_pt_base(struct vcpu *v, mfn_t top)
{
	v->arch.pt_base = mfn_to_maddr(top);
	set_pt_base_count++;
}

void arch_vcpu_destroy(struct vcpu *v)
{
	v->arch.started = false;
	destroy_count++;
}
