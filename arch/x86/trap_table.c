/*
 * trap_table.c (x86): set_trap_table (0), the guest's virtual IDT.
 *
 * A guest names its exception and software-interrupt handlers in a table of trap_info
 * entries ending with address 0 (ABI.md section 5); a NULL table clears them all. Every
 * entry is checked before any is taken (validate, then commit): the handler's selector
 * must be ring-1 code the guest may use (its GDT or FLAT_RING1_CS, RPL 1), never a
 * ring-0 selector (-EPERM); the address must lie below the hole and the flags hold only
 * the DPL and the mask-events bit (-EINVAL); the table must end within 256 entries
 * (-EINVAL); an unreadable table is -EFAULT. The DPL is the lowest ring allowed to
 * raise the vector with `int n` (traps.c); exceptions reach the handler whatever it is.
 * A vector 0x80 handler that does not mask events becomes the direct gate of the fast
 * system call (cpu_state.c).
 */
#include "domain.h"
#include "guest_access.h"
#include "hypercall.h"
#include "lib.h"
#include "plat/cpu_state.h"
#include "plat/descriptor.h"
#include "public/errno.h"
#include "public/xen.h"

#define TRAP_TABLE_MAX_ENTRIES X86_VECTORS

/* The table being checked: the live one plus the entries read so far. */
static struct x86_trap_entry staged[X86_VECTORS];

static int trap_info_check(const struct trap_info *info)
{
	if (!x86_selector_is_kernel_code(info->cs)) {
		return -EPERM;
	}
	if (info->address >= HYPERVISOR_VIRT_START_X86 ||
	    (info->flags & ~(TI_DPL_MASK | TI_MASK_EVENTS))) {
		return -EINVAL;
	}
	return 0;
}

/* Reads and checks the guest's table into staged; nothing of v changes. */
static int trap_table_stage(const struct vcpu *v, gvaddr_t table)
{
	memcpy(staged, v->arch.traps, sizeof(staged));
	for (unsigned int n = 0; n <= TRAP_TABLE_MAX_ENTRIES; n++) {
		struct trap_info info;
		int rc;

		if (copy_from_guest(&info, gvaddr_add(table, n * sizeof(info)), sizeof(info))) {
			return -EFAULT;
		}
		if (info.address == 0) {
			return 0;
		}
		if (n == TRAP_TABLE_MAX_ENTRIES) {
			return -EINVAL; /* no terminator after one entry per vector */
		}
		rc = trap_info_check(&info);
		if (rc) {
			return rc;
		}
		staged[info.vector] = (struct x86_trap_entry){
		    .eip = (uint32_t)info.address,
		    .cs = info.cs,
		    .flags = info.flags,
		};
	}
	return -EINVAL;
}

HOT_CALL long do_set_trap_table(struct vcpu *v, const struct hcall_args *args)
{
	gvaddr_t table = gvaddr(args->arg[0]);
	int rc;

	if (gvaddr_value(table) == 0) {
		memset(v->arch.traps, 0, sizeof(v->arch.traps));
	} else {
		rc = trap_table_stage(v, table);
		if (rc) {
			return rc;
		}
		memcpy(v->arch.traps, staged, sizeof(staged));
	}
	cpu_state_trap_table_changed(v);
	return 0;
}
