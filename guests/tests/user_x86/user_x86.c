/*
 * user_x86.c: ring 3 under a ring-1 PV kernel (ABI.md section 5, the paper's fast path).
 *
 * The kernel (the test) runs a program in ring 3 through the library's user runner: in
 * by the iret hypercall, back by `int $0x80` (the direct gate) or by an exception the
 * hypervisor bounces to the kernel's handler on the stack_switch stack. The tests check
 * that system calls never enter the hypervisor, and that every fault arrives with the
 * right vector, error code, address and EIP, and can be resumed.
 */
#include "lib.h"
#include "test.h"
#include "user.h"
#include "x86/hypercalls.h"
#include "x86/traps.h"

#define UNMAPPED_VA 0x00001000UL
#define I440FX_ID 0x12378086

uint32_t user_read(uint32_t address);
uint32_t user_write(uint32_t address);
void user_cli(void);
void user_int82(void);
long user_ud2(long value);
void user_divide(void);
uint32_t user_pci_id(void);
extern char user_read_site[], user_write_site[], user_cli_site[], user_int82_site[];
extern char user_ud2_site[], user_divide_site[];

static long add_calls(long count)
{
	long sum = 0;

	for (long i = 0; i < count; i++) {
		sum += user_syscall(USER_SYS_add, i, 1, 0);
	}
	return sum;
}

TEST(user_syscall_no_hypervisor_entry)
{
	struct user_result few, many;
	long before, middle, after;

	user_run(add_calls, 0, &few); /* sets up the trap table and the user stack */
	before = ringo_hypervisor_entries();
	user_run(add_calls, 1, &few);
	middle = ringo_hypervisor_entries();
	user_run(add_calls, 500, &many);
	after = ringo_hypervisor_entries();
	EXPECT_EQ(few.value, 1);
	EXPECT_EQ(many.value, 500 * 501 / 2);
	EXPECT_EQ(many.syscalls, 501); /* 500 adds and the exit */
	/* 499 more system calls, not one more entry: only the iret in and the counter. */
	EXPECT_EQ(after - middle, middle - before);
	EXPECT_EQ(after - middle, 2);
}

static long via_hypervisor_calls(long count)
{
	return add_calls(count);
}

TEST(user_syscall_masking_gate_goes_through_hypervisor)
{
	struct trap_info slow[2] = {
	    {.vector = TRAP_SYSCALL,
	     .flags = 3 | TI_MASK_EVENTS,
	     .cs = FLAT_RING1_CS,
	     .address = (unsigned long)trap_syscall_entry},
	    {0},
	};
	struct user_result result;
	long before;

	/* An entry that masks events cannot be a hardware gate: each call is bounced. */
	traps_init();
	EXPECT_EQ(HYPERVISOR_set_trap_table(slow), 0);
	before = ringo_hypervisor_entries();
	user_run(via_hypervisor_calls, 50, &result);
	EXPECT_EQ(result.value, 50 * 51 / 2);
	EXPECT_TRUE(ringo_hypervisor_entries() - before >= 51);
}

static long syscall_services(long unused)
{
	static const char line[] = "hello from ring 3\n";
	long count;

	(void)unused;
	if (user_syscall(USER_SYS_write, (long)line, sizeof(line) - 1, 0) != 0) {
		return -1;
	}
	count = user_syscall(USER_SYS_count, 0, 0, 0);
	return user_syscall(USER_SYS_add, count, 1000, 0);
}

TEST(user_syscall_services)
{
	struct user_result result;

	user_run(syscall_services, 0, &result);
	EXPECT_TRUE(!result.faulted);
	EXPECT_TRUE(result.value > 1000);
	EXPECT_EQ(result.syscalls, 4);
}

static long read_unmapped(long unused)
{
	(void)unused;
	return (long)user_read(UNMAPPED_VA + 0x24);
}

TEST(user_pf_not_present)
{
	struct user_result result;

	user_run(read_unmapped, 0, &result);
	EXPECT_TRUE(result.faulted);
	EXPECT_EQ(result.vector, TRAP_PF);
	EXPECT_EQ(result.error_code, PF_USER);
	EXPECT_EQ(result.fault_address, UNMAPPED_VA + 0x24);
	EXPECT_EQ(result.pc, (unsigned long)user_read_site);
}

static long write_page_table(long unused)
{
	(void)unused;
	return (long)user_write((uint32_t)start_info->pt_base + 8);
}

TEST(user_pf_read_only)
{
	struct user_result result;

	user_run(write_page_table, 0, &result);
	EXPECT_TRUE(result.faulted);
	EXPECT_EQ(result.error_code, PF_USER | PF_WRITE | PF_PRESENT);
	EXPECT_EQ(result.fault_address, start_info->pt_base + 8);
	EXPECT_EQ(result.pc, (unsigned long)user_write_site);
}

static long read_idt(long unused)
{
	struct {
		uint16_t limit;
		uint32_t base;
	} __attribute__((packed)) idt;

	(void)unused;
	__asm__ volatile("sidt %0" : "=m"(idt));
	return (long)user_read(idt.base);
}

TEST(user_pf_supervisor_page)
{
	struct user_result result;

	/* The trampoline is mapped for the CPU, supervisor-only: ring 3 faults on it. */
	user_run(read_idt, 0, &result);
	EXPECT_TRUE(result.faulted);
	EXPECT_EQ(result.vector, TRAP_PF);
	EXPECT_EQ(result.error_code, PF_USER | PF_PRESENT);
	EXPECT_TRUE(result.fault_address >= HYPERVISOR_VIRT_START_X86);
}

static long run_cli(long unused)
{
	(void)unused;
	user_cli();
	return 0;
}

static long run_int82(long unused)
{
	(void)unused;
	user_int82();
	return 0;
}

static long run_divide(long unused)
{
	(void)unused;
	user_divide();
	return 0;
}

TEST(user_gp_and_friends)
{
	struct user_result result;

	user_run(run_cli, 0, &result);
	EXPECT_TRUE(result.faulted);
	EXPECT_EQ(result.vector, TRAP_GP);
	EXPECT_EQ(result.error_code, 0);
	EXPECT_EQ(result.pc, (unsigned long)user_cli_site);
	/* Hypercalls are ring 1's: from ring 3 the gate refuses, #GP(0x82 << 3 | IDT). */
	user_run(run_int82, 0, &result);
	EXPECT_TRUE(result.faulted);
	EXPECT_EQ(result.vector, TRAP_GP);
	EXPECT_EQ(result.error_code, (0x82 << 3) | 2);
	EXPECT_EQ(result.pc, (unsigned long)user_int82_site);
	user_run(run_divide, 0, &result);
	EXPECT_TRUE(result.faulted);
	EXPECT_EQ(result.vector, TRAP_DE);
	EXPECT_EQ(result.pc, (unsigned long)user_divide_site);
	EXPECT_EQ(HYPERVISOR_xen_version(XENVER_pagesize, NULL), 4096);
}

/* Checks the bounce frame of a ring-3 exception and resumes past the ud2. */
static struct trap_frame seen;
static unsigned long seen_ss_at;

static void ud_resume(struct trap_frame *frame)
{
	seen = *frame;
	seen_ss_at = (unsigned long)&frame->ss;
	frame->eip += 2;
}

TEST(user_fault_frame_and_resume)
{
	struct user_result result;
	unsigned long kernel_top = trap_kernel_stack_top();

	traps_init();
	trap_set_handler(TRAP_UD, ud_resume);
	user_run(user_ud2, 41, &result);
	trap_set_handler(TRAP_UD, NULL);
	/* Back in ring 3 after the handler (iret hypercall), the program finished. */
	EXPECT_TRUE(!result.faulted);
	EXPECT_EQ(result.value, 42);
	EXPECT_EQ(seen.vector, TRAP_UD);
	EXPECT_EQ(seen.eip, (uint32_t)(uintptr_t)user_ud2_site);
	EXPECT_EQ(seen.cs & 0xffff, FLAT_RING3_CS);
	EXPECT_EQ(seen.ss, FLAT_RING3_SS);
	/* The frame sat at the top of the stack_switch stack: SS ESP EFLAGS CS EIP. */
	EXPECT_EQ(seen_ss_at, kernel_top - 4);
	/* Ring 3 ran on its own stack, mapped in user space below the kernel. */
	EXPECT_EQ(user_stack_address(), 0x08000000UL);
	EXPECT_TRUE(seen.esp > user_stack_address() && seen.esp < user_stack_address() + 0x4000);
}

static long pf_resume_program(long unused)
{
	(void)unused;
	return (long)user_read(UNMAPPED_VA);
}

static void pf_resume(struct trap_frame *frame)
{
	frame->eax = 0x600d;
	frame->eip += 2;
}

TEST(user_pf_resumed)
{
	struct user_result result;

	traps_init();
	trap_set_handler(TRAP_PF, pf_resume);
	user_run(pf_resume_program, 0, &result);
	trap_set_handler(TRAP_PF, NULL);
	EXPECT_TRUE(!result.faulted);
	EXPECT_EQ(result.value, 0x600d);
}

static long read_pci(long unused)
{
	(void)unused;
	return (long)user_pci_id();
}

TEST(user_iopl)
{
	struct user_result result;

	/* IOPL 1 is ring 1's only; IOPL 3 opens the ports to ring 3 as well. */
	EXPECT_EQ(physdev_set_iopl(1), 0);
	user_run(read_pci, 0, &result);
	EXPECT_TRUE(result.faulted);
	EXPECT_EQ(result.vector, TRAP_GP);
	EXPECT_EQ(physdev_set_iopl(3), 0);
	user_run(read_pci, 0, &result);
	EXPECT_TRUE(!result.faulted);
	EXPECT_EQ((uint32_t)result.value, I440FX_ID);
	EXPECT_EQ(physdev_set_iopl(0), 0);
}
