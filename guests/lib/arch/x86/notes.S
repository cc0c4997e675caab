/*
 * notes.S (x86 guest): the "Xen" ELF notes that make this image a PV kernel (ABI.md
 * section 3).
 *
 * The loader reads them before anything else: a generic-loader PAE kernel for the
 * xen-3.0 interface, linked at VIRT_BASE (so pseudo-physical = VA - 0xC0000000), whose
 * hypercall page is hypercall_page. FEATURES requires nothing (no '!'); it only says the
 * page directory may live above 4 GiB, which this kernel does not mind.
 * guest.ld keeps ringo_xen_notes (EXTERN), since nothing else pulls this file from the
 * library.
 */
#define XEN_ELFNOTE_HYPERCALL_PAGE 2
#define XEN_ELFNOTE_VIRT_BASE 3
#define XEN_ELFNOTE_XEN_VERSION 5
#define XEN_ELFNOTE_GUEST_OS 6
#define XEN_ELFNOTE_GUEST_VERSION 7
#define XEN_ELFNOTE_LOADER 8
#define XEN_ELFNOTE_PAE_MODE 9
#define XEN_ELFNOTE_FEATURES 10

#define GUEST_VIRT_BASE 0xC0000000

/* One note: name "Xen", the given type, and a descriptor of the lines that follow. */
.macro xen_note type
	.p2align 2
	.long	4			/* name size, "Xen" and its terminator */
	.long	2f - 1f			/* descriptor size */
	.long	\type
	.asciz	"Xen"
	.p2align 2
1:
.endm

.macro end_note
2:	.p2align 2
.endm

	.section .note.Xen, "a", @note
	.globl	ringo_xen_notes
ringo_xen_notes:
	xen_note XEN_ELFNOTE_GUEST_OS
	.asciz	"Ringo"
	end_note
	xen_note XEN_ELFNOTE_GUEST_VERSION
	.asciz	"0.1"
	end_note
	xen_note XEN_ELFNOTE_XEN_VERSION
	.asciz	"xen-3.0"
	end_note
	xen_note XEN_ELFNOTE_LOADER
	.asciz	"generic"
	end_note
	xen_note XEN_ELFNOTE_PAE_MODE
	.asciz	"yes"
	end_note
	xen_note XEN_ELFNOTE_FEATURES
	.asciz	"pae_pgdir_above_4gb"
	end_note
	xen_note XEN_ELFNOTE_VIRT_BASE
	.long	GUEST_VIRT_BASE
	end_note
	xen_note XEN_ELFNOTE_HYPERCALL_PAGE
	.long	hypercall_page
	end_note

	.section .note.GNU-stack, "", @progbits
