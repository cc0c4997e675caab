/*
 * cmdline.c: reading "name=value" options from command lines and sizes like "16M".
 */
#include "lib.h"

bool cmdline_get(const char *cmdline, const char *name, char *out, size_t out_size)
{
	size_t name_len = strlen(name);
	const char *p = cmdline;

	while (p && *p) {
		while (*p == ' ') {
			p++;
		}
		const char *word_end = strchr(p, ' ');
		size_t word_len = word_end ? (size_t)(word_end - p) : strlen(p);

		if (word_len > name_len && !strncmp(p, name, name_len) && p[name_len] == '=') {
			size_t value_len = word_len - name_len - 1;
			if (out_size) {
				size_t n = value_len < out_size - 1 ? value_len : out_size - 1;
				memcpy(out, p + name_len + 1, n);
				out[n] = '\0';
			}
			return true;
		}
		p = word_end;
	}
	return false;
}

bool parse_size(const char *text, uint64_t *bytes)
{
	char *end;
	uint64_t value;

	if (*text < '0' || *text > '9') {
		return false;
	}
	value = strtoul(text, &end, 0);
	switch (*end) {
	case 'G':
	case 'g':
		value <<= 30;
		end++;
		break;
	case 'M':
	case 'm':
		value <<= 20;
		end++;
		break;
	case 'K':
	case 'k':
		value <<= 10;
		end++;
		break;
	default:
		break;
	}
	if (*end) {
		return false;
	}
	*bytes = value;
	return true;
}
