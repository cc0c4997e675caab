/*
 * trap_bounce.c: exceptions bounced to the guest kernel's own handlers (ABI.md section 5).
 *
 * Each test installs the library's trap table and provokes one exception in ring 1; the
 * handler must see the bounce frame exactly: the vector, the error code, EIP at (or for
 * traps after) the instruction, CS = FLAT_RING1_CS with the event mask in bits 16-23,
 * EFLAGS.IF = !mask, and for #PF the address in vcpu_info.arch.cr2 (and the emulated cr2).
 */
#include "lib.h"
#include "trap_x86.h"

static void read_address(void *address)
{
	(void)*(volatile uint32_t *)address;
}

static void write_address(void *address)
{
	*(volatile uint32_t *)address = 0;
}

static void execute_ud2(void *unused)
{
	(void)unused;
	__asm__ volatile("ud2");
}

static void execute_lgdt(void *unused)
{
	static const struct {
		uint16_t limit;
		uint32_t base;
	} __attribute__((packed)) null_gdt = {0, 0};

	(void)unused;
	__asm__ volatile("lgdt %0" : : "m"(null_gdt));
}

TEST(trap_bounce_frame_ud)
{
	struct trap_record trap;
	uint8_t mask = *event_mask();

	EXPECT_TRUE(trap_catch(execute_ud2, NULL, &trap));
	EXPECT_EQ(trap.vector, TRAP_UD);
	EXPECT_EQ(trap.error_code, 0);
	EXPECT_EQ(trap.cs, FLAT_RING1_CS);
	/* The frame's IF is the inverse of the event mask at the trap, saved in CS. */
	EXPECT_EQ(trap.saved_mask, mask);
	EXPECT_EQ(!!(trap.eflags & EFLAGS_IF), !mask);
	EXPECT_EQ(*(uint16_t *)trap.eip, 0x0b0f); /* ud2 */
}

TEST(trap_bounce_frame_mask_bit)
{
	struct trap_record trap;

	/* With events unmasked, the frame says IF=1 and carries mask 0. */
	*event_mask() = 0;
	EXPECT_TRUE(trap_catch(execute_ud2, NULL, &trap));
	EXPECT_EQ(trap.saved_mask, 0);
	EXPECT_TRUE(trap.eflags & EFLAGS_IF);
	*event_mask() = 1;
	EXPECT_TRUE(trap_catch(execute_ud2, NULL, &trap));
	EXPECT_EQ(trap.saved_mask, 1);
	EXPECT_EQ(trap.eflags & EFLAGS_IF, 0);
}

TEST(trap_pf_ring1_not_present)
{
	struct trap_record trap;

	EXPECT_TRUE(trap_catch(read_address, (void *)UNMAPPED_VA, &trap));
	EXPECT_EQ(trap.vector, TRAP_PF);
	EXPECT_EQ(trap.error_code, 0); /* supervisor read of a missing page */
	EXPECT_EQ(trap.cr2, UNMAPPED_VA);
	EXPECT_EQ(read_cr2(), UNMAPPED_VA);
	EXPECT_TRUE(trap_catch(write_address, (void *)(UNMAPPED_VA + 0x10), &trap));
	EXPECT_EQ(trap.error_code, PF_WRITE);
	EXPECT_EQ(trap.cr2, UNMAPPED_VA + 0x10);
}

TEST(trap_pf_frame_mask_bit)
{
	struct trap_record trap;

	/*
	 * Page faults in a row, the later ones the hypervisor's direct way (the frame in the
	 * page of the last bounce): each frame whole, with the mask of its own moment.
	 */
	for (unsigned int round = 0; round < 4; round++) {
		uint8_t mask = round & 1;

		*event_mask() = mask;
		EXPECT_TRUE(trap_catch(read_address, (void *)(UNMAPPED_VA + 4 * round), &trap));
		EXPECT_EQ(trap.vector, TRAP_PF);
		EXPECT_EQ(trap.error_code, 0);
		EXPECT_EQ(trap.cr2, UNMAPPED_VA + 4 * round);
		EXPECT_EQ(trap.cs, FLAT_RING1_CS);
		EXPECT_EQ(trap.saved_mask, mask);
		EXPECT_EQ(!!(trap.eflags & EFLAGS_IF), !mask);
	}
	*event_mask() = 1;
}

TEST(trap_pf_ring1_read_only)
{
	struct trap_record trap;
	void *table = (void *)start_info->pt_base;

	/* Page tables are mapped read-only: a write is a protection fault. */
	EXPECT_TRUE(trap_catch(write_address, table, &trap));
	EXPECT_EQ(trap.vector, TRAP_PF);
	EXPECT_EQ(trap.error_code, PF_PRESENT | PF_WRITE);
	EXPECT_EQ(trap.cr2, (uint32_t)(uintptr_t)table);
}

TEST(trap_pf_hypervisor_range)
{
	struct trap_record trap;
	struct {
		uint16_t limit;
		uint32_t base;
	} __attribute__((packed)) idt;

	/* The hypervisor proper is not mapped; its IDT is, read-only. */
	EXPECT_TRUE(trap_catch(read_address, (void *)HYPERVISOR_VA, &trap));
	EXPECT_EQ(trap.error_code, 0);
	EXPECT_EQ(trap.cr2, HYPERVISOR_VA);
	__asm__ volatile("sidt %0" : "=m"(idt));
	EXPECT_TRUE(trap_catch(write_address, (void *)(uintptr_t)idt.base, &trap));
	EXPECT_EQ(trap.error_code, PF_PRESENT | PF_WRITE);
	EXPECT_EQ(trap.cr2, idt.base);
}

TEST(trap_gp_privileged_bounced)
{
	struct trap_record trap;

	EXPECT_TRUE(trap_catch(execute_lgdt, NULL, &trap));
	EXPECT_EQ(trap.vector, TRAP_GP);
	EXPECT_EQ(trap.error_code, 0);
	EXPECT_EQ(*(uint16_t *)trap.eip, 0x010f); /* lgdt: 0f 01 /2 */
}

TEST(trap_int3_bounced)
{
	struct trap_record trap;

	EXPECT_TRUE(trap_catch((void (*)(void *))do_int3, NULL, &trap));
	EXPECT_EQ(trap.vector, TRAP_BP);
	EXPECT_EQ(trap.eip, (uint32_t)(uintptr_t)int3_next); /* a trap: after the int3 */
}

static struct trap_info soft_int_table[] = {
    {.vector = 0x40, .flags = 1, .cs = FLAT_RING1_CS},
    {.vector = 0x41, .flags = 0, .cs = FLAT_RING1_CS},
    {0},
};

TEST(trap_soft_int_dpl)
{
	struct trap_record trap;

	traps_init();
	soft_int_table[0].address = trap_stub_address(TRAP_DE); /* any stub will do */
	soft_int_table[1].address = trap_stub_address(TRAP_DE);
	EXPECT_EQ(HYPERVISOR_set_trap_table(soft_int_table), 0);
	/* DPL 1 lets ring 1 raise 0x40: its handler, past the 2-byte int. */
	EXPECT_TRUE(trap_catch((void (*)(void *))do_int40, NULL, &trap));
	EXPECT_EQ(trap.vector, TRAP_DE);
	EXPECT_EQ(trap.eip, (uint32_t)(uintptr_t)int40_next);
	/* DPL 0: only the CPU may raise 0x41, so ring 1 gets #GP(0x41 << 3 | IDT). */
	EXPECT_TRUE(trap_catch((void (*)(void *))do_int41, NULL, &trap));
	EXPECT_EQ(trap.vector, TRAP_GP);
	EXPECT_EQ(trap.error_code, (0x41 << 3) | 2);
	EXPECT_EQ(trap.eip, (uint32_t)(uintptr_t)int41_site);
}

TEST(trap_no_handler_crashes_domain)
{
	/* A NULL table clears every handler: the next exception has nowhere to go. */
	traps_init();
	EXPECT_EQ(HYPERVISOR_set_trap_table(NULL), 0);
	test_expect_crash();
	__asm__ volatile("ud2");
	test_fail(__FILE__, __LINE__, "ud2 without a handler returned");
}

/* ---- set_trap_table: refused tables change nothing ---- */

static struct trap_info one_entry[2];

static long set_one(uint8_t vector, uint16_t cs, unsigned long address, uint8_t flags)
{
	one_entry[0] =
	    (struct trap_info){.vector = vector, .flags = flags, .cs = cs, .address = address};
	one_entry[1] = (struct trap_info){0};
	return HYPERVISOR_set_trap_table(one_entry);
}

/* The #UD handler is still the library's stub (nothing a refused table said took hold). */
static void expect_ud_handler_intact(void)
{
	struct trap_record trap;

	EXPECT_TRUE(trap_catch(execute_ud2, NULL, &trap));
	EXPECT_EQ(trap.vector, TRAP_UD);
}

TEST(trap_table_ring0_selector_refused)
{
	unsigned long handler = trap_stub_address(TRAP_DE);

	traps_init();
	EXPECT_EQ(set_one(TRAP_UD, RINGO_X86_HYPERVISOR_CS, handler, 0), -EPERM);
	EXPECT_EQ(set_one(TRAP_UD, FLAT_RING1_CS & ~3, handler, 0), -EPERM); /* RPL 0 */
	EXPECT_EQ(set_one(TRAP_UD, FLAT_RING3_CS, handler, 0), -EPERM);	     /* not ring 1 */
	EXPECT_EQ(set_one(TRAP_UD, RINGO_X86_HYPERVISOR_DS | 1, handler, 0), -EPERM);
	EXPECT_EQ(set_one(TRAP_UD, 0x0005, handler, 0), -EPERM); /* LDT */
	EXPECT_EQ(set_one(TRAP_UD, 0x0001, handler, 0), -EPERM); /* null */
	expect_ud_handler_intact();
}

TEST(trap_table_bad_entries_refused)
{
	unsigned long handler = trap_stub_address(TRAP_DE);
	static struct trap_info unterminated[257];

	traps_init();
	EXPECT_EQ(set_one(TRAP_UD, FLAT_RING1_CS, HYPERVISOR_VIRT_START_X86, 0), -EINVAL);
	EXPECT_EQ(set_one(TRAP_UD, FLAT_RING1_CS, 0xfffffff0UL, 0), -EINVAL);
	EXPECT_EQ(set_one(TRAP_UD, FLAT_RING1_CS, handler, 0x08), -EINVAL);
	for (unsigned int i = 0; i < 257; i++) {
		unterminated[i] = (struct trap_info){
		    .vector = (uint8_t)i, .cs = FLAT_RING1_CS, .address = handler};
	}
	EXPECT_EQ(HYPERVISOR_set_trap_table(unterminated), -EINVAL);
	expect_ud_handler_intact();
}

TEST(trap_table_bad_pointers_refused)
{
	traps_init();
	EXPECT_EQ(HYPERVISOR_set_trap_table((void *)UNMAPPED_VA), -EFAULT);
	EXPECT_EQ(HYPERVISOR_set_trap_table((void *)HYPERVISOR_VA), -EFAULT);
	EXPECT_EQ(HYPERVISOR_set_trap_table((void *)(HYPERVISOR_VIRT_START_X86 - 4)), -EFAULT);
	EXPECT_EQ(HYPERVISOR_set_trap_table((void *)0xfffffffcUL), -EFAULT);
	/* Misaligned is fine on x86: the same table one byte off. */
	static uint8_t shifted[sizeof(struct trap_info) * 2 + 1];
	struct trap_info entry = {
	    .vector = TRAP_UD, .cs = FLAT_RING1_CS, .address = trap_stub_address(TRAP_UD)};

	memcpy(shifted + 1, &entry, sizeof(entry));
	EXPECT_EQ(HYPERVISOR_set_trap_table((void *)(shifted + 1)), 0);
	expect_ud_handler_intact();
	EXPECT_EQ(HYPERVISOR_console_io(CONSOLEIO_write, 8, "running\n"), 0);
}

TEST(trap_table_validate_then_commit)
{
	static struct trap_info table[3];

	traps_init();
	/* The first entry is good, the second is not: neither may take effect. */
	table[0] = (struct trap_info){
	    .vector = TRAP_UD, .cs = FLAT_RING1_CS, .address = trap_stub_address(TRAP_DE)};
	table[1] = (struct trap_info){.vector = TRAP_GP,
				      .cs = RINGO_X86_HYPERVISOR_CS,
				      .address = trap_stub_address(TRAP_GP)};
	table[2] = (struct trap_info){0};
	EXPECT_EQ(HYPERVISOR_set_trap_table(table), -EPERM);
	expect_ud_handler_intact();
	/* A table unreadable half way is -EFAULT, and also changes nothing. */
	EXPECT_EQ(HYPERVISOR_set_trap_table((void *)(UNMAPPED_VA + PAGE_SIZE - 8)), -EFAULT);
	expect_ud_handler_intact();
}

/* ---- a fault while delivering a fault ---- */

TEST(trap_fault_in_delivery_failsafe)
{
	traps_init();
	EXPECT_EQ(HYPERVISOR_set_callbacks(FLAT_RING1_CS, 0, FLAT_RING1_CS,
					   (unsigned long)failsafe_entry),
		  0);
	if (jump_save(&failsafe_jump) == 0) {
		/* #UD with the ring-1 stack unmapped: the bounce frame cannot be written. */
		ud2_on_stack(UNMAPPED_VA + 0x800);
	}
	/* The failsafe ran on the stack_switch stack, with the interrupted state. */
	EXPECT_TRUE(failsafe_esp < trap_kernel_stack_top() &&
		    failsafe_esp >= trap_kernel_stack_top() - 64);
	EXPECT_EQ(failsafe_frame[0], FLAT_RING1_DS); /* DS ES FS GS */
	EXPECT_EQ(failsafe_frame[4], (uint32_t)(uintptr_t)ud2_on_stack_site);
	EXPECT_EQ(failsafe_frame[5] & 0xffff, FLAT_RING1_CS);
	EXPECT_EQ(failsafe_frame[7], UNMAPPED_VA + 0x800); /* the ESP it could not use */
	EXPECT_EQ(failsafe_frame[8], FLAT_RING1_SS);
	EXPECT_EQ(HYPERVISOR_console_io(CONSOLEIO_write, 8, "running\n"), 0);
}

TEST(trap_fault_in_delivery_crash)
{
	/* No failsafe callback: the domain is crashed, and only it. */
	traps_init();
	EXPECT_EQ(HYPERVISOR_set_callbacks(FLAT_RING1_CS, 0, FLAT_RING1_CS, 0), 0);
	test_expect_crash();
	ud2_on_stack(UNMAPPED_VA + 0x800);
}
