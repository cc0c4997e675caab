/*
 * init.c: the portable boot recipe.
 *
 * The arch brings up its CPU, MMU and console, describes memory and modules in a
 * struct boot_info, and calls core_start(). From there: banner, frame allocator, frame
 * table, M2P table, the clock and the scheduler, then the domains: every domain of the boot
 * configuration (boot_config.h) when there is one, else domain 0 from the first module.
 * A configured domain's kernel is a boot module named by index, or by the machine range
 * it lies in; its command line is the node's bootargs, a space, the module's own. A
 * configuration that does not parse, or a domain 0 that cannot be built, panics; another
 * domain that cannot be built is reported and skipped. Hypervisor options (command line):
 * dom0_mem=SIZE   memory of domain 0 without a configuration (default 16M)
 */
#include "arch/config.h"
#include "arch/mm.h"
#include "arch/time.h"
#include "boot_config.h"
#include "bootinfo.h"
#include "check.h"
#include "console.h"
#include "domain_build.h"
#include "frame_alloc.h"
#include "frame_table.h"
#include "lib.h"
#include "m2p.h"
#include "public/errno.h"
#include "public/xen.h"
#include "sched.h"
#include "time.h"

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

/* The boot module holding [start, start + size), or NULL. */
static const struct boot_module *module_holding(const struct boot_info *info, uint64_t start,
						uint64_t size)
{
	for (unsigned int i = 0; i < info->module_count; i++) {
		const struct boot_module *m = &info->modules[i];
		uint64_t m_start = maddr_value(m->start);

		if (start >= m_start && size <= m->size && start - m_start <= m->size - size) {
			return m;
		}
	}
	return NULL;
}

struct kernel_source {
	const void *image;
	size_t size;
	const char *module_cmdline;
};

static int find_kernel(const struct boot_info *info, const struct boot_config_module *k,
		       struct kernel_source *out)
{
	const struct boot_module *m;
	uint64_t start, size;

	if (k->by_index) {
		if (k->index >= info->module_count) {
			printk("ringo: no boot module %u\n", k->index);
			return -ENOENT;
		}
		m = &info->modules[k->index];
		start = maddr_value(m->start);
		size = m->size;
	} else {
		m = module_holding(info, k->start, k->size);
		if (!m) {
			printk("ringo: kernel at 0x%llx (%llu bytes) lies in no boot module\n",
			       (unsigned long long)k->start, (unsigned long long)k->size);
			return -EINVAL;
		}
		start = k->start;
		size = k->size;
	}
	if (start + size > maddr_value(arch_mm_directmap_end())) {
		printk("ringo: kernel module lies outside the hypervisor's reach\n");
		return -EINVAL;
	}
	out->image = arch_mm_maddr_to_virt(maddr(start));
	out->size = (size_t)size;
	out->module_cmdline = m->cmdline;
	return 0;
}

/* bootargs, a space, the module's command line; the space only between two parts. */
static void join_cmdline(char *out, size_t len, const char *bootargs, const char *module)
{
	strlcpy(out, bootargs, len);
	if (bootargs[0] && module[0]) {
		strlcpy(out + strlen(out), " ", len - strlen(out));
	}
	strlcpy(out + strlen(out), module, len - strlen(out));
}

static int build_configured(const struct boot_info *info, const struct boot_config_domain *c)
{
	char cmdline[BOOT_CMDLINE_MAX];
	struct kernel_source kernel;
	struct domain *d;
	int rc;

	rc = find_kernel(info, &c->kernel, &kernel);
	if (rc) {
		return rc;
	}
	join_cmdline(cmdline, sizeof(cmdline), c->kernel.bootargs, kernel.module_cmdline);
	d = domain_create(c->id, c->privileged);
	if (!d) {
		return -ENOMEM;
	}
	rc = bvt_vcpu_set_params(&d->vcpu[0].bvt, &c->bvt);
	if (rc == 0) {
		rc = domain_build(d, kernel.image, kernel.size, c->memory_kib / (PAGE_SIZE / 1024),
				  cmdline, c->privileged ? SIF_PRIVILEGED | SIF_INITDOMAIN : 0);
	}
	if (rc) {
		domain_discard(d);
		return rc;
	}
	printk("ringo: d%u: %lu KiB, weight %u, warp %lu us, command line \"%s\"\n", d->id,
	       (unsigned long)(d->nr_pages * (PAGE_SIZE / 1024)), c->bvt.weight,
	       (unsigned long)(c->bvt.warp_ns / 1000), cmdline);
	sched_add_vcpu(&d->vcpu[0]);
	return 0;
}

static void build_from_config(const struct boot_info *info)
{
	static struct boot_config config;
	int rc;

	rc = boot_config_parse(info->config, (size_t)info->config_size, &config);
	if (rc) {
		panic("boot configuration: %s", config.error);
	}
	for (unsigned int i = 0; i < config.domain_count; i++) {
		const struct boot_config_domain *c = &config.domain[i];

		rc = build_configured(info, c);
		if (rc && c->id == 0) {
			panic("cannot build domain 0 (error %d)", rc);
		}
		if (rc) {
			printk("ringo: d%u (%s): cannot be built (error %d), skipped\n", c->id,
			       c->name, rc);
		}
	}
}

noreturn void core_start(struct boot_info *info)
{
	strlcpy(hypervisor_cmdline, info->cmdline, sizeof(hypervisor_cmdline));
	printk("Ringo hypervisor (%s), a paravirtualizing hypervisor after Xen\n", ARCH_NAME);
	frame_alloc_init(info);
	frame_table_init();
	m2p_init();
	arch_time_init();
	time_init();
	sched_init();
	printk("ringo: %lu KiB of RAM free for domains\n",
	       (unsigned long)(frame_free_count() * (PAGE_SIZE / 1024)));
	if (info->config) {
		build_from_config(info);
	} else {
		build_dom0(info);
	}
	sched_resume();
}
