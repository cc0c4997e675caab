/*
 * trap_cpu.c: the virtual CPU of a PV kernel: iret, stack_switch, callbacks, the virtual
 * CR0.TS, the forced-emulation CPUID, the virtual IOPL and the emulated privileged
 * instructions. Positive and negative cases; every refusal leaves the guest running.
 */
#include "lib.h"
#include "trap_x86.h"

#define RING1_EFLAGS (EFLAGS_IF | EFLAGS_RESERVED)
#define CR0_PE 0x1
#define CR0_TS 0x8
#define CR0_PG 0x80000000UL
#define PCI_CONFIG_ADDRESS 0xcf8
#define PCI_CONFIG_DATA 0xcfc
#define I440FX_ID 0x12378086 /* QEMU's host bridge: vendor 8086, device 1237 */

static void still_running(void)
{
	EXPECT_EQ(HYPERVISOR_xen_version(XENVER_pagesize, NULL), 4096);
}

/* ---- iret (23) ---- */

TEST(trap_iret_ring1)
{
	uint32_t ss = FLAT_RING1_SS;

	/* Back to ring 1 (iret_landing) with IF set: EAX restored, events unmasked. */
	*event_mask() = 1;
	EXPECT_EQ(iret_try(0x1234, 0, FLAT_RING1_CS, RING1_EFLAGS, 0, ss), 0x1234);
	EXPECT_EQ(*event_mask(), 0);
	/* IF clear in the frame: events masked again. */
	EXPECT_EQ(iret_try(0x5678, 0, FLAT_RING1_CS, EFLAGS_RESERVED, 0, ss), 0x5678);
	EXPECT_EQ(*event_mask(), 1);
	/* The frame's CS may carry a saved mask above the selector (a bounce frame's). */
	EXPECT_EQ(iret_try(7, 0, FLAT_RING1_CS | (1 << 16), RING1_EFLAGS, 0, ss), 7);
	*event_mask() = 1;
}

TEST(trap_iret_ring0_refused)
{
	uint32_t target = (uint32_t)(uintptr_t)iret_landing;

	EXPECT_EQ(iret_try(1, target, RINGO_X86_HYPERVISOR_CS, RING1_EFLAGS, 0, 0), -EINVAL);
	EXPECT_EQ(iret_try(1, target, FLAT_RING1_CS & ~3, RING1_EFLAGS, 0, 0), -EINVAL);
	EXPECT_EQ(iret_try(1, target, 0, RING1_EFLAGS, 0, 0), -EINVAL);
	still_running();
}

TEST(trap_iret_bad_frames_refused)
{
	uint32_t target = (uint32_t)(uintptr_t)iret_landing;

	/* Ring 3 with an SS of another ring, or the hypervisor's data segment. */
	EXPECT_EQ(iret_try(1, target, FLAT_RING3_CS, RING1_EFLAGS, 0x1000, FLAT_RING1_SS), -EINVAL);
	EXPECT_EQ(
	    iret_try(1, target, FLAT_RING3_CS, RING1_EFLAGS, 0x1000, RINGO_X86_HYPERVISOR_DS | 3),
	    -EINVAL);
	/* An EIP in the hypervisor's range; a ring-1 CS that is not a code selector. */
	EXPECT_EQ(iret_try(1, HYPERVISOR_VIRT_START_X86, FLAT_RING1_CS, RING1_EFLAGS, 0, 0),
		  -EINVAL);
	EXPECT_EQ(iret_try(1, target, FLAT_RING1_DS, RING1_EFLAGS, 0, 0), -EINVAL);
	still_running();
}

TEST(trap_iret_unreadable_frame)
{
	long rc;

	/* int $0x82 with ESP unmapped, then in the hypervisor's range: -EFAULT each time. */
	__asm__ volatile("mov %%esp, %%ebx\n\t"
			 "mov %2, %%esp\n\t"
			 "int $0x82\n\t"
			 "mov %%ebx, %%esp"
			 : "=a"(rc)
			 : "a"(__HYPERVISOR_iret), "r"(UNMAPPED_VA + 0x100)
			 : "ebx", "memory");
	EXPECT_EQ(rc, -EFAULT);
	__asm__ volatile("mov %%esp, %%ebx\n\t"
			 "mov %2, %%esp\n\t"
			 "int $0x82\n\t"
			 "mov %%ebx, %%esp"
			 : "=a"(rc)
			 : "a"(__HYPERVISOR_iret), "r"(HYPERVISOR_VIRT_START_X86 - 8)
			 : "ebx", "memory");
	EXPECT_EQ(rc, -EFAULT);
	still_running();
}

/* ---- stack_switch (3) ---- */

TEST(trap_stack_switch)
{
	static alignas(16) uint8_t stack[4096];
	uint32_t top = (uint32_t)(uintptr_t)(stack + sizeof(stack));

	EXPECT_EQ(HYPERVISOR_stack_switch(FLAT_RING1_SS, top), 0);
	EXPECT_EQ(HYPERVISOR_stack_switch(RINGO_X86_HYPERVISOR_DS, top), -EPERM);
	EXPECT_EQ(HYPERVISOR_stack_switch(FLAT_RING1_SS & ~3, top), -EPERM);
	EXPECT_EQ(HYPERVISOR_stack_switch(FLAT_RING3_SS, top), -EPERM);
	EXPECT_EQ(HYPERVISOR_stack_switch(0x0005, top), -EPERM);
	EXPECT_EQ(HYPERVISOR_stack_switch(FLAT_RING1_SS, HYPERVISOR_VA), -EINVAL);
	EXPECT_EQ(HYPERVISOR_stack_switch(FLAT_RING1_SS, 0xfffffff0UL), -EINVAL);
	/* The top of guest memory exactly is a valid (empty) stack top. */
	EXPECT_EQ(HYPERVISOR_stack_switch(FLAT_RING1_SS, HYPERVISOR_VIRT_START_X86), 0);
	EXPECT_EQ(HYPERVISOR_stack_switch(FLAT_RING1_SS, trap_kernel_stack_top()), 0);
}

/* ---- set_callbacks (4), callback_op (30) ---- */

TEST(trap_set_callbacks)
{
	unsigned long handler = (unsigned long)failsafe_entry;

	EXPECT_EQ(HYPERVISOR_set_callbacks(FLAT_RING1_CS, handler, FLAT_RING1_CS, handler), 0);
	EXPECT_EQ(
	    HYPERVISOR_set_callbacks(RINGO_X86_HYPERVISOR_CS, handler, FLAT_RING1_CS, handler),
	    -EPERM);
	EXPECT_EQ(HYPERVISOR_set_callbacks(FLAT_RING1_CS, handler, FLAT_RING1_CS & ~3, handler),
		  -EPERM);
	EXPECT_EQ(HYPERVISOR_set_callbacks(FLAT_RING1_CS, HYPERVISOR_VA, FLAT_RING1_CS, handler),
		  -EINVAL);
	/* Address 0 unregisters, whatever the selector. */
	EXPECT_EQ(HYPERVISOR_set_callbacks(0, 0, 0, 0), 0);
}

TEST(trap_callback_op)
{
	static const uint16_t types[] = {CALLBACKTYPE_event,	CALLBACKTYPE_failsafe,
					 CALLBACKTYPE_syscall,	CALLBACKTYPE_nmi,
					 CALLBACKTYPE_sysenter, CALLBACKTYPE_syscall32};
	struct callback_register reg = {.cs = FLAT_RING1_CS,
					.eip = (uint32_t)(uintptr_t)failsafe_entry};
	struct callback_unregister unreg = {0};

	for (unsigned int i = 0; i < ARRAY_SIZE(types); i++) {
		reg.type = types[i];
		reg.flags = i % 2 ? CALLBACKF_mask_events : 0;
		EXPECT_EQ(HYPERVISOR_callback_op(CALLBACKOP_register, &reg), 0);
		unreg.type = types[i];
		EXPECT_EQ(HYPERVISOR_callback_op(CALLBACKOP_unregister, &unreg), 0);
	}
	reg.type = 3; /* not a callback type */
	reg.flags = 0;
	EXPECT_EQ(HYPERVISOR_callback_op(CALLBACKOP_register, &reg), -ENOSYS);
	unreg.type = 6;
	EXPECT_EQ(HYPERVISOR_callback_op(CALLBACKOP_unregister, &unreg), -ENOSYS);
	reg.type = CALLBACKTYPE_event;
	reg.flags = 0x8;
	EXPECT_EQ(HYPERVISOR_callback_op(CALLBACKOP_register, &reg), -EINVAL);
	reg.flags = 0;
	reg.cs = RINGO_X86_HYPERVISOR_CS;
	EXPECT_EQ(HYPERVISOR_callback_op(CALLBACKOP_register, &reg), -EPERM);
	reg.cs = FLAT_RING1_CS;
	reg.eip = HYPERVISOR_VIRT_START_X86;
	EXPECT_EQ(HYPERVISOR_callback_op(CALLBACKOP_register, &reg), -EINVAL);
	EXPECT_EQ(HYPERVISOR_callback_op(CALLBACKOP_register, (void *)UNMAPPED_VA), -EFAULT);
	EXPECT_EQ(HYPERVISOR_callback_op(CALLBACKOP_register, (void *)HYPERVISOR_VA), -EFAULT);
	EXPECT_EQ(HYPERVISOR_callback_op(2, &reg), -ENOSYS);
	still_running();
}

/* ---- fpu_taskswitch (5): the virtual CR0.TS ---- */

static unsigned int nm_count;

static void nm_handler(struct trap_frame *frame)
{
	(void)frame;
	nm_count++; /* the hypervisor cleared the virtual TS: returning retries the insn */
}

TEST(trap_fpu_taskswitch)
{
	uint16_t status;

	traps_init();
	trap_set_handler(TRAP_NM, nm_handler);
	__asm__ volatile("fninit");
	EXPECT_EQ(read_cr0() & CR0_TS, 0);
	EXPECT_EQ(HYPERVISOR_fpu_taskswitch(1), 0);
	EXPECT_EQ(read_cr0() & CR0_TS, CR0_TS);
	__asm__ volatile("fnstsw %0" : "=m"(status));
	EXPECT_EQ(nm_count, 1);
	EXPECT_EQ(read_cr0() & CR0_TS, 0);
	/* clts, emulated, clears it too; mov to cr0 may change TS only. */
	EXPECT_EQ(HYPERVISOR_fpu_taskswitch(1), 0);
	__asm__ volatile("clts");
	EXPECT_EQ(read_cr0() & CR0_TS, 0);
	__asm__ volatile("fnstsw %0" : "=m"(status));
	EXPECT_EQ(nm_count, 1);
	unsigned long cr0 = read_cr0();

	__asm__ volatile("mov %0, %%cr0" : : "r"(cr0 | CR0_TS));
	EXPECT_EQ(read_cr0() & CR0_TS, CR0_TS);
	EXPECT_EQ(HYPERVISOR_fpu_taskswitch(0), 0);
	__asm__ volatile("fnstsw %0" : "=m"(status));
	EXPECT_EQ(nm_count, 1);
	trap_set_handler(TRAP_NM, NULL);
}

static void write_cr0_pe_off(void *unused)
{
	(void)unused;
	__asm__ volatile("mov %0, %%cr0" : : "r"(read_cr0() & ~CR0_PE));
}

TEST(trap_emulated_control_registers)
{
	struct trap_record trap;
	unsigned long cr0 = read_cr0();
	unsigned long top_pfn = xen_cr3_to_pfn(read_cr3());
	const unsigned long *p2m = (const unsigned long *)start_info->mfn_list;
	unsigned long pt_pfn = (start_info->pt_base - 0xC0000000UL) >> 12;

	EXPECT_TRUE(cr0 & CR0_PE);
	EXPECT_TRUE(cr0 & CR0_PG);
	/* cr3 is the folded frame of the running L3: the boot L3 at start_info->pt_base. */
	EXPECT_EQ(top_pfn, p2m[pt_pfn]);
	/* Anything but TS in cr0 is the hypervisor's: #GP for the guest. */
	EXPECT_TRUE(trap_catch(write_cr0_pe_off, NULL, &trap));
	EXPECT_EQ(trap.vector, TRAP_GP);
	EXPECT_TRUE(read_cr0() & CR0_PE);
	__asm__ volatile("wbinvd");
	__asm__ volatile("invd");
	still_running();
}

static void step_cr0(void *unused)
{
	(void)unused;
	tf_step_cr0();
}

/* An emulated instruction single-steps as the CPU's own: #DB right after it. */
TEST(trap_single_step_after_emulation)
{
	struct trap_record trap;

	traps_init();
	EXPECT_TRUE(trap_catch(step_cr0, NULL, &trap));
	EXPECT_EQ(trap.vector, TRAP_DB);
	EXPECT_EQ(trap.eip, (uint32_t)(uintptr_t)tf_step_next);
	still_running();
}

/* ---- forced-emulation CPUID ---- */

TEST(trap_cpuid_hypervisor_leaves)
{
	struct cpuid_regs r = xen_cpuid(0x40000000, 0);
	char signature[13];

	memcpy(signature, &r.ebx, 4);
	memcpy(signature + 4, &r.ecx, 4);
	memcpy(signature + 8, &r.edx, 4);
	signature[12] = '\0';
	EXPECT_EQ(strcmp(signature, "XenVMMXenVMM"), 0);
	EXPECT_TRUE(r.eax >= 0x40000002 && r.eax < 0x40000100);
	r = xen_cpuid(0x40000001, 0);
	EXPECT_EQ(r.eax, (uint32_t)HYPERVISOR_xen_version(XENVER_version, NULL));
	r = xen_cpuid(0x40000002, 0);
	EXPECT_EQ(r.eax, 1); /* one hypercall page */
	EXPECT_EQ(r.ebx, 0x40000000);
	/* The CPU's leaves come through with the hypervisor bit set. */
	r = xen_cpuid(1, 0);
	EXPECT_TRUE(r.ecx & (1U << 31));
	EXPECT_EQ(r.eax, native_cpuid(1, 0).eax);
	r = xen_cpuid(0, 0);
	EXPECT_EQ(r.ebx, native_cpuid(0, 0).ebx);
}

TEST(trap_cpuid_prefix_needs_cpuid)
{
	struct trap_record trap;

	/* The prefix before anything but cpuid is a plain #UD, at the prefix. */
	EXPECT_TRUE(trap_catch((void (*)(void *))prefix_nop, NULL, &trap));
	EXPECT_EQ(trap.vector, TRAP_UD);
	EXPECT_EQ(trap.eip, (uint32_t)(uintptr_t)prefix_nop_site);
}

/* ---- physdev_op set_iopl and in/out ---- */

static void read_pci_id(void *out)
{
	uint32_t value;

	__asm__ volatile("outl %%eax, %%dx" : : "a"(0x80000000U), "d"(PCI_CONFIG_ADDRESS));
	__asm__ volatile("inl %%dx, %%eax" : "=a"(value) : "d"(PCI_CONFIG_DATA));
	*(uint32_t *)out = value;
}

TEST(trap_iopl_in_out)
{
	struct trap_record trap;
	uint32_t id = 0;
	uint8_t lsr;

	/* IOPL 0: in and out are #GP for the guest. */
	EXPECT_TRUE(trap_catch(read_pci_id, &id, &trap));
	EXPECT_EQ(trap.vector, TRAP_GP);
	EXPECT_EQ(trap.error_code, 0);
	/* IOPL 1: ring 1 reaches the PCI host bridge through emulated port accesses. */
	EXPECT_EQ(physdev_set_iopl(1), 0);
	EXPECT_TRUE(!trap_catch(read_pci_id, &id, &trap));
	EXPECT_EQ(id, I440FX_ID);
	/* The hypervisor's own ports are filtered: COM1 reads all ones... */
	__asm__ volatile("inb %%dx, %%al" : "=a"(lsr) : "d"(0x3fd));
	EXPECT_EQ(lsr, 0xff);
	/* ... and a write to isa-debug-exit does not stop the machine. */
	__asm__ volatile("outb %%al, %%dx" : : "a"(0x01), "d"(0xf4));
	EXPECT_EQ(physdev_set_iopl(0), 0);
	EXPECT_TRUE(trap_catch(read_pci_id, &id, &trap));
	still_running();
}

static void prefix_nop_caller(void *unused)
{
	(void)unused;
	prefix_nop();
}

static long HYPERVISOR_vm_assist_x86(unsigned int cmd, unsigned int type)
{
	return hypercall2(__HYPERVISOR_vm_assist, cmd, type);
}

TEST(trap_physdev_op_refused)
{
	struct physdev_set_iopl bad = {.iopl = 4};

	EXPECT_EQ(HYPERVISOR_physdev_op(PHYSDEVOP_set_iopl, &bad), -EINVAL);
	EXPECT_EQ(HYPERVISOR_physdev_op(PHYSDEVOP_set_iopl, (void *)UNMAPPED_VA), -EFAULT);
	EXPECT_EQ(HYPERVISOR_physdev_op(PHYSDEVOP_set_iopl, (void *)HYPERVISOR_VA), -EFAULT);
	EXPECT_EQ(HYPERVISOR_physdev_op(99, &bad), -ENOSYS);
	still_running();
}

TEST(trap_iopl_architectural)
{
	struct trap_record trap;
	uint32_t id = 0;
	uint32_t iopl1 = 1U << 12;

	/* With the assist, iret's EFLAGS.IOPL is the virtual IOPL, and bounces show it. */
	EXPECT_EQ(HYPERVISOR_vm_assist_x86(VMASST_CMD_enable, VMASST_TYPE_architectural_iopl), 0);
	EXPECT_EQ(iret_try(3, 0, FLAT_RING1_CS, RING1_EFLAGS | iopl1, 0, FLAT_RING1_SS), 3);
	EXPECT_TRUE(!trap_catch(read_pci_id, &id, &trap));
	EXPECT_EQ(id, I440FX_ID);
	EXPECT_TRUE(trap_catch(prefix_nop_caller, NULL, &trap));
	EXPECT_EQ(trap.eflags & (3U << 12), iopl1);
	EXPECT_EQ(iret_try(4, 0, FLAT_RING1_CS, RING1_EFLAGS, 0, FLAT_RING1_SS), 4);
	EXPECT_TRUE(trap_catch(read_pci_id, &id, &trap));
	EXPECT_EQ(trap.vector, TRAP_GP);
	EXPECT_EQ(HYPERVISOR_vm_assist_x86(VMASST_CMD_disable, VMASST_TYPE_architectural_iopl), 0);
}

static void do_cli(void *unused)
{
	(void)unused;
	__asm__ volatile("cli");
}

TEST(trap_cli_sti_virtual)
{
	struct trap_record trap;

	/* Without IOPL, cli is #GP; with it, cli/sti set and clear the event mask. */
	EXPECT_TRUE(trap_catch(do_cli, NULL, &trap));
	EXPECT_EQ(trap.vector, TRAP_GP);
	EXPECT_EQ(physdev_set_iopl(1), 0);
	__asm__ volatile("sti");
	EXPECT_EQ(*event_mask(), 0);
	__asm__ volatile("cli");
	EXPECT_EQ(*event_mask(), 1);
	EXPECT_EQ(physdev_set_iopl(0), 0);
}
