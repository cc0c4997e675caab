/*
 * notes.S: the "Xen" ELF notes of an ARM64 guest (ABI.md section 3, applied to section 8).
 *
 * Ringo's domain builder requires LOADER "generic" and XEN_VERSION "xen-3.0"; VIRT_BASE
 * says the image is linked at 0x40200000 (guest.ld), so pseudo-physical = VA - 0x40200000.
 * Guests make hypercalls inline (hypercall.S), so no HYPERCALL_PAGE is named.
 */
#include "public/elfnote.h"

#define GUEST_VIRT_BASE 0x40200000

/* The note header and name; the descriptor follows between labels 3 and 4. */
.macro xen_note_header type
	.balign	4
	.long	2f - 1f		/* name size */
	.long	4f - 3f		/* descriptor size */
	.long	\type
1:	.asciz	"Xen"
2:	.balign	4
.endm

.macro xen_note_string type, text
	xen_note_header \type
3:	.asciz	"\text"
4:	.balign	4
.endm

.macro xen_note_quad type, value
	xen_note_header \type
3:	.quad	\value
4:	.balign	4
.endm

	.section .note.Xen, "a", %note
	.global	guest_xen_notes
guest_xen_notes:
	xen_note_string XEN_ELFNOTE_GUEST_OS, "Ringo"
	xen_note_string XEN_ELFNOTE_GUEST_VERSION, "0.1"
	xen_note_string XEN_ELFNOTE_XEN_VERSION, "xen-3.0"
	xen_note_string XEN_ELFNOTE_LOADER, "generic"
	xen_note_quad XEN_ELFNOTE_VIRT_BASE, GUEST_VIRT_BASE

	.section .note.GNU-stack, "", %progbits
