/*
 * test_boot_config.c: boot-time domain configuration (core/boot_config.c).
 *
 * Trees are written as DTS text and compiled with dtc at run time (device-tree-compiler,
 * installed by tools/setup), the shipped configurations straight from dts/; blobs that dtc
 * would never produce are made by hand.
 */
#include <criterion/criterion.h>
#include <libfdt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "boot_config.h"
#include "public/errno.h"

#define MAX_BLOB (256 * 1024)

static struct boot_config cfg;
static uint8_t blob[MAX_BLOB];
static size_t blob_size;

/* Compiles the DTS file at path into blob. */
static void compile_file(const char *path)
{
	char command[512];
	FILE *out;
	int status;

	snprintf(command, sizeof(command), "dtc -q -I dts -O dtb '%s'", path);
	out = popen(command, "r");
	cr_assert_not_null(out, "cannot run dtc");
	blob_size = fread(blob, 1, sizeof(blob), out);
	status = pclose(out);
	cr_assert_eq(status, 0, "dtc failed on %s (is device-tree-compiler installed?)", path);
	cr_assert_gt(blob_size, 0);
}

/* Compiles "/dts-v1/; / { chosen { <chosen> }; };" (plus any extra root text). */
static void compile_chosen(const char *chosen, const char *root_extra)
{
	char path[] = "/tmp/ringo-boot-config-XXXXXX";
	int fd = mkstemp(path);
	FILE *file;

	cr_assert_geq(fd, 0);
	file = fdopen(fd, "w");
	cr_assert_not_null(file);
	fprintf(file, "/dts-v1/;\n/ {\n%s\n\tchosen {\n%s\n\t};\n};\n", root_extra, chosen);
	fclose(file);
	compile_file(path);
	unlink(path);
}

static int parse_chosen(const char *chosen)
{
	compile_chosen(chosen, "");
	return boot_config_parse(blob, blob_size, &cfg);
}

static void assert_refused(int rc, int expected, const char *where, const char *what)
{
	cr_assert_eq(rc, expected, "got %d, want %d: %s", rc, expected, cfg.error);
	cr_assert_eq(cfg.domain_count, 0, "nothing half-parsed is left");
	cr_assert_not_null(strstr(cfg.error, where), "error \"%s\" names %s", cfg.error, where);
	cr_assert_not_null(strstr(cfg.error, what), "error \"%s\" says %s", cfg.error, what);
}

#define KERNEL(index)                                                        \
	"kernel { compatible = \"multiboot,kernel\", \"multiboot,module\"; " \
	"module-index = <" #index ">; };"
#define DOM0 "dom0 { compatible = \"xen,domain\"; domid = <0>; memory = <0x4000>; " KERNEL(0) " };"

TestSuite(boot_config);

Test(boot_config, default_configuration)
{
	const struct boot_config_domain *d;

	compile_file("dts/ringo-default.dts");
	cr_assert_eq(boot_config_parse(blob, blob_size, &cfg), 0, "%s", cfg.error);
	cr_assert_eq(cfg.domain_count, 3);

	d = &cfg.domain[0];
	cr_assert_eq(d->id, 0);
	cr_assert(d->privileged);
	cr_assert_str_eq(d->name, "dom0");
	cr_assert_eq(d->memory_kib, 16384);
	cr_assert_eq(d->vcpus, 1);
	cr_assert_eq(d->bvt.weight, 10);
	cr_assert(d->kernel.present && d->kernel.by_index);
	cr_assert_eq(d->kernel.index, 0);
	cr_assert_str_eq(d->kernel.bootargs, "");
	cr_assert_not(d->ramdisk.present);

	d = &cfg.domain[1];
	cr_assert_eq(d->id, 1);
	cr_assert_not(d->privileged);
	cr_assert_eq(d->memory_kib, 8192);
	cr_assert_eq(d->kernel.index, 1);
	cr_assert_str_eq(d->kernel.bootargs, "role=batch");
	cr_assert_eq(d->bvt.warp_ns, 0);

	d = &cfg.domain[2];
	cr_assert_eq(d->id, 2);
	cr_assert_not(d->privileged);
	cr_assert_eq(d->kernel.index, 1, "both domUs run the same module");
	cr_assert_str_eq(d->kernel.bootargs, "role=interactive");
	cr_assert_eq(d->bvt.warp_ns, 2000000);
	cr_assert_eq(d->bvt.warp_limit_ns, 1000000);
	cr_assert_eq(d->bvt.unwarp_ns, 10000000);
}

Test(boot_config, sixty_four_domains)
{
	compile_file("dts/ringo-64.dts");
	cr_assert_eq(boot_config_parse(blob, blob_size, &cfg), 0, "%s", cfg.error);
	cr_assert_eq(cfg.domain_count, 64);
	for (unsigned int i = 0; i < 64; i++) {
		char args[16];

		cr_assert_eq(cfg.domain[i].id, i);
		cr_assert_eq(cfg.domain[i].privileged, i == 0);
		cr_assert_eq(cfg.domain[i].kernel.index, i == 0 ? 0 : 1);
		if (i > 0) {
			snprintf(args, sizeof(args), "id=%u", i);
			cr_assert_str_eq(cfg.domain[i].kernel.bootargs, args);
			cr_assert_eq(cfg.domain[i].memory_kib, 4096);
		}
	}
}

Test(boot_config, module_reg_follows_the_domain_cells)
{
	const char *chosen =
	    DOM0 "a { compatible = \"xen,domain\"; domid = <1>; memory = <0x1000>;"
		 "  #address-cells = <2>; #size-cells = <2>;"
		 "  k { compatible = \"multiboot,kernel\", \"multiboot,module\";"
		 "      reg = <0x1 0x48000000 0x0 0x200000>; bootargs = \"x=1\"; };"
		 "  r { compatible = \"multiboot,ramdisk\", \"multiboot,module\";"
		 "      reg = <0x0 0x49000000 0x0 0x1000>; }; };"
		 "b { compatible = \"xen,domain\"; domid = <2>; memory = <0x1000>;"
		 "  #address-cells = <1>; #size-cells = <1>;"
		 "  k { compatible = \"multiboot,kernel\"; reg = <0x48000000 0x300000>; }; };"
		 "c { compatible = \"xen,domain\"; domid = <3>; memory = <0x1000>;"
		 "  k { compatible = \"multiboot,kernel\"; reg = <0x0 0x50000000 0x1000>; }; };";
	const struct boot_config_domain *d;

	cr_assert_eq(parse_chosen(chosen), 0, "%s", cfg.error);
	d = &cfg.domain[1];
	cr_assert_not(d->kernel.by_index);
	cr_assert_eq(d->kernel.start, 0x148000000ULL);
	cr_assert_eq(d->kernel.size, 0x200000);
	cr_assert_str_eq(d->kernel.bootargs, "x=1");
	cr_assert(d->ramdisk.present);
	cr_assert_eq(d->ramdisk.start, 0x49000000);
	cr_assert_eq(d->ramdisk.size, 0x1000);
	d = &cfg.domain[2];
	cr_assert_eq(d->kernel.start, 0x48000000);
	cr_assert_eq(d->kernel.size, 0x300000);
	d = &cfg.domain[3];
	cr_assert_eq(d->kernel.start, 0x50000000, "no cells given: 2 address, 1 size");
	cr_assert_eq(d->kernel.size, 0x1000);
}

Test(boot_config, memory_in_one_or_two_cells_and_defaults)
{
	const char *chosen =
	    DOM0 "u { compatible = \"xen,domain\"; memory = <0x0 0x10000>; " KERNEL(1) " };";

	cr_assert_eq(parse_chosen(chosen), 0, "%s", cfg.error);
	cr_assert_eq(cfg.domain[0].memory_kib, 0x4000);
	cr_assert_eq(cfg.domain[1].memory_kib, 0x10000, "two cells");
	cr_assert_eq(cfg.domain[1].id, 1, "no domid: the lowest free from 1");
	cr_assert_eq(cfg.domain[1].vcpus, 1);
	cr_assert_eq(cfg.domain[1].bvt.weight, BVT_WEIGHT_DEFAULT);
	cr_assert_eq(cfg.domain[1].bvt.warp_ns, 0);
}

Test(boot_config, ids_are_assigned_around_the_given_ones_and_sorted)
{
	const char *chosen = "x { compatible = \"xen,domain\"; memory = <0x1000>; " KERNEL(
	    1) " };"
	       "y { compatible = \"xen,domain\"; domid = <2>; memory = <0x1000>; " KERNEL(
		   1) " };"
		      "z { compatible = \"xen,domain\"; memory = <0x1000>; " KERNEL(1) " };" DOM0;

	cr_assert_eq(parse_chosen(chosen), 0, "%s", cfg.error);
	cr_assert_eq(cfg.domain_count, 4);
	cr_assert_str_eq(cfg.domain[0].name, "dom0");
	cr_assert_str_eq(cfg.domain[1].name, "x");
	cr_assert_str_eq(cfg.domain[2].name, "y");
	cr_assert_str_eq(cfg.domain[3].name, "z");
	cr_assert_eq(cfg.domain[3].id, 3);
}

Test(boot_config, other_nodes_are_left_alone)
{
	const char *chosen =
	    "bootargs = \"ringo\";"
	    "module@48000000 { compatible = \"multiboot,kernel\", \"multiboot,module\";"
	    "  reg = <0x0 0x48000000 0x0 0x1000>; };" DOM0
	    "off { compatible = \"xen,domain\"; status = \"disabled\"; };"
	    "u { compatible = \"xen,domain\"; memory = <0x1000>; status = \"okay\"; " KERNEL(
		1) " k2 { compatible = \"multiboot,kernel\"; module-index = <2>; status = "
		   "\"disabled\"; };"
		   " other { compatible = \"vendor,thing\"; }; };";

	cr_assert_eq(parse_chosen(chosen), 0, "%s", cfg.error);
	cr_assert_eq(cfg.domain_count, 2);
	cr_assert_eq(cfg.domain[1].kernel.index, 1);
}

Test(boot_config, refuses_missing_parts)
{
	assert_refused(parse_chosen("u { compatible = \"xen,domain\"; memory = <0x1000>; };" DOM0),
		       -ENOENT, "/chosen/u", "multiboot,kernel");
	assert_refused(parse_chosen("u { compatible = \"xen,domain\"; " KERNEL(0) " };"), -ENOENT,
		       "/chosen/u", "memory");
	assert_refused(parse_chosen("u { compatible = \"xen,domain\"; domid = <1>; "
				    "memory = <0x1000>; " KERNEL(0) " };"),
		       -ENOENT, "device tree", "domain 0");
	assert_refused(parse_chosen("other { };"), -ENOENT, "/chosen", "xen,domain");
	{
		/* A tree without /chosen. */
		char source[] = "/dts-v1/; / { model = \"none\"; };";
		char path[] = "/tmp/ringo-boot-config-XXXXXX";
		int fd = mkstemp(path);

		cr_assert_eq(write(fd, source, strlen(source)), (ssize_t)strlen(source));
		close(fd);
		compile_file(path);
		unlink(path);
	}
	assert_refused(boot_config_parse(blob, blob_size, &cfg), -ENOENT, "device tree", "/chosen");
}

Test(boot_config, refuses_bad_memory)
{
	assert_refused(
	    parse_chosen("u { compatible = \"xen,domain\"; memory = <0>; " KERNEL(0) " };"),
	    -ERANGE, "/chosen/u", "memory");
	assert_refused(
	    parse_chosen("u { compatible = \"xen,domain\"; memory = <0x10 0x0>; " KERNEL(0) " };"),
	    -ERANGE, "/chosen/u", "memory");
	assert_refused(
	    parse_chosen("u { compatible = \"xen,domain\"; memory = <1 2 3>; " KERNEL(0) " };"),
	    -EINVAL, "/chosen/u", "one or two cells");
	assert_refused(
	    parse_chosen("u { compatible = \"xen,domain\"; memory = [00 10]; " KERNEL(0) " };"),
	    -EINVAL, "/chosen/u", "one or two cells");
	assert_refused(
	    parse_chosen("u { compatible = \"xen,domain\"; memory = <1001>; " KERNEL(0) " };"),
	    -EINVAL, "/chosen/u", "4 KiB pages");
}

Test(boot_config, refuses_bad_ids)
{
	assert_refused(parse_chosen(DOM0 "u { compatible = \"xen,domain\"; domid = <0>; "
					 "memory = <0x1000>; " KERNEL(1) " };"),
		       -EEXIST, "/chosen/u", "domid 0");
	assert_refused(parse_chosen(DOM0 "u { compatible = \"xen,domain\"; domid = <128>; "
					 "memory = <0x1000>; " KERNEL(1) " };"),
		       -ERANGE, "/chosen/u", "domid");
	assert_refused(parse_chosen(DOM0 "u { compatible = \"xen,domain\"; domid = <0x7ff0>; "
					 "memory = <0x1000>; " KERNEL(1) " };"),
		       -ERANGE, "/chosen/u", "domid");
	assert_refused(parse_chosen(DOM0 "u { compatible = \"xen,domain\"; domid = <1 2>; "
					 "memory = <0x1000>; " KERNEL(1) " };"),
		       -EINVAL, "/chosen/u", "one cell");
}

Test(boot_config, refuses_bad_cpus_and_bvt)
{
	assert_refused(parse_chosen("u { compatible = \"xen,domain\"; memory = <0x1000>; "
				    "cpus = <0>; " KERNEL(0) " };"),
		       -ERANGE, "/chosen/u", "cpus");
	assert_refused(parse_chosen("u { compatible = \"xen,domain\"; memory = <0x1000>; "
				    "cpus = <2>; " KERNEL(0) " };"),
		       -ERANGE, "/chosen/u", "cpus");
	assert_refused(parse_chosen("u { compatible = \"xen,domain\"; memory = <0x1000>; "
				    "ringo,bvt-weight = <0>; " KERNEL(0) " };"),
		       -ERANGE, "/chosen/u", "BVT");
	assert_refused(parse_chosen("u { compatible = \"xen,domain\"; memory = <0x1000>; "
				    "ringo,bvt-weight = <5000>; " KERNEL(0) " };"),
		       -ERANGE, "/chosen/u", "BVT");
	assert_refused(parse_chosen("u { compatible = \"xen,domain\"; memory = <0x1000>; "
				    "ringo,bvt-warp-us = <1000001>; " KERNEL(0) " };"),
		       -ERANGE, "/chosen/u", "BVT");
	assert_refused(parse_chosen("u { compatible = \"xen,domain\"; memory = <0x1000>; "
				    "ringo,bvt-unwarp-us = <4000000000>; " KERNEL(0) " };"),
		       -ERANGE, "/chosen/u", "BVT");
	assert_refused(parse_chosen("u { compatible = \"xen,domain\"; memory = <0x1000>; "
				    "ringo,bvt-warp-limit-us = \"fast\"; " KERNEL(0) " };"),
		       -EINVAL, "/chosen/u", "ringo,bvt-warp-limit-us");
}

Test(boot_config, refuses_bad_modules)
{
	const char *head = "u { compatible = \"xen,domain\"; domid = <0>; memory = <0x1000>; "
			   "#address-cells = <1>; #size-cells = <1>; ";
	static const struct {
		const char *module;
		int rc;
		const char *where, *what;
	} cases[] = {
	    {"k { compatible = \"multiboot,kernel\"; };", -EINVAL, "/chosen/u/k",
	     "exactly one of reg and module-index"},
	    {"k { compatible = \"multiboot,kernel\"; reg = <0x1000 0x10>; module-index = <1>; };",
	     -EINVAL, "/chosen/u/k", "exactly one"},
	    {"k { compatible = \"multiboot,kernel\"; reg = <0x1000>; };", -EINVAL, "/chosen/u/k",
	     "reg must be one address (1 cells) and size (1)"},
	    {"k { compatible = \"multiboot,kernel\"; reg = <0x1000 0x10 0x2000 0x10>; };", -EINVAL,
	     "/chosen/u/k", "reg"},
	    {"k { compatible = \"multiboot,kernel\"; reg = <0x1000 0x0>; };", -ERANGE,
	     "/chosen/u/k", "empty"},
	    {"k { compatible = \"multiboot,kernel\"; reg = <0xfffff000 0x2000>; };", 0, "", ""},
	    {"k { compatible = \"multiboot,kernel\"; module-index = <1>; };"
	     "k2 { compatible = \"multiboot,kernel\"; module-index = <2>; };",
	     -EINVAL, "/chosen/u/k2", "second module"},
	    {"k { compatible = \"multiboot,kernel\"; module-index = <1>; bootargs = [61 62]; };",
	     -EINVAL, "/chosen/u/k", "bootargs"},
	    {"k { compatible = \"multiboot,kernel\"; module-index = <1>; bootargs = \"a\", \"b\"; "
	     "};",
	     -EINVAL, "/chosen/u/k", "one NUL-terminated string"},
	    {"k { compatible = \"multiboot,kernel\"; module-index = <1>; };"
	     "m { compatible = \"multiboot,module\"; module-index = <2>; };",
	     -EINVAL, "/chosen/u/m", "neither kernel nor ramdisk"},
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char chosen[1024];
		int rc;

		snprintf(chosen, sizeof(chosen), "%s %s };", head, cases[i].module);
		rc = parse_chosen(chosen);
		if (cases[i].rc == 0) {
			cr_assert_eq(rc, 0, "case %zu: %s", i, cfg.error);
		} else {
			assert_refused(rc, cases[i].rc, cases[i].where, cases[i].what);
		}
	}
}

Test(boot_config, refuses_module_cells_it_cannot_read)
{
	assert_refused(
	    parse_chosen("u { compatible = \"xen,domain\"; memory = <0x1000>; "
			 "#address-cells = <3>; #size-cells = <1>;"
			 "k { compatible = \"multiboot,kernel\"; reg = <0 0 0 1>; }; };"),
	    -EINVAL, "/chosen/u", "#address-cells");
	assert_refused(parse_chosen("u { compatible = \"xen,domain\"; memory = <0x1000>; "
				    "#address-cells = <1>; #size-cells = <0>;"
				    "k { compatible = \"multiboot,kernel\"; reg = <0>; }; };"),
		       -EINVAL, "/chosen/u", "#size-cells");
	assert_refused(parse_chosen("u { compatible = \"xen,domain\"; memory = <0x1000>; "
				    "#address-cells = <2>; #size-cells = <2>;"
				    "k { compatible = \"multiboot,kernel\"; "
				    "reg = <0xffffffff 0xfffff000 0x0 0x2000>; }; };"),
		       -ERANGE, "/chosen/u/k", "end of the address space");
}

/* count domains, domain i with domid i; i = 0 is domain 0. */
static int parse_many(unsigned int count)
{
	static char chosen[128 * 1024];
	size_t len = 0;

	for (unsigned int i = 0; i < count; i++) {
		len += (size_t)snprintf(chosen + len, sizeof(chosen) - len,
					"d%u { compatible = \"xen,domain\"; domid = <%u>; "
					"memory = <0x1000>; " KERNEL(0) " };\n",
					i, i);
		cr_assert_lt(len, sizeof(chosen));
	}
	return parse_chosen(chosen);
}

Test(boot_config, up_to_128_domains)
{
	cr_assert_eq(parse_many(BOOT_CONFIG_MAX_DOMAINS), 0, "%s", cfg.error);
	cr_assert_eq(cfg.domain_count, BOOT_CONFIG_MAX_DOMAINS);
	assert_refused(parse_many(BOOT_CONFIG_MAX_DOMAINS + 1), -E2BIG, "/chosen/d128",
		       "more than 128 domains");
}

Test(boot_config, no_id_left_to_assign)
{
	static char chosen[128 * 1024];
	size_t len = 0;

	for (unsigned int i = 0; i < BOOT_CONFIG_MAX_DOMAINS; i++) {
		len += (size_t)snprintf(chosen + len, sizeof(chosen) - len,
					"d%u { compatible = \"xen,domain\"; domid = <%u>; "
					"memory = <0x1000>; " KERNEL(0) " };\n",
					i, (i + 1) % BOOT_CONFIG_MAX_DOMAINS);
	}
	cr_assert_eq(parse_chosen(chosen), 0, "%s", cfg.error);
	cr_assert_eq(cfg.domain[0].id, 0);
	cr_assert_str_eq(cfg.domain[0].name, "d127");
}

Test(boot_config, refuses_broken_blobs)
{
	static uint8_t junk[4096];

	compile_chosen(DOM0, "");
	assert_refused(boot_config_parse(blob, blob_size - 8, &cfg), -EINVAL, "device tree",
		       "not a valid device tree");
	assert_refused(boot_config_parse(blob, 16, &cfg), -EINVAL, "device tree", "too small");
	memset(junk, 0x5a, sizeof(junk));
	assert_refused(boot_config_parse(junk, sizeof(junk), &cfg), -EINVAL, "device tree",
		       "not a valid device tree");
	/* A structure block cut short inside a node. */
	cr_assert_eq(boot_config_parse(blob, blob_size, &cfg), 0, "%s", cfg.error);
	fdt_set_size_dt_struct(blob, fdt_size_dt_struct(blob) - 8);
	assert_refused(boot_config_parse(blob, blob_size, &cfg), -EINVAL, "device tree",
		       "not a valid device tree");
}

Test(boot_config, a_tree_written_with_libfdt)
{
	static uint8_t tree[4096];

	cr_assert_eq(fdt_create(tree, sizeof(tree)), 0);
	cr_assert_eq(fdt_finish_reservemap(tree), 0);
	cr_assert_eq(fdt_begin_node(tree, ""), 0);
	cr_assert_eq(fdt_begin_node(tree, "chosen"), 0);
	cr_assert_eq(fdt_begin_node(tree, "dom0"), 0);
	cr_assert_eq(fdt_property_string(tree, "compatible", "xen,domain"), 0);
	cr_assert_eq(fdt_property_u32(tree, "domid", 0), 0);
	cr_assert_eq(fdt_property_u64(tree, "memory", 65536), 0);
	cr_assert_eq(fdt_property_u32(tree, "ringo,bvt-weight", 40), 0);
	cr_assert_eq(fdt_begin_node(tree, "kernel"), 0);
	cr_assert_eq(fdt_property_string(tree, "compatible", "multiboot,kernel"), 0);
	cr_assert_eq(fdt_property_u32(tree, "module-index", 0), 0);
	cr_assert_eq(fdt_property_string(tree, "bootargs", "quiet"), 0);
	cr_assert_eq(fdt_end_node(tree), 0);
	cr_assert_eq(fdt_end_node(tree), 0);
	cr_assert_eq(fdt_end_node(tree), 0);
	cr_assert_eq(fdt_end_node(tree), 0);
	cr_assert_eq(fdt_finish(tree), 0);

	cr_assert_eq(boot_config_parse(tree, sizeof(tree), &cfg), 0, "%s", cfg.error);
	cr_assert_eq(cfg.domain[0].memory_kib, 65536);
	cr_assert_eq(cfg.domain[0].bvt.weight, 40);
	cr_assert_str_eq(cfg.domain[0].kernel.bootargs, "quiet");
}
