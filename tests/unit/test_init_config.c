/*
 * test_init_config.c: core_start() with a boot configuration (core/init.c, boot_config.h):
 * every configured domain built from its module, privileged or not, with its memory, BVT
 * parameters and joined command line; a bad configuration panics with the parser's
 * message; a domU that cannot be built is skipped; a domain 0 that cannot be built panics.
 * The blobs are written with libfdt's sequential-write API.
 */
#include <criterion/criterion.h>
#include <libfdt.h>

#include "fake.h"

#include "bootinfo.h"
#include "guest_memory.h"
#include "sched.h"

#define MODULE_AT (4UL << 20)

static struct boot_info info;
static uint8_t blob[8192];
static size_t module_size;

static void setup(void)
{
	fake_mm_reset();
	fake_console_clear();
	info = (struct boot_info){0};
	bootinfo_add_ram(&info, maddr(0), FAKE_RAM_SIZE);
	bootinfo_add_reserved(&info, maddr(0), 1UL << 20);
	module_size = fake_kernel_image(fake_ram + MODULE_AT, 64 * 1024);
	cr_assert_gt(module_size, 0);
	cr_assert(bootinfo_add_module(&info, maddr(MODULE_AT), module_size, "test=x"));
}

TestSuite(init_config, .init = setup);

struct dom_spec {
	const char *name;
	uint32_t domid;
	uint32_t memory_kib;
	uint32_t weight;    /* 0: none given */
	uint32_t warp_us;   /* 0: none given */
	int module_index;   /* -1: by reg */
	uint64_t reg_start; /* by reg */
	uint32_t reg_size;
	const char *bootargs; /* NULL: none */
};

static void add_domain(const struct dom_spec *s)
{
	const char compat[] = "multiboot,kernel\0multiboot,module";

	cr_assert_eq(fdt_begin_node(blob, s->name), 0);
	cr_assert_eq(fdt_property_string(blob, "compatible", "xen,domain"), 0);
	cr_assert_eq(fdt_property_u32(blob, "domid", s->domid), 0);
	cr_assert_eq(fdt_property_u32(blob, "memory", s->memory_kib), 0);
	if (s->weight) {
		cr_assert_eq(fdt_property_u32(blob, "ringo,bvt-weight", s->weight), 0);
	}
	if (s->warp_us) {
		cr_assert_eq(fdt_property_u32(blob, "ringo,bvt-warp-us", s->warp_us), 0);
	}
	cr_assert_eq(fdt_property_u32(blob, "#address-cells", 2), 0);
	cr_assert_eq(fdt_property_u32(blob, "#size-cells", 1), 0);
	cr_assert_eq(fdt_begin_node(blob, "kernel"), 0);
	cr_assert_eq(fdt_property(blob, "compatible", compat, sizeof(compat)), 0);
	if (s->module_index >= 0) {
		cr_assert_eq(fdt_property_u32(blob, "module-index", (uint32_t)s->module_index), 0);
	} else {
		fdt32_t reg[3] = {cpu_to_fdt32((uint32_t)(s->reg_start >> 32)),
				  cpu_to_fdt32((uint32_t)s->reg_start), cpu_to_fdt32(s->reg_size)};

		cr_assert_eq(fdt_property(blob, "reg", reg, sizeof(reg)), 0);
	}
	if (s->bootargs) {
		cr_assert_eq(fdt_property_string(blob, "bootargs", s->bootargs), 0);
	}
	cr_assert_eq(fdt_end_node(blob), 0);
	cr_assert_eq(fdt_end_node(blob), 0);
}

static void make_config(const struct dom_spec *specs, size_t n)
{
	cr_assert_eq(fdt_create(blob, sizeof(blob)), 0);
	cr_assert_eq(fdt_finish_reservemap(blob), 0);
	cr_assert_eq(fdt_begin_node(blob, ""), 0);
	cr_assert_eq(fdt_begin_node(blob, "chosen"), 0);
	for (size_t i = 0; i < n; i++) {
		add_domain(&specs[i]);
	}
	cr_assert_eq(fdt_end_node(blob), 0);
	cr_assert_eq(fdt_end_node(blob), 0);
	cr_assert_eq(fdt_finish(blob), 0);
	info.config = blob;
	info.config_size = fdt_totalsize(blob);
}

static void boot(void)
{
	FAKE_CATCH_ESCAPE(core_start(&info));
}

static const struct dom_spec dom0_spec = {
    .name = "dom0", .domid = 0, .memory_kib = 8192, .module_index = 0, .bootargs = "role=dom0"};

Test(init_config, builds_every_domain)
{
	struct dom_spec specs[3] = {
	    dom0_spec,
	    {.name = "domU3",
	     .domid = 3,
	     .memory_kib = 4096,
	     .weight = 20,
	     .warp_us = 500,
	     .module_index = -1,
	     .reg_start = MODULE_AT,
	     .reg_size = 0,
	     .bootargs = "role=u"},
	    {.name = "domU1", .domid = 1, .memory_kib = 6144, .module_index = 0},
	};
	struct domain *d0, *d1, *d3;

	specs[1].reg_size = (uint32_t)module_size;
	make_config(specs, 3);
	boot();
	cr_assert_eq(fake_escape_taken(), FAKE_ESCAPE_RUN, "%s", fake_console_text());
	d0 = domain_lookup(0);
	d1 = domain_lookup(1);
	d3 = domain_lookup(3);
	cr_assert(d0 && d1 && d3, "%s", fake_console_text());
	cr_assert(d0->privileged);
	cr_assert_not(d1->privileged);
	cr_assert_not(d3->privileged);
	cr_assert_eq(d0->nr_pages, 2048);
	cr_assert_eq(d3->nr_pages, 1024);
	cr_assert_eq(d1->nr_pages, 1536);
	cr_assert_eq(d3->vcpu[0].bvt.params.weight, 20);
	cr_assert_eq(d3->vcpu[0].bvt.params.warp_ns, 500000);
	cr_assert(d0->vcpu[0].runnable && d1->vcpu[0].runnable && d3->vcpu[0].runnable);
	cr_assert(
	    fake_console_contains(
		"ringo: d0: 8192 KiB, weight 10, warp 0 us, command line \"role=dom0 test=x\"\n"),
	    "%s", fake_console_text());
	cr_assert(fake_console_contains(
	    "ringo: d3: 4096 KiB, weight 20, warp 500 us, command line \"role=u test=x\"\n"));
	cr_assert(fake_console_contains(
	    "ringo: d1: 6144 KiB, weight 10, warp 0 us, command line \"test=x\"\n"));
	cr_assert_eq(d0->shared_info->wc_sec, (uint32_t)FAKE_WALLCLOCK_SEC, "wall clock set");
	cr_assert_eq(fake_vcpu_last_run(), &d3->vcpu[0], "d3 woke warped: it runs first");
}

Test(init_config, empty_module_command_line)
{
	make_config(&dom0_spec, 1);
	info.modules[0].cmdline[0] = '\0';
	boot();
	cr_assert(fake_console_contains("command line \"role=dom0\"\n"), "%s", fake_console_text());
}

Test(init_config, bad_configuration_panics_with_the_reason)
{
	struct dom_spec u = {.name = "domU", .domid = 2, .memory_kib = 4096, .module_index = 0};

	make_config(&u, 1); /* no domain 0 */
	boot();
	cr_assert_eq(fake_escape_taken(), FAKE_ESCAPE_STOP);
	cr_assert_eq(fake_machine_status(), MACHINE_PANIC);
	cr_assert(fake_console_contains("ringo: panic: boot configuration: "), "%s",
		  fake_console_text());
}

Test(init_config, unbuildable_domu_is_skipped)
{
	struct dom_spec specs[3] = {
	    dom0_spec,
	    {.name = "missing", .domid = 2, .memory_kib = 4096, .module_index = 4},
	    {.name = "outside",
	     .domid = 5,
	     .memory_kib = 4096,
	     .module_index = -1,
	     .reg_start = 16UL << 20,
	     .reg_size = 4096},
	};

	make_config(specs, 3);
	boot();
	cr_assert_eq(fake_escape_taken(), FAKE_ESCAPE_RUN, "%s", fake_console_text());
	cr_assert_null(domain_lookup(2));
	cr_assert_null(domain_lookup(5));
	cr_assert(
	    fake_console_contains("ringo: d2 (missing): cannot be built (error -2), skipped"));
	cr_assert(fake_console_contains("lies in no boot module"));
	cr_assert(
	    fake_console_contains("ringo: d5 (outside): cannot be built (error -22), skipped"));
}

Test(init_config, domu_too_big_is_skipped_and_its_id_free)
{
	struct dom_spec specs[2] = {
	    dom0_spec,
	    {.name = "huge", .domid = 1, .memory_kib = 1 << 20, .module_index = 0},
	};

	make_config(specs, 2);
	boot();
	cr_assert_eq(fake_escape_taken(), FAKE_ESCAPE_RUN, "%s", fake_console_text());
	cr_assert_null(domain_lookup(1));
	cr_assert(fake_console_contains("ringo: d1 (huge): cannot be built (error -12), skipped"));
}

Test(init_config, dom0_that_cannot_be_built_panics)
{
	struct dom_spec d0 = dom0_spec;

	d0.module_index = 3;
	make_config(&d0, 1);
	boot();
	cr_assert_eq(fake_machine_status(), MACHINE_PANIC);
	cr_assert(fake_console_contains("cannot build domain 0 (error -2)"), "%s",
		  fake_console_text());
}
