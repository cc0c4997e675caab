/*
 * plat/tlb.h (arm64): VMIDs and TLB maintenance of the guests' EL1&0 regime.
 *
 * Each domain has its own VMID (VTTBR_EL2.VMID, loaded with the domain's vCPU). With EL2
 * enabled, the EL1&0 regime's TLB entries are tagged with the current VMID whether or not
 * stage 2 is on (Arm ARM DDI 0487, D8.16.3: "For the EL1&0 translation regime, if EL2 is
 * enabled, then TLB entries are associated with a VMID regardless of whether stage 2
 * translation is enabled"), and TLBI instructions from EL1 act on the current VMID only.
 * So a domain's entries never translate for another domain, switching domains needs no
 * flush, and a guest's own TLB maintenance cannot disturb anyone else. A VMID is flushed
 * when its domain is torn down, before the slot (and so the VMID) can be reused.
 */
#ifndef RINGO_PLAT_TLB_H
#define RINGO_PLAT_TLB_H

#include "domain.h"

/* The VMID of domain d: its id + 1 (VMID 0 is loaded only while no guest has run). */
uint64_t vmid_of(const struct domain *d);

/* Makes d's VMID the current one (VTTBR_EL2), for the next entry into d. */
void vmid_load(const struct domain *d);

/* Drops every EL1&0 entry of the current VMID, all ASIDs. */
void tlb_flush_current_vmid(void);

/* Drops the current VMID's entries for the page at va, all ASIDs and levels. */
void tlb_flush_current_va(uint64_t va);

/* Drops every EL1&0 entry of d's VMID, whichever VMID is current. */
void tlb_flush_domain(const struct domain *d);

#endif
