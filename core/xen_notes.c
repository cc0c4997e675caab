/*
 * xen_notes.c: reading a PV kernel's "Xen" ELF notes (ABI.md section 3).
 *
 * Numeric notes are little-endian integers of 4 or 8 bytes; string notes are terminated
 * within their descriptor. FEATURES is a '|'-separated list where '!' marks a feature the
 * kernel requires; an unknown optional feature is ignored, an unknown required one refused.
 */
#include "domain_build.h"
#include "elf.h"
#include "lib.h"
#include "public/elfnote.h"
#include "public/errno.h"

static const char *const feature_names[] = {
    "writable_page_tables",   "writable_descriptor_tables", "auto_translated_physmap",
    "supervisor_mode_kernel", "pae_pgdir_above_4gb",
};

static bool note_number(const struct elf_note *note, uint64_t *value)
{
	if (note->desc_len != 4 && note->desc_len != 8) {
		return false;
	}
	*value = 0;
	for (size_t i = note->desc_len; i > 0; i--) {
		*value = (*value << 8) | note->desc[i - 1];
	}
	return true;
}

/* A string note must be terminated inside its descriptor. */
static const char *note_string(const struct elf_note *note)
{
	if (!note->desc_len || !memchr(note->desc, '\0', note->desc_len)) {
		return NULL;
	}
	return (const char *)note->desc;
}

static int parse_feature(const char *word, size_t len, struct xen_guest_params *params)
{
	bool required = len && word[0] == '!';

	if (required) {
		word++;
		len--;
	}
	for (unsigned int i = 0; i < ARRAY_SIZE(feature_names); i++) {
		if (strlen(feature_names[i]) == len && !strncmp(feature_names[i], word, len)) {
			params->features_supported |= 1U << i;
			if (required) {
				params->features_required |= 1U << i;
			}
			return 0;
		}
	}
	return required ? -EINVAL : 0;
}

static int parse_features(const char *list, struct xen_guest_params *params)
{
	while (*list) {
		const char *bar = strchr(list, '|');
		size_t len = bar ? (size_t)(bar - list) : strlen(list);
		int rc = parse_feature(list, len, params);

		if (rc) {
			return rc;
		}
		list += len + (bar ? 1 : 0);
	}
	return 0;
}

static int parse_number_note(const struct elf_note *note, struct xen_guest_params *params)
{
	uint64_t value;

	if (!note_number(note, &value)) {
		return -EINVAL;
	}
	switch (note->type) {
	case XEN_ELFNOTE_ENTRY:
		params->entry = value;
		params->has_entry = true;
		break;
	case XEN_ELFNOTE_HYPERCALL_PAGE:
		params->hypercall_page = value;
		params->has_hypercall_page = true;
		break;
	case XEN_ELFNOTE_VIRT_BASE:
		params->virt_base = value;
		break;
	default: /* XEN_ELFNOTE_PADDR_OFFSET */
		params->paddr_offset = value;
		params->has_paddr_offset = true;
		break;
	}
	return 0;
}

static int parse_string_note(const struct elf_note *note, struct xen_guest_params *params)
{
	const char *text = note_string(note);

	if (!text) {
		return -EINVAL;
	}
	switch (note->type) {
	case XEN_ELFNOTE_GUEST_OS:
		strlcpy(params->guest_os, text, sizeof(params->guest_os));
		return 0;
	case XEN_ELFNOTE_LOADER:
		params->loader_generic = !strcmp(text, "generic");
		return 0;
	case XEN_ELFNOTE_XEN_VERSION:
		params->xen_version_ok = !strcmp(text, "xen-3.0");
		return 0;
	case XEN_ELFNOTE_PAE_MODE:
		params->pae_yes = !strcmp(text, "yes") || !strcmp(text, "bimodal");
		return 0;
	case XEN_ELFNOTE_FEATURES:
		return parse_features(text, params);
	default:
		return 0;
	}
}

static int parse_note(const struct elf_note *note, void *context)
{
	struct xen_guest_params *params = context;

	if (note->name_len != 3 || memcmp(note->name, XEN_ELFNOTE_NAME, 3)) {
		return 0;
	}
	params->has_notes = true;
	switch (note->type) {
	case XEN_ELFNOTE_ENTRY:
	case XEN_ELFNOTE_HYPERCALL_PAGE:
	case XEN_ELFNOTE_VIRT_BASE:
	case XEN_ELFNOTE_PADDR_OFFSET:
		return parse_number_note(note, params);
	case XEN_ELFNOTE_GUEST_OS:
	case XEN_ELFNOTE_LOADER:
	case XEN_ELFNOTE_XEN_VERSION:
	case XEN_ELFNOTE_PAE_MODE:
	case XEN_ELFNOTE_FEATURES:
		return parse_string_note(note, params);
	default:
		return 0; /* notes Ringo does not use */
	}
}

int xen_notes_parse(const struct elf_image *image, struct xen_guest_params *params)
{
	*params = (struct xen_guest_params){0};
	return elf_for_each_note(image, parse_note, params);
}
