/*
 * version.c: the xen_version hypercall (17).
 *
 * Ringo reports the Xen interface version it implements, its own extraversion, the ABI
 * capability string of its arch, and the feature bits it really provides.
 */
#include "arch/config.h"
#include "bootinfo.h"
#include "domain.h"
#include "guest_access.h"
#include "hypercall.h"
#include "lib.h"
#include "public/errno.h"
#include "public/version.h"

#define RINGO_XEN_MAJOR 4
#define RINGO_XEN_MINOR 19
#define RINGO_EXTRAVERSION "-ringo"

/* Feature submap 0: what a guest may rely on. */
#define RINGO_FEATURES_SUBMAP0 (1U << XENFEAT_pae_pgdir_above_4gb)

static long copy_string_out(gvaddr_t dst, const char *text, size_t size)
{
	char buffer[1024] = {0};

	strlcpy(buffer, text, size);
	return copy_to_guest(dst, buffer, size);
}

static long version_features(gvaddr_t arg)
{
	struct xen_feature_info info;

	if (copy_from_guest(&info, arg, sizeof(info))) {
		return -EFAULT;
	}
	info.submap = info.submap_idx == 0 ? RINGO_FEATURES_SUBMAP0 : 0;
	return copy_to_guest(arg, &info, sizeof(info));
}

static long version_compile_info(gvaddr_t arg)
{
	struct xen_compile_info info = {0};

	strlcpy(info.compiler, "gcc " __VERSION__, sizeof(info.compiler));
	strlcpy(info.compile_by, "ringo", sizeof(info.compile_by));
	strlcpy(info.compile_date, __DATE__, sizeof(info.compile_date));
	return copy_to_guest(arg, &info, sizeof(info));
}

static long version_platform_parameters(gvaddr_t arg)
{
	struct xen_platform_parameters params = {.virt_start = ARCH_HYPERVISOR_VIRT_START};

	return copy_to_guest(arg, &params, sizeof(params));
}

/*
 * Every query but XENVER_version, out of line, so its 1 KiB stack frame is not on that
 * path; noipa (where the compiler has it) keeps the call a plain tail jump.
 */
#if __has_attribute(noipa)
#define VERSION_OUT_OF_LINE __attribute__((noipa))
#else
#define VERSION_OUT_OF_LINE __attribute__((noinline))
#endif

static VERSION_OUT_OF_LINE long version_query(struct vcpu *v, const struct hcall_args *args)
{
	gvaddr_t arg = gvaddr(args->arg[1]);

	switch (args->arg[0]) {
	case XENVER_extraversion:
		return copy_string_out(arg, RINGO_EXTRAVERSION, sizeof(xen_extraversion_t));
	case XENVER_compile_info:
		return version_compile_info(arg);
	case XENVER_capabilities:
		return copy_string_out(arg, ARCH_CAPABILITIES, sizeof(xen_capabilities_info_t));
	case XENVER_changeset:
		return copy_string_out(arg, "ringo", sizeof(xen_changeset_info_t));
	case XENVER_platform_parameters:
		return version_platform_parameters(arg);
	case XENVER_get_features:
		return version_features(arg);
	case XENVER_pagesize:
		return PAGE_SIZE;
	case XENVER_commandline:
		if (!v->domain->privileged) {
			return -EPERM;
		}
		return copy_string_out(arg, core_cmdline(), sizeof(xen_commandline_t));
	default:
		return -ENOSYS;
	}
}

/*
 * XENVER_version, the query a guest makes most (and the null hypercall, alone or batched
 * in a multicall), returns at once, as Xen's does; the rest go to version_query.
 */
HOT_CALL long do_xen_version(struct vcpu *v, const struct hcall_args *args)
{
	if (args->arg[0] == XENVER_version) {
		return (RINGO_XEN_MAJOR << 16) | RINGO_XEN_MINOR;
	}
	return version_query(v, args);
}
