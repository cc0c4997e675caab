/*
 * tlb.c (fake arch): TLB and cache maintenance, counted so tests can see that the core
 * flushes when it must (after a table above level 1 changed, when a writable frame became
 * a table, on the flags update_va_mapping and mmuext_op were given).
 */
#include "fake.h"

#include "arch/mmuext.h"
#include "arch/pt.h"

static unsigned int flush_count;
static unsigned int invlpg_count;
static uint64_t last_invlpg;
static unsigned int cache_flush_count;

void arch_tlb_flush_local(void)
{
	flush_count++;
}

void arch_tlb_flush_va(uint64_t va)
{
	invlpg_count++;
	last_invlpg = va;
}

int arch_mmuext_flush_cache(struct vcpu *v)
{
	(void)v;
	cache_flush_count++;
	return 0;
}

unsigned int fake_tlb_flush_count(void)
{
	return flush_count;
}

unsigned int fake_tlb_invlpg_count(void)
{
	return invlpg_count;
}

uint64_t fake_tlb_last_invlpg(void)
{
	return last_invlpg;
}

unsigned int fake_cache_flush_count(void)
{
	return cache_flush_count;
}
