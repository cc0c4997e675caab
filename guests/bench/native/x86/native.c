/*
 * native.c (x86): the native bench image: the same ring-3 loops as the PV bench image
 * (bench_user.S), on bare QEMU without Ringo, for the "native" column of `make bench`.
 *
 * A minimal ring-0 kernel: a flat GDT with ring-0 and ring-3 segments and a TSS (ring 0's
 * stack for traps from ring 3), an IDT whose 0x80 trap gate (DPL 3) and #PF interrupt gate
 * lead to the shared bench handlers and every other vector to a stop, and 32-bit paging
 * with 4 MiB pages mapping the first 64 MiB 1:1, user-accessible, and nothing else (the
 * page fault's target lies in the unmapped part). It prints the RINGO-BENCH lines on the
 * 16550 UART and ends as ringo-qemu expects a machine to: the shutdown line, then the
 * isa-debug-exit device.
 */
#include "bench.h"
#include "lib.h"

#define KERNEL_CS 0x08
#define KERNEL_DS 0x10
#define TSS_SELECTOR 0x28
#define GDT_ENTRIES 6
#define IDT_VECTORS 256
#define VECTOR_PF 14
#define VECTOR_SYSCALL 0x80
#define GATE_INTERRUPT_DPL0 0x8e
#define GATE_TRAP_DPL3 0xef

#define PDE_PRESENT 0x001
#define PDE_RW 0x002
#define PDE_USER 0x004
#define PDE_LARGE 0x080
#define LARGE_PAGE_SIZE 0x400000UL
#define MAPPED_LARGE_PAGES 16
#define UNMAPPED_VA 0x40000000UL
#define CR0_PG 0x80000000U
#define CR4_PSE 0x10U

#define COM1 0x3f8
#define UART_LINE_STATUS 5
#define LSR_THR_EMPTY 0x20
#define DEBUG_EXIT_PORT 0xf4
#define DEBUG_EXIT_POWEROFF 0x10

struct tss {
	uint32_t link;
	uint32_t esp0;
	uint32_t ss0;
	uint32_t unused[22];
	uint16_t trap;
	uint16_t iomap_base;
};

struct table_pointer {
	uint16_t limit;
	uint32_t base;
} __attribute__((packed));

void native_cpu_init(void);
noreturn void native_main(void);
noreturn void native_trap_stop(void);
long native_user_run(long (*fn)(long), long arg);
long bench_x86_empty(long iterations);
long bench_x86_int80_loop(long iterations);
long bench_x86_fault_loop(long iterations);
extern char bench_x86_int80_entry[];
extern char bench_x86_fault_entry[];
extern char native_unexpected_trap[];
extern char interrupt_stack_top[];
extern unsigned long bench_x86_fault_va;

static alignas(8) uint64_t gdt[GDT_ENTRIES];
static alignas(8) uint64_t idt[IDT_VECTORS];
static struct tss tss;
static alignas(4096) uint32_t page_directory[1024];

static uint64_t segment(uint32_t base, uint32_t limit, uint8_t access, uint8_t flags)
{
	return (uint64_t)(limit & 0xffff) | (uint64_t)(base & 0xffffff) << 16 |
	       (uint64_t)access << 40 | (uint64_t)((limit >> 16) & 0xf) << 48 |
	       (uint64_t)(flags & 0xf) << 52 | (uint64_t)(base >> 24) << 56;
}

static uint64_t gate(void *handler, uint8_t type)
{
	uint32_t address = (uint32_t)(uintptr_t)handler;

	return (uint64_t)(address & 0xffff) | (uint64_t)KERNEL_CS << 16 | (uint64_t)type << 40 |
	       (uint64_t)(address >> 16) << 48;
}

static void gdt_load(void)
{
	struct table_pointer pointer = {sizeof(gdt) - 1, (uint32_t)(uintptr_t)gdt};

	gdt[1] = segment(0, 0xfffff, 0x9a, 0xc); /* ring-0 code */
	gdt[2] = segment(0, 0xfffff, 0x92, 0xc); /* ring-0 data */
	gdt[3] = segment(0, 0xfffff, 0xfa, 0xc); /* ring-3 code */
	gdt[4] = segment(0, 0xfffff, 0xf2, 0xc); /* ring-3 data */
	tss = (struct tss){.esp0 = (uint32_t)(uintptr_t)interrupt_stack_top,
			   .ss0 = KERNEL_DS,
			   .iomap_base = sizeof(tss)};
	gdt[5] = segment((uint32_t)(uintptr_t)&tss, sizeof(tss) - 1, 0x89, 0);
	__asm__ volatile("lgdt %0" : : "m"(pointer));
}

static void idt_load(void)
{
	struct table_pointer pointer = {sizeof(idt) - 1, (uint32_t)(uintptr_t)idt};

	for (unsigned int vector = 0; vector < IDT_VECTORS; vector++) {
		idt[vector] = gate(native_unexpected_trap, GATE_INTERRUPT_DPL0);
	}
	idt[VECTOR_PF] = gate(bench_x86_fault_entry, GATE_INTERRUPT_DPL0);
	idt[VECTOR_SYSCALL] = gate(bench_x86_int80_entry, GATE_TRAP_DPL3);
	__asm__ volatile("lidt %0" : : "m"(pointer));
}

static void paging_enable(void)
{
	uint32_t cr;

	for (unsigned int i = 0; i < MAPPED_LARGE_PAGES; i++) {
		page_directory[i] =
		    i * LARGE_PAGE_SIZE | PDE_PRESENT | PDE_RW | PDE_USER | PDE_LARGE;
	}
	__asm__ volatile("mov %%cr4, %0" : "=r"(cr));
	__asm__ volatile("mov %0, %%cr4" : : "r"(cr | CR4_PSE));
	__asm__ volatile("mov %0, %%cr3" : : "r"(page_directory));
	__asm__ volatile("mov %%cr0, %0" : "=r"(cr));
	__asm__ volatile("mov %0, %%cr0" : : "r"(cr | CR0_PG) : "memory");
}

void native_cpu_init(void)
{
	gdt_load();
	idt_load();
	__asm__ volatile("ltr %w0" : : "r"(TSS_SELECTOR));
	paging_enable();
}

static inline void outb(uint16_t port, uint8_t value)
{
	__asm__ volatile("outb %0, %1" : : "a"(value), "Nd"(port));
}

static inline uint8_t inb(uint16_t port)
{
	uint8_t value;

	__asm__ volatile("inb %1, %0" : "=a"(value) : "Nd"(port));
	return value;
}

static void uart_puts(const char *text)
{
	for (; *text; text++) {
		while (!(inb(COM1 + UART_LINE_STATUS) & LSR_THR_EMPTY)) {
		}
		outb(COM1, (uint8_t)*text);
	}
}

static noreturn void poweroff(void)
{
	uart_puts("ringo: shutdown: poweroff\n");
	outb(DEBUG_EXIT_PORT, DEBUG_EXIT_POWEROFF);
	for (;;) {
		__asm__ volatile("cli; hlt");
	}
}

noreturn void native_trap_stop(void)
{
	uart_puts("RINGO-BENCH: native failed an unexpected exception\n");
	poweroff();
}

/* As bench_run: both loops in ring 3, warm-up passes first. */
static void measure(const char *name, bench_loop_t loop)
{
	char line[128];
	uint64_t loop_ticks;
	uint64_t empty_ticks;

	native_user_run(loop, 1);
	native_user_run(bench_x86_empty, 1);
	loop_ticks = (unsigned long)native_user_run(loop, BENCH_ITERATIONS);
	empty_ticks = (unsigned long)native_user_run(bench_x86_empty, BENCH_ITERATIONS);
	bench_format(line, sizeof(line), name, loop_ticks, empty_ticks, BENCH_ITERATIONS);
	uart_puts(line);
}

noreturn void native_main(void)
{
	bench_x86_fault_va = UNMAPPED_VA;
	measure("int80_round_trip", bench_x86_int80_loop);
	measure("user_fault_round_trip", bench_x86_fault_loop);
	uart_puts("RINGO-BENCH: done 0 -\n");
	poweroff();
}
