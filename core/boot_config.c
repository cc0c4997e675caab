/*
 * boot_config.c: reading the boot-time domains from a device tree (bindings in
 * boot_config.h), with libfdt.
 *
 * The blob is checked whole first (fdt_check_full), so every later libfdt call works on a
 * well-formed tree; each property is then checked for its exact length before a cell is
 * read. Reading is two passes: every domain node into the table, then the ids (assigning
 * the missing ones, refusing duplicates, requiring domain 0) and the sort by id.
 *
 * Both hypervisors link Debian's libfdt for their arch (arch/<arch>/arch.mk gives this
 * file its headers); the host unit tests and fuzz targets link the host's. The parser runs
 * once, at boot, before any domain has run (core/init.c), and must stay so: on x86 libfdt's
 * stack-protector canary is reached through %gs, which is a guest register once guests
 * run (arch/x86/stack_protector.c).
 */
#include <libfdt.h>

#include "boot_config.h"
#include "lib.h"
#include "public/errno.h"

struct parser {
	const void *fdt;
	struct boot_config *out;
	int nodes[BOOT_CONFIG_MAX_DOMAINS];   /* each domain's node, for messages */
	bool has_id[BOOT_CONFIG_MAX_DOMAINS]; /* it named its domid */
};

/* Writes "<node path>: <message>" into out->error and returns err. */
static int fail(const struct parser *p, int node, int err, const char *fmt, ...) PRINTF_LIKE(4, 5);

static int fail(const struct parser *p, int node, int err, const char *fmt, ...)
{
	char path[96];
	size_t size = sizeof(p->out->error);
	size_t len;
	va_list args;

	if (node < 0 || fdt_get_path(p->fdt, node, path, sizeof(path)) != 0) {
		strlcpy(path, "device tree", sizeof(path));
	}
	len = (size_t)snprintf(p->out->error, size, "%s: ", path);
	if (len < size) {
		va_start(args, fmt);
		vsnprintf(p->out->error + len, size - len, fmt, args);
		va_end(args);
	}
	return err;
}

static uint64_t read_cells(const fdt32_t *cells, int count)
{
	uint64_t value = 0;

	for (int i = 0; i < count; i++) {
		value = (value << 32) | fdt32_ld(&cells[i]);
	}
	return value;
}

/*
 * A number property of one cell (or one or two when max_cells is 2). Absent: *present is
 * false and the result 0. Any other length is malformed.
 */
static int read_number(const struct parser *p, int node, const char *name, int max_cells,
		       uint64_t *value, bool *present)
{
	int len;
	const fdt32_t *cells = fdt_getprop(p->fdt, node, name, &len);

	*present = false;
	if (!cells) {
		return len == -FDT_ERR_NOTFOUND
			   ? 0
			   : fail(p, node, -EINVAL, "cannot read %s: %s", name, fdt_strerror(len));
	}
	if (len != 4 && (max_cells < 2 || len != 8)) {
		return fail(p, node, -EINVAL, "%s must be %s, not %d bytes", name,
			    max_cells < 2 ? "one cell" : "one or two cells", len);
	}
	*value = read_cells(cells, len / 4);
	*present = true;
	return 0;
}

/* A one-cell property with a default, at most max. */
static int read_u32(const struct parser *p, int node, const char *name, uint32_t fallback,
		    uint32_t max, uint32_t *value)
{
	uint64_t number = fallback;
	bool present;
	int rc = read_number(p, node, name, 1, &number, &present);

	if (rc) {
		return rc;
	}
	if (number > max) {
		return fail(p, node, -ERANGE, "%s = %llu is more than %u", name,
			    (unsigned long long)number, max);
	}
	*value = present ? (uint32_t)number : fallback;
	return 0;
}

/* An optional one-string property; "" when absent. */
static int read_string(const struct parser *p, int node, const char *name, const char **value)
{
	int len;
	const char *text = fdt_getprop(p->fdt, node, name, &len);

	if (!text) {
		*value = "";
		return len == -FDT_ERR_NOTFOUND
			   ? 0
			   : fail(p, node, -EINVAL, "cannot read %s: %s", name, fdt_strerror(len));
	}
	if (len < 1 || strnlen(text, (size_t)len) != (size_t)len - 1) {
		return fail(p, node, -EINVAL, "%s must be one NUL-terminated string", name);
	}
	*value = text;
	return 0;
}

/* No status, or "okay" (or "ok"); a malformed status counts as disabled. */
static bool node_enabled(const struct parser *p, int node)
{
	int len;
	const char *status = fdt_getprop(p->fdt, node, "status", &len);

	if (!status) {
		return true;
	}
	return len > 0 && status[len - 1] == '\0' &&
	       (!strcmp(status, "okay") || !strcmp(status, "ok"));
}

/* ---- modules ---- */

/* reg of a module node, in the cells its domain node declares. */
static int parse_reg(const struct parser *p, int domain_node, int node,
		     struct boot_config_module *m)
{
	int address_cells = fdt_address_cells(p->fdt, domain_node);
	int size_cells = fdt_size_cells(p->fdt, domain_node);
	const fdt32_t *reg;
	int len;

	if (address_cells < 1 || address_cells > 2 || size_cells < 1 || size_cells > 2) {
		return fail(p, domain_node, -EINVAL,
			    "#address-cells and #size-cells must be 1 or 2 for module reg");
	}
	reg = fdt_getprop(p->fdt, node, "reg", &len);
	if (!reg || len != (address_cells + size_cells) * 4) {
		return fail(p, node, -EINVAL, "reg must be one address (%d cells) and size (%d)",
			    address_cells, size_cells);
	}
	m->start = read_cells(reg, address_cells);
	m->size = read_cells(reg + address_cells, size_cells);
	if (m->size == 0) {
		return fail(p, node, -ERANGE, "the module is empty (size 0)");
	}
	if (m->start + m->size < m->start) {
		return fail(p, node, -ERANGE, "the module runs past the end of the address space");
	}
	return 0;
}

static int parse_module(const struct parser *p, int domain_node, int node,
			struct boot_config_module *m)
{
	bool has_reg = fdt_getprop(p->fdt, node, "reg", NULL) != NULL;
	uint64_t index;
	bool has_index;
	int rc;

	if (m->present) {
		return fail(p, node, -EINVAL, "a second module of this kind");
	}
	rc = read_number(p, node, "module-index", 1, &index, &has_index);
	if (rc) {
		return rc;
	}
	if (has_reg == has_index) {
		return fail(p, node, -EINVAL, "give exactly one of reg and module-index");
	}
	if (has_reg) {
		rc = parse_reg(p, domain_node, node, m);
	} else {
		m->by_index = true;
		m->index = (uint32_t)index;
	}
	if (!rc) {
		rc = read_string(p, node, "bootargs", &m->bootargs);
	}
	m->present = !rc;
	return rc;
}

/* Each enabled child that is a kernel or ramdisk module; other children are not ours. */
static int parse_modules(const struct parser *p, int domain_node, struct boot_config_domain *d)
{
	int rc = 0;

	for (int node = fdt_first_subnode(p->fdt, domain_node); node >= 0 && !rc;
	     node = fdt_next_subnode(p->fdt, node)) {
		if (!node_enabled(p, node)) {
			continue;
		}
		if (fdt_node_check_compatible(p->fdt, node, "multiboot,kernel") == 0) {
			rc = parse_module(p, domain_node, node, &d->kernel);
		} else if (fdt_node_check_compatible(p->fdt, node, "multiboot,ramdisk") == 0) {
			rc = parse_module(p, domain_node, node, &d->ramdisk);
		} else if (fdt_node_check_compatible(p->fdt, node, "multiboot,module") == 0) {
			rc = fail(p, node, -EINVAL, "a module that is neither kernel nor ramdisk");
		}
	}
	if (!rc && !d->kernel.present) {
		rc = fail(p, domain_node, -ENOENT, "no \"multiboot,kernel\" module");
	}
	return rc;
}

/* ---- a domain node ---- */

static int parse_memory(const struct parser *p, int node, struct boot_config_domain *d)
{
	bool present;
	int rc = read_number(p, node, "memory", 2, &d->memory_kib, &present);

	if (rc) {
		return rc;
	}
	if (!present) {
		return fail(p, node, -ENOENT, "no memory property (KiB)");
	}
	if (d->memory_kib == 0 || d->memory_kib > BOOT_CONFIG_MEMORY_MAX_KIB) {
		return fail(p, node, -ERANGE, "memory = %llu KiB: must be 4 .. %llu",
			    (unsigned long long)d->memory_kib, BOOT_CONFIG_MEMORY_MAX_KIB);
	}
	if (d->memory_kib % (PAGE_SIZE / 1024)) {
		return fail(p, node, -EINVAL, "memory = %llu KiB is not whole 4 KiB pages",
			    (unsigned long long)d->memory_kib);
	}
	return 0;
}

static int parse_bvt(const struct parser *p, int node, struct bvt_params *bvt)
{
	uint32_t weight, warp_us, limit_us, unwarp_us;
	int rc = read_u32(p, node, "ringo,bvt-weight", BVT_WEIGHT_DEFAULT, UINT32_MAX, &weight);

	if (!rc) {
		rc = read_u32(p, node, "ringo,bvt-warp-us", 0, UINT32_MAX, &warp_us);
	}
	if (!rc) {
		rc = read_u32(p, node, "ringo,bvt-warp-limit-us", 0, UINT32_MAX, &limit_us);
	}
	if (!rc) {
		rc = read_u32(p, node, "ringo,bvt-unwarp-us", 0, UINT32_MAX, &unwarp_us);
	}
	if (rc) {
		return rc;
	}
	*bvt = (struct bvt_params){.weight = weight,
				   .warp_ns = warp_us * 1000ULL,
				   .warp_limit_ns = limit_us * 1000ULL,
				   .unwarp_ns = unwarp_us * 1000ULL};
	if (bvt_params_check(bvt)) {
		return fail(p, node, -ERANGE,
			    "BVT parameters out of range: weight %u .. %u, warp and warp limit "
			    "at most %llu us, unwarp at most %llu us",
			    BVT_WEIGHT_MIN, BVT_WEIGHT_MAX, BVT_WARP_MAX_NS / 1000,
			    BVT_UNWARP_MAX_NS / 1000);
	}
	return 0;
}

/* One domain node; *has_id says whether it named its id (else one is assigned later). */
static int parse_domain(const struct parser *p, int node, struct boot_config_domain *d,
			bool *has_id)
{
	uint64_t id;
	int rc;

	*d = (struct boot_config_domain){.name = fdt_get_name(p->fdt, node, NULL)};
	rc = read_number(p, node, "domid", 1, &id, has_id);
	if (!rc && *has_id && id >= BOOT_CONFIG_MAX_DOMAINS) {
		rc = fail(p, node, -ERANGE, "domid = %llu: must be below %d",
			  (unsigned long long)id, BOOT_CONFIG_MAX_DOMAINS);
	}
	d->id = *has_id ? (uint16_t)id : 0;
	if (!rc) {
		rc = parse_memory(p, node, d);
	}
	if (!rc) {
		rc = read_u32(p, node, "cpus", 1, BOOT_CONFIG_MAX_VCPUS, &d->vcpus);
	}
	if (!rc && d->vcpus == 0) {
		rc = fail(p, node, -ERANGE, "cpus = 0");
	}
	if (!rc) {
		rc = parse_bvt(p, node, &d->bvt);
	}
	if (!rc) {
		rc = parse_modules(p, node, d);
	}
	return rc;
}

/* ---- ids ---- */

/* Gives each domain without an id the lowest unused one from 1, in node order. */
static int assign_ids(const struct parser *p)
{
	const bool *has_id = p->has_id;
	const int *nodes = p->nodes;
	struct boot_config *cfg = p->out;
	bool used[BOOT_CONFIG_MAX_DOMAINS] = {false};
	int next = 1;

	for (unsigned int i = 0; i < cfg->domain_count; i++) {
		if (!has_id[i]) {
			continue;
		}
		if (used[cfg->domain[i].id]) {
			return fail(p, nodes[i], -EEXIST, "domid %u is used by another domain",
				    cfg->domain[i].id);
		}
		used[cfg->domain[i].id] = true;
	}
	for (unsigned int i = 0; i < cfg->domain_count; i++) {
		if (has_id[i]) {
			continue;
		}
		while (next < BOOT_CONFIG_MAX_DOMAINS && used[next]) {
			next++;
		}
		if (next == BOOT_CONFIG_MAX_DOMAINS) {
			return fail(p, nodes[i], -E2BIG, "no domain id left to give it");
		}
		cfg->domain[i].id = (uint16_t)next;
		used[next] = true;
	}
	if (!used[0]) {
		return fail(p, -1, -ENOENT, "no domain 0 (domid = <0>) among the domains");
	}
	return 0;
}

static void sort_by_id(struct boot_config *cfg)
{
	for (unsigned int i = 1; i < cfg->domain_count; i++) {
		struct boot_config_domain d = cfg->domain[i];
		unsigned int j = i;

		for (; j > 0 && cfg->domain[j - 1].id > d.id; j--) {
			cfg->domain[j] = cfg->domain[j - 1];
		}
		cfg->domain[j] = d;
	}
	for (unsigned int i = 0; i < cfg->domain_count; i++) {
		cfg->domain[i].privileged = cfg->domain[i].id == 0;
	}
}

/* ---- the tree ---- */

static int check_blob(const struct parser *p, size_t size)
{
	int rc;

	if (size < sizeof(struct fdt_header)) {
		return fail(p, -1, -EINVAL, "blob of %zu bytes is too small", size);
	}
	rc = fdt_check_full(p->fdt, size);
	if (rc) {
		return fail(p, -1, -EINVAL, "not a valid device tree blob: %s", fdt_strerror(rc));
	}
	return 0;
}

static int parse_domains(struct parser *p, int chosen)
{
	struct boot_config *cfg = p->out;
	int rc = 0;

	for (int node = fdt_first_subnode(p->fdt, chosen); node >= 0 && !rc;
	     node = fdt_next_subnode(p->fdt, node)) {
		if (fdt_node_check_compatible(p->fdt, node, "xen,domain") != 0 ||
		    !node_enabled(p, node)) {
			continue;
		}
		if (cfg->domain_count == BOOT_CONFIG_MAX_DOMAINS) {
			return fail(p, node, -E2BIG, "more than %d domains",
				    BOOT_CONFIG_MAX_DOMAINS);
		}
		p->nodes[cfg->domain_count] = node;
		rc = parse_domain(p, node, &cfg->domain[cfg->domain_count],
				  &p->has_id[cfg->domain_count]);
		cfg->domain_count++;
	}
	if (rc) {
		return rc;
	}
	if (cfg->domain_count == 0) {
		return fail(p, chosen, -ENOENT, "no \"xen,domain\" node");
	}
	return assign_ids(p);
}

int boot_config_parse(const void *fdt, size_t size, struct boot_config *out)
{
	struct parser p = {.fdt = fdt, .out = out};
	int chosen;
	int rc;

	out->domain_count = 0;
	out->error[0] = '\0';
	rc = check_blob(&p, size);
	if (rc) {
		return rc;
	}
	chosen = fdt_path_offset(fdt, "/chosen");
	if (chosen < 0) {
		return fail(&p, -1, -ENOENT, "no /chosen node");
	}
	rc = parse_domains(&p, chosen);
	if (rc) {
		out->domain_count = 0;
		return rc;
	}
	sort_by_id(out);
	return 0;
}
