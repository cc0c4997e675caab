/*
 * fdt.c: reading the device tree U-Boot hands over (x0 at entry), with Debian's libfdt.
 *
 * Everything the backend and the core need from the board comes from here: RAM (memory
 * nodes), ranges not to hand out (the reserve map and /reserved-memory), the boot modules
 * (/chosen/module@... nodes, Xen's "multiboot,kernel" / "multiboot,module" binding, each
 * with `reg` in /chosen's cells and its command line in `bootargs`), the hypervisor's
 * command line (/chosen xen,xen-bootargs, else bootargs), the boot configuration (the
 * tree itself, when /chosen holds "xen,domain" nodes: core/boot_config.c reads them), the
 * PL011, the GICv3, the generic timer and the PL031. It runs with the MMU off: libfdt reads the
 * blob's structure with aligned accesses, and cell values are read here one 32-bit cell at a time.
 * (libfdt is not built -mgeneral-regs-only, but the read-only functions used here touch no FP/SIMD
 * register, which matters because CPTR_EL2.TFP traps them at EL2 too.) Addresses in `reg` are taken
 * as CPU addresses: on QEMU virt every device node sits at the root, with no `ranges` translation
 * in between.
 */
#include <libfdt.h>

#include "console.h"
#include "lib.h"
#include "plat/platform.h"

static uint64_t read_cells(const fdt32_t *cells, int count)
{
	uint64_t value = 0;

	for (int i = 0; i < count; i++) {
		value = (value << 32) | fdt32_ld(&cells[i]);
	}
	return value;
}

/* Entry index of node's `reg`, decoded with its parent's #address-cells/#size-cells. */
static int read_reg(const void *fdt, int node, int index, uint64_t *addr, uint64_t *size)
{
	int parent = fdt_parent_offset(fdt, node);
	int address_cells = parent < 0 ? parent : fdt_address_cells(fdt, parent);
	int size_cells = parent < 0 ? parent : fdt_size_cells(fdt, parent);
	const fdt32_t *reg;
	int len;

	if (address_cells < 1 || address_cells > 2 || size_cells < 0 || size_cells > 2) {
		return -FDT_ERR_BADNCELLS;
	}
	reg = fdt_getprop(fdt, node, "reg", &len);
	if (!reg) {
		return len;
	}
	if ((index + 1) * (address_cells + size_cells) * (int)sizeof(fdt32_t) > len) {
		return -FDT_ERR_NOTFOUND;
	}
	reg += index * (address_cells + size_cells);
	*addr = read_cells(reg, address_cells);
	*size = read_cells(reg + address_cells, size_cells);
	return 0;
}

/* A string property terminated within its value, or NULL. */
static const char *read_string(const void *fdt, int node, const char *name)
{
	int len;
	const char *value = fdt_getprop(fdt, node, name, &len);

	if (!value || len < 1 || value[len - 1] != '\0') {
		return NULL;
	}
	return value;
}

static bool node_enabled(const void *fdt, int node)
{
	const char *status = read_string(fdt, node, "status");

	return !status || !strcmp(status, "okay") || !strcmp(status, "ok");
}

static int find_enabled_compatible(const void *fdt, const char *compatible)
{
	int node = fdt_node_offset_by_compatible(fdt, -1, compatible);

	while (node >= 0 && !node_enabled(fdt, node)) {
		node = fdt_node_offset_by_compatible(fdt, node, compatible);
	}
	return node;
}

static void read_mmio(const void *fdt, int node, int index, struct mmio_range *range)
{
	uint64_t addr;
	uint64_t size;

	if (node >= 0 && read_reg(fdt, node, index, &addr, &size) == 0) {
		*range = (struct mmio_range){maddr(addr), size};
	}
}

/* The node /chosen's stdout-path names ("path[:options]" or an alias), or an error. */
static int stdout_node(const void *fdt)
{
	int chosen = fdt_path_offset(fdt, "/chosen");
	const char *path = chosen < 0 ? NULL : read_string(fdt, chosen, "stdout-path");
	const char *colon;
	int len;

	if (!path) {
		return -FDT_ERR_NOTFOUND;
	}
	colon = strchr(path, ':');
	len = colon ? (int)(colon - path) : (int)strlen(path);
	if (path[0] != '/') {
		path = fdt_get_alias_namelen(fdt, path, len);
		if (!path) {
			return -FDT_ERR_NOTFOUND;
		}
		len = (int)strlen(path);
	}
	return fdt_path_offset_namelen(fdt, path, len);
}

static void read_uart(const void *fdt, struct platform_info *platform)
{
	int node = stdout_node(fdt);

	if (node < 0 || fdt_node_check_compatible(fdt, node, "arm,pl011") != 0) {
		node = find_enabled_compatible(fdt, "arm,pl011");
	}
	read_mmio(fdt, node, 0, &platform->uart);
}

/* interrupts = <type number flags> x4: secure, non-secure, virtual, hypervisor timer. */
static void read_timer(const void *fdt, struct platform_info *platform)
{
	int node = find_enabled_compatible(fdt, "arm,armv8-timer");
	const fdt32_t *irqs;
	int len;

	if (node < 0) {
		return;
	}
	platform->has_timer = true;
	irqs = fdt_getprop(fdt, node, "interrupts", &len);
	if (irqs && len >= 12 * (int)sizeof(fdt32_t)) {
		platform->timer_ppi_virt = fdt32_ld(&irqs[2 * 3 + 1]);
		platform->timer_ppi_hyp = fdt32_ld(&irqs[3 * 3 + 1]);
	}
}

static void read_psci(const void *fdt, struct platform_info *platform)
{
	int node = fdt_path_offset(fdt, "/psci");
	const char *method = node < 0 ? NULL : read_string(fdt, node, "method");

	platform->psci_hvc = method && !strcmp(method, "hvc");
}

int fdt_read_platform(const void *fdt, struct platform_info *platform)
{
	int rc = fdt_check_header(fdt);
	int gic;

	if (rc) {
		return rc;
	}
	*platform = (struct platform_info){
	    .fdt = maddr((uintptr_t)fdt),
	    .fdt_size = fdt_totalsize(fdt),
	};
	read_uart(fdt, platform);
	gic = find_enabled_compatible(fdt, "arm,gic-v3");
	read_mmio(fdt, gic, 0, &platform->gicd);
	read_mmio(fdt, gic, 1, &platform->gicr);
	read_mmio(fdt, find_enabled_compatible(fdt, "arm,pl031"), 0, &platform->rtc);
	read_timer(fdt, platform);
	read_psci(fdt, platform);
	return 0;
}

static void read_memory(const void *fdt, struct boot_info *info)
{
	int node = fdt_node_offset_by_prop_value(fdt, -1, "device_type", "memory", 7);
	uint64_t addr;
	uint64_t size;

	for (; node >= 0;
	     node = fdt_node_offset_by_prop_value(fdt, node, "device_type", "memory", 7)) {
		if (!node_enabled(fdt, node)) {
			continue;
		}
		for (int i = 0; read_reg(fdt, node, i, &addr, &size) == 0; i++) {
			if (!bootinfo_add_ram(info, maddr(addr), size) && size) {
				printk("ringo: too many RAM ranges, ignoring 0x%lx+0x%lx\n",
				       (unsigned long)addr, (unsigned long)size);
			}
		}
	}
}

static void add_reserved(struct boot_info *info, uint64_t addr, uint64_t size)
{
	if (!bootinfo_add_reserved(info, maddr(addr), size) && size) {
		/* Handing out memory the firmware still uses would be worse than stopping. */
		printk("ringo: too many reserved ranges at 0x%lx\n", (unsigned long)addr);
	}
}

static void read_reserved(const void *fdt, struct boot_info *info)
{
	int count = fdt_num_mem_rsv(fdt);
	int parent = fdt_path_offset(fdt, "/reserved-memory");
	uint64_t addr;
	uint64_t size;
	int node;

	for (int i = 0; i < count; i++) {
		if (fdt_get_mem_rsv(fdt, i, &addr, &size) == 0) {
			add_reserved(info, addr, size);
		}
	}
	if (parent < 0) {
		return;
	}
	fdt_for_each_subnode(node, fdt, parent)
	{
		for (int i = 0; read_reg(fdt, node, i, &addr, &size) == 0; i++) {
			add_reserved(info, addr, size);
		}
	}
}

static void add_module(const void *fdt, int node, struct boot_info *info)
{
	const char *args = read_string(fdt, node, "bootargs");
	uint64_t addr;
	uint64_t size;

	if (read_reg(fdt, node, 0, &addr, &size) != 0 || size == 0) {
		printk("ringo: /chosen/%s has no usable reg, skipped\n",
		       fdt_get_name(fdt, node, NULL));
		return;
	}
	if (!bootinfo_add_module(info, maddr(addr), size, args)) {
		printk("ringo: too many boot modules, /chosen/%s skipped\n",
		       fdt_get_name(fdt, node, NULL));
	}
}

/* Domain 0's kernel ("multiboot,kernel") first, then the other modules in tree order. */
static void read_modules(const void *fdt, int chosen, struct boot_info *info)
{
	int kernel = -FDT_ERR_NOTFOUND;
	int node;

	fdt_for_each_subnode(node, fdt, chosen)
	{
		if (fdt_node_check_compatible(fdt, node, "multiboot,kernel") == 0) {
			kernel = node;
			add_module(fdt, node, info);
			break;
		}
	}
	fdt_for_each_subnode(node, fdt, chosen)
	{
		if (node != kernel &&
		    fdt_node_check_compatible(fdt, node, "multiboot,module") == 0) {
			add_module(fdt, node, info);
		}
	}
}

/* The tree is the boot configuration when /chosen has a domain node (Xen's dom0less). */
static void read_config(const void *fdt, int chosen, struct boot_info *info)
{
	int node;

	fdt_for_each_subnode(node, fdt, chosen)
	{
		if (fdt_node_check_compatible(fdt, node, "xen,domain") == 0) {
			info->config = fdt;
			info->config_size = fdt_totalsize(fdt);
			return;
		}
	}
}

int fdt_read_boot_info(const void *fdt, struct boot_info *info)
{
	int chosen = fdt_path_offset(fdt, "/chosen");
	const char *cmdline = NULL;

	read_memory(fdt, info);
	read_reserved(fdt, info);
	if (chosen < 0) {
		return chosen == -FDT_ERR_NOTFOUND ? 0 : chosen;
	}
	cmdline = read_string(fdt, chosen, "xen,xen-bootargs");
	if (!cmdline) {
		cmdline = read_string(fdt, chosen, "bootargs");
	}
	strlcpy(info->cmdline, cmdline ? cmdline : "", sizeof(info->cmdline));
	read_modules(fdt, chosen, info);
	read_config(fdt, chosen, info);
	return 0;
}
