/*
 * plat/pt_inline.h (fake arch): the per-entry page-table primitives stay functions here.
 *
 * The host tests build the core once against the fake format (pt_format.c), and the
 * validator fuzz targets link the x86 PAE or ARM64 VMSAv8 format in its place (an adapter
 * over arch/<arch>/pt_format.c), so the core must call these primitives rather than inline
 * one format: arch/pt.h declares them as functions when this is defined.
 */
#ifndef RINGO_FAKE_PLAT_PT_INLINE_H
#define RINGO_FAKE_PLAT_PT_INLINE_H

#define ARCH_PT_PRIMITIVES_EXTERN 1

#endif
