/*
 * init.c: the portable boot recipe.
 *
 * The arch brings up its CPU, MMU and console, describes memory and modules in a
 * struct boot_info, and calls core_start(). From there: banner, frame allocator, frame
 * table, M2P table, domain 0 built from the first module, scheduler. Hypervisor options (command
 * line): dom0_mem=SIZE   memory of domain 0 (default 16M)
 */
#include "arch/config.h"
#include "arch/mm.h"
#include "bootinfo.h"
#include "check.h"
#include "console.h"
#include "domain_build.h"
#include "frame_alloc.h"
#include "frame_table.h"
#include "lib.h"
#include "m2p.h"
#include "public/xen.h"
#include "sched.h"

#define DOM0_MEM_DEFAULT (16UL << 20)

static char hypervisor_cmdline[BOOT_CMDLINE_MAX];

const char *core_cmdline(void)
{
	return hypervisor_cmdline;
}

static uint64_t dom0_pages(void)
{
	char value[32];
	uint64_t bytes = DOM0_MEM_DEFAULT;

	if (cmdline_get(hypervisor_cmdline, "dom0_mem", value, sizeof(value)) &&
	    !parse_size(value, &bytes)) {
		printk("ringo: bad dom0_mem=%s, using the default\n", value);
		bytes = DOM0_MEM_DEFAULT;
	}
	return bytes >> PAGE_SHIFT;
}

static void build_dom0(const struct boot_info *info)
{
	const struct boot_module *kernel = &info->modules[0];
	struct domain *dom0;
	int rc;

	if (info->module_count == 0) {
		panic("no domain 0 kernel: boot with at least one module");
	}
	if (maddr_value(kernel->start) + kernel->size > maddr_value(arch_mm_directmap_end())) {
		panic("domain 0 kernel module lies outside the hypervisor's reach");
	}
	dom0 = domain_create(0, true);
	CHECK(dom0);
	rc = domain_build(dom0, arch_mm_maddr_to_virt(kernel->start), (size_t)kernel->size,
			  dom0_pages(), kernel->cmdline, SIF_PRIVILEGED | SIF_INITDOMAIN);
	if (rc) {
		panic("cannot build domain 0 (error %d)", rc);
	}
	printk("ringo: d0: %lu KiB, command line \"%s\"\n",
	       (unsigned long)(dom0->nr_pages * (PAGE_SIZE / 1024)), kernel->cmdline);
	sched_add_vcpu(&dom0->vcpu[0]);
}

noreturn void core_start(struct boot_info *info)
{
	strlcpy(hypervisor_cmdline, info->cmdline, sizeof(hypervisor_cmdline));
	printk("Ringo hypervisor (%s), a paravirtualizing hypervisor after Xen\n", ARCH_NAME);
	frame_alloc_init(info);
	frame_table_init();
	m2p_init();
	printk("ringo: %lu KiB of RAM free for domains\n",
	       (unsigned long)(frame_free_count() * (PAGE_SIZE / 1024)));
	build_dom0(info);
	sched_resume();
}
