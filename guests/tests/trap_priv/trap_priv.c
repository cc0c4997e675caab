/*
 * trap_priv.c: x86 negative tests: what a ring-1 guest kernel must not be able to do.
 *
 * Each test announces the crash it expects, then tries one thing that is reserved to the
 * hypervisor: a privileged instruction, an I/O port, a software interrupt nobody
 * registered, or a touch of the hypervisor's memory (which the guest's page tables map
 * only in part, and read-only). The guest has no trap table, so the
 * hypervisor must crash this domain alone, naming the fault, and as it is domain 0 the
 * machine stops with status crash. Reaching the line after the attempt is a failure.
 */
#include "test.h"

/* A directmap address: the hypervisor's own image, mapped in every guest's tables. */
#define HYPERVISOR_IMAGE_VA 0xF6900000UL

struct descriptor_pointer {
	uint16_t limit;
	uint32_t base;
} __attribute__((packed));

static void survived(const char *what)
{
	test_fail(__FILE__, __LINE__, "%s in ring 1 did not trap", what);
}

TEST(trap_priv_lgdt)
{
	static const struct descriptor_pointer gdt = {0, 0};

	test_expect_crash();
	__asm__ volatile("lgdt %0" : : "m"(gdt));
	survived("lgdt");
}

TEST(trap_priv_lidt)
{
	static const struct descriptor_pointer idt = {0, 0};

	test_expect_crash();
	__asm__ volatile("lidt %0" : : "m"(idt));
	survived("lidt");
}

TEST(trap_priv_hlt)
{
	test_expect_crash();
	__asm__ volatile("hlt");
	survived("hlt");
}

TEST(trap_priv_cr3_write)
{
	test_expect_crash();
	__asm__ volatile("mov %0, %%cr3" : : "r"(0UL) : "memory");
	survived("mov to %cr3");
}

TEST(trap_priv_cr4_write)
{
	/* Reading cr0/cr2/cr3 is emulated for a PV kernel; writing cr4 never is. */
	test_expect_crash();
	__asm__ volatile("mov %0, %%cr4" : : "r"(0UL) : "memory");
	survived("mov to %cr4");
}

TEST(trap_priv_cli)
{
	test_expect_crash();
	__asm__ volatile("cli");
	survived("cli");
}

TEST(trap_priv_out)
{
	test_expect_crash();
	__asm__ volatile("outb %%al, $0x80" : : "a"(0));
	survived("out");
}

TEST(trap_priv_in)
{
	uint8_t value;

	/* The hypervisor's own UART. */
	test_expect_crash();
	__asm__ volatile("inb %%dx, %%al" : "=a"(value) : "d"(0x3fd));
	survived("in");
}

TEST(trap_priv_wrmsr)
{
	test_expect_crash();
	__asm__ volatile("wrmsr" : : "c"(0x10), "a"(0), "d"(0));
	survived("wrmsr");
}

TEST(trap_priv_int80)
{
	/* No trap table, so vector 0x80 has no guest handler and a DPL-0 gate. */
	test_expect_crash();
	__asm__ volatile("int $0x80");
	survived("int $0x80");
}

TEST(trap_hypervisor_read)
{
	test_expect_crash();
	(void)*(volatile uint32_t *)HYPERVISOR_IMAGE_VA;
	survived("a read of the hypervisor's memory");
}

TEST(trap_hypervisor_write)
{
	test_expect_crash();
	*(volatile uint32_t *)HYPERVISOR_IMAGE_VA = 0;
	survived("a write to the hypervisor's memory");
}

TEST(trap_page_table_write)
{
	/* The bootstrap page tables are mapped read-only: changes go through the hypervisor. */
	test_expect_crash();
	*(volatile uint64_t *)start_info->pt_base = 0;
	survived("a write to a page-table page");
}

TEST(trap_unmapped_read)
{
	test_expect_crash();
	(void)*(volatile uint32_t *)guest_arch_unmapped_va;
	survived("a read of an unmapped page");
}

/* The IDT and GDT are mapped for the CPU's sake, read-only: sidt and sgdt find them. */
TEST(trap_idt_write)
{
	struct descriptor_pointer idt;

	__asm__ volatile("sidt %0" : "=m"(idt));
	test_expect_crash();
	*(volatile uint32_t *)(uintptr_t)idt.base = 0;
	survived("a write to the IDT");
}

TEST(trap_gdt_write)
{
	struct descriptor_pointer gdt;

	__asm__ volatile("sgdt %0" : "=m"(gdt));
	test_expect_crash();
	*(volatile uint32_t *)(uintptr_t)gdt.base = 0;
	survived("a write to the GDT");
}
