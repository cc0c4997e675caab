/*
 * dom0.c: the default domain 0 that `make run` boots.
 *
 * For now it introduces itself, shows what the hypervisor told it at start of day, and
 * powers the machine off. The control-domain toolstack grows here.
 */
#include "guest.h"

void guest_main(void)
{
	long version = HYPERVISOR_xen_version(XENVER_version, NULL);
	char extra[16] = {0};

	HYPERVISOR_xen_version(XENVER_extraversion, extra);
	printf("Ringo domain 0 (%s) running on Xen interface %ld.%ld%s\n", guest_arch_name,
	       version >> 16, version & 0xffff, extra);
	printf("start_info: %s, %lu pages, page tables at 0x%lx (%lu frames), p2m at 0x%lx\n",
	       start_info->magic, start_info->nr_pages, start_info->pt_base,
	       start_info->nr_pt_frames, start_info->mfn_list);
	printf("command line: \"%s\"\n", (const char *)start_info->cmd_line);
	printf("domain 0 done, powering off\n");
}
