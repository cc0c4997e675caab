/*
 * test_sched.c: the run queue (core/sched.c): who runs next, and what happens when nobody
 * can.
 */
#include <criterion/criterion.h>

#include "fake.h"

#include "domain.h"
#include "public/sched.h"
#include "sched.h"

static struct domain *d0;
static struct domain *d1;

static void setup(void)
{
	fake_boot();
	d0 = domain_create(0, true);
	d1 = domain_create(1, false);
}

TestSuite(sched, .init = setup);

Test(sched, resume_runs_the_first_runnable)
{
	sched_add_vcpu(&d0->vcpu[0]);
	sched_add_vcpu(&d1->vcpu[0]);
	cr_assert(d0->vcpu[0].runnable);
	FAKE_CATCH_ESCAPE(sched_resume());
	cr_assert_eq(fake_escape_taken(), FAKE_ESCAPE_RUN);
	cr_assert_eq(fake_vcpu_last_run(), &d0->vcpu[0]);
	cr_assert_eq(sched_current(), &d0->vcpu[0]);
}

Test(sched, current_keeps_running_while_runnable)
{
	sched_add_vcpu(&d0->vcpu[0]);
	sched_add_vcpu(&d1->vcpu[0]);
	sched_set_current(&d1->vcpu[0]);
	FAKE_CATCH_ESCAPE(sched_check_current());
	cr_assert_eq(fake_escape_taken(), FAKE_ESCAPE_NONE, "no switch");
	FAKE_CATCH_ESCAPE(sched_resume());
	cr_assert_eq(fake_vcpu_last_run(), &d1->vcpu[0]);
}

Test(sched, stopped_domain_gives_way)
{
	sched_add_vcpu(&d0->vcpu[0]);
	sched_add_vcpu(&d1->vcpu[0]);
	sched_set_current(&d1->vcpu[0]);
	domain_shutdown(d1, SHUTDOWN_poweroff);
	cr_assert_null(sched_current());
	FAKE_CATCH_ESCAPE(sched_check_current());
	cr_assert_eq(fake_escape_taken(), FAKE_ESCAPE_RUN);
	cr_assert_eq(fake_vcpu_last_run(), &d0->vcpu[0]);
}

Test(sched, nothing_runnable_panics)
{
	FAKE_CATCH_ESCAPE(sched_resume());
	cr_assert_eq(fake_escape_taken(), FAKE_ESCAPE_STOP);
	cr_assert_eq(fake_machine_status(), MACHINE_PANIC);
	cr_assert(fake_console_contains("no runnable vCPU"));
}
