/*
 * test_init.c: the portable boot recipe (core/init.c), from boot_info to the first guest
 * entry, on the fake arch with the synthetic kernel as the boot module.
 */
#include <criterion/criterion.h>

#include "fake.h"

#include "arch/config.h"
#include "bootinfo.h"
#include "frame_alloc.h"
#include "guest_memory.h"

#define MODULE_AT (4UL << 20)

static struct boot_info info;

static void setup(void)
{
	fake_mm_reset();
	fake_console_clear();
	info = (struct boot_info){0};
	bootinfo_add_ram(&info, maddr(0), FAKE_RAM_SIZE);
	bootinfo_add_reserved(&info, maddr(0), 1UL << 20);
}

TestSuite(init, .init = setup);

static void add_kernel(const char *cmdline)
{
	size_t size = fake_kernel_image(fake_ram + MODULE_AT, 64 * 1024);

	cr_assert_gt(size, 0);
	cr_assert(bootinfo_add_module(&info, maddr(MODULE_AT), size, cmdline));
}

static void boot(const char *hypervisor_cmdline)
{
	strlcpy(info.cmdline, hypervisor_cmdline, sizeof(info.cmdline));
	FAKE_CATCH_ESCAPE(core_start(&info));
}

Test(init, boots_dom0_and_enters_it)
{
	struct domain *d0;

	add_kernel("test=hello");
	boot("dom0_mem=8M loglevel=all");
	cr_assert_eq(fake_escape_taken(), FAKE_ESCAPE_RUN, "console: %s", fake_console_text());
	d0 = domain_lookup(0);
	cr_assert_not_null(d0);
	cr_assert(d0->privileged);
	cr_assert_eq(d0->nr_pages, 2048);
	cr_assert_eq(fake_vcpu_last_run(), &d0->vcpu[0]);
	cr_assert(d0->vcpu[0].arch.started);
	cr_assert_str_eq(core_cmdline(), "dom0_mem=8M loglevel=all");
	cr_assert(fake_console_contains("Ringo hypervisor (" ARCH_NAME ")"));
	cr_assert(fake_console_contains("ringo: d0: 8192 KiB, command line \"test=hello\"\n"));
}

Test(init, module_is_not_handed_out)
{
	uint64_t module_frame = MODULE_AT / PAGE_SIZE;
	struct domain *d0;

	add_kernel("");
	boot("");
	d0 = domain_lookup(0);
	cr_assert_not_null(d0);
	for (uint64_t i = 0; i < d0->nr_pages; i++) {
		cr_assert_neq(mfn_value(d0->p2m[i]), module_frame);
	}
}

Test(init, default_and_bad_dom0_mem)
{
	add_kernel("");
	boot("dom0_mem=lots");
	cr_assert_eq(fake_escape_taken(), FAKE_ESCAPE_RUN);
	cr_assert(fake_console_contains("ringo: bad dom0_mem=lots, using the default\n"));
	cr_assert_eq(domain_lookup(0)->nr_pages, (16UL << 20) / PAGE_SIZE);
}

Test(init, no_module_panics)
{
	boot("");
	cr_assert_eq(fake_escape_taken(), FAKE_ESCAPE_STOP);
	cr_assert_eq(fake_machine_status(), MACHINE_PANIC);
	cr_assert(fake_console_contains("ringo: panic: no domain 0 kernel"));
}

Test(init, unbuildable_kernel_panics)
{
	add_kernel("");
	fake_ram[MODULE_AT] = 0; /* no longer an ELF image */
	boot("");
	cr_assert_eq(fake_machine_status(), MACHINE_PANIC);
	cr_assert(fake_console_contains("ringo: panic: cannot build domain 0 (error -22)"), "%s",
		  fake_console_text());
}

Test(init, too_much_dom0_memory_panics)
{
	add_kernel("");
	boot("dom0_mem=1G");
	cr_assert_eq(fake_machine_status(), MACHINE_PANIC);
	cr_assert(fake_console_contains("out of memory"));
	cr_assert(fake_console_contains("cannot build domain 0 (error -12)"));
}

Test(init, module_out_of_reach_panics)
{
	add_kernel("");
	fake_mm_set_directmap_end(maddr(MODULE_AT + 4096));
	boot("");
	cr_assert_eq(fake_machine_status(), MACHINE_PANIC);
	cr_assert(fake_console_contains("outside the hypervisor's reach"));
}
