/*
 * boot.c: the ARM64 boot recipe, from head.S to core_start().
 *
 * Runs at EL2 with the MMU off: read the device tree (console first, so every later
 * problem is reported), set the EL2 controls, build the identity map and turn the MMU on,
 * reserve what must survive (the hypervisor image and the device tree; the modules are
 * reserved as they are added), hand the interrupt controller, timer and RTC to the
 * interrupt code (the core's arch_time_init brings them up), then hand over to the
 * portable core.
 */
#include "bootinfo.h"
#include "check.h"
#include "console.h"
#include "arch/mm.h"
#include "plat/boot.h"
#include "plat/irq.h"
#include "plat/mmu.h"
#include "plat/pl011.h"
#include "plat/platform.h"
#include "plat/psci.h"

static struct boot_info boot_info;
static struct platform_info platform;

static void read_device_tree(const void *fdt)
{
	int rc = fdt_read_platform(fdt, &platform);

	if (rc) {
		panic("no valid device tree at %p (libfdt error %d)", fdt, rc);
	}
	pl011_init(platform.uart.base);
	rc = fdt_read_boot_info(fdt, &boot_info);
	if (rc) {
		panic("cannot read the device tree (libfdt error %d)", rc);
	}
}

static void reserve_boot_data(void)
{
	bool ok =
	    bootinfo_add_reserved(&boot_info, maddr((uintptr_t)_start), (uint64_t)(_end - _start));

	ok = bootinfo_add_reserved(&boot_info, platform.fdt, platform.fdt_size) && ok;
	if (!ok) {
		panic("too many reserved ranges to protect the hypervisor and device tree");
	}
}

static void report_platform(void)
{
	for (unsigned int i = 0; i < boot_info.ram_count; i++) {
		printk(
		    "ringo: arm64: RAM 0x%lx-0x%lx\n",
		    (unsigned long)maddr_value(boot_info.ram[i].start),
		    (unsigned long)(maddr_value(boot_info.ram[i].start) + boot_info.ram[i].size));
	}
	printk("ringo: arm64: hypervisor 0x%lx-0x%lx, device tree 0x%lx, %u module(s)\n",
	       (unsigned long)(uintptr_t)_start, (unsigned long)(uintptr_t)_end,
	       (unsigned long)maddr_value(platform.fdt), boot_info.module_count);
	printk("ringo: arm64: PL011 0x%lx, GICv3 dist 0x%lx redist 0x%lx, timer PPIs virt %u "
	       "hyp %u, PL031 0x%lx\n",
	       (unsigned long)maddr_value(platform.uart.base),
	       (unsigned long)maddr_value(platform.gicd.base),
	       (unsigned long)maddr_value(platform.gicr.base), platform.timer_ppi_virt,
	       platform.timer_ppi_hyp, (unsigned long)maddr_value(platform.rtc.base));
	if (boot_info.config) {
		printk(
		    "ringo: arm64: boot configuration: the device tree's /chosen domain nodes\n");
	}
}

noreturn void arch_boot(uint64_t fdt_address)
{
	stack_protector_init();
	read_device_tree((const void *)(uintptr_t)fdt_address);
	el2_init();
	mmu_init(&boot_info, &platform);
	reserve_boot_data();
	report_platform();
	irq_platform_set(&platform);
	core_start(&boot_info);
}

noreturn void arch_boot_wrong_el(uint64_t fdt_address, uint64_t current_el)
{
	stack_protector_init();
	if (fdt_read_platform((const void *)(uintptr_t)fdt_address, &platform) == 0) {
		pl011_init(platform.uart.base);
	}
	printk("ringo: panic: entered at EL%lu, but Ringo runs at EL2: boot it at EL2 (QEMU: "
	       "-machine virt,virtualization=on)\n",
	       (unsigned long)current_el);
	printk("ringo: shutdown: panic\n");
	pl011_flush();
	/* Whatever firmware lies below answers PSCI on the conduit the device tree names. */
	if (platform.psci_hvc) {
		psci_call_hvc(PSCI_SYSTEM_RESET, 0, 0, 0);
	} else {
		psci_call(PSCI_SYSTEM_RESET, 0, 0, 0);
	}
	for (;;) {
		__asm__ volatile("wfi");
	}
}
