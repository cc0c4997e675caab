"""ringo_markers: judging one conformance test boot from its console (pure Python).

The in-guest runner (guests/lib/test.c, protocol in guests/lib/include/test.h) prints,
inside the hypervisor's "(d0) " console lines:

    RINGO-TEST: START <name>
    RINGO-TEST: FAIL <name> <file>:<line>: <what>      (one per failed expectation)
    RINGO-TEST: PASS <name>   or   RINGO-TEST: FAILED <name>
    RINGO-TEST: EXPECT-CRASH <name>                    (the hypervisor should crash it next)

Each domain's console lines carry its "(dN) " prefix. In a multi-domain test (a boot
configuration where every domain runs the test image) every domain prints its markers;
START, PASS and EXPECT-CRASH count from domain 0, the test driver, only, while a FAIL or
FAILED from any domain fails the test.

A test passes when domain 0 printed START and PASS, nobody printed FAIL/FAILED, and the
machine powered off; or, after EXPECT-CRASH, when the machine stopped as crashed and the hypervisor said
"ringo: d0 crashed:" or "ringo: d0 shutdown: crash" after the marker. A panic or a
timeout always fails.
"""

import collections
import re

# tools/ringo-qemu's exit status -> machine status.
EXIT_STATUS = {0: "poweroff", 1: "crash", 2: "panic", 3: "reboot", 4: "timeout", 5: "error"}

MARKER_RE = re.compile(r"RINGO-TEST: (START|PASS|FAILED|FAIL|EXPECT-CRASH) ([^\s:]+):?(?: (.*))?$")
CRASH_LINES = ("ringo: d0 crashed:", "ringo: d0 shutdown: crash")
PANIC_LINE = "ringo: panic"

DOMAIN_RE = re.compile(r"^\(d(\d+)\) ")

# domain: the N of the line's "(dN) " prefix, None for a line without one.
Marker = collections.namedtuple("Marker", "kind name detail line_index domain")
Verdict = collections.namedtuple("Verdict", "passed reason")


def status_name(exit_code):
    """The machine status for a ringo-qemu exit code ("error" for anything unknown)."""
    return EXIT_STATUS.get(exit_code, "error")


def parse(console):
    """Every marker in the console text, in order (markers may sit anywhere in a line)."""
    markers = []
    for index, line in enumerate(console.splitlines()):
        match = MARKER_RE.search(line.rstrip("\r"))
        if match:
            domain = DOMAIN_RE.match(line)
            markers.append(Marker(match.group(1), match.group(2), match.group(3) or "",
                                  index, int(domain.group(1)) if domain else None))
    return markers


def _crash_reported_after(lines, index):
    return any(any(c in line for c in CRASH_LINES) for line in lines[index + 1:])


def judge(console, status, name):
    """Verdict for test `name` given the console text and the machine status."""
    lines = console.splitlines()
    everyone = [m for m in parse(console) if m.name == name]
    mine = [m for m in everyone if m.domain in (None, 0)]
    kinds = [m.kind for m in mine]
    failures = ["%s%s" % ("" if m.domain in (None, 0) else "d%d: " % m.domain, m.detail)
                for m in everyone if m.kind == "FAIL"]
    failed_elsewhere = [m for m in everyone if m.kind == "FAILED" and m not in mine]

    if any(PANIC_LINE in line for line in lines):
        return Verdict(False, "the hypervisor panicked")
    if status == "timeout":
        return Verdict(False, "timed out (no 'ringo: shutdown:' before the deadline)")
    if "START" not in kinds:
        return Verdict(False, "no 'RINGO-TEST: START %s' on the console (status %s)"
                       % (name, status))
    if failures:
        return Verdict(False, "expectation failed: " + "; ".join(failures))
    if failed_elsewhere:
        return Verdict(False, "domain %d reported FAILED" % failed_elsewhere[0].domain)
    if "FAILED" in kinds:
        detail = next(m.detail for m in mine if m.kind == "FAILED")
        return Verdict(False, "the guest reported FAILED" + (": " + detail if detail else ""))
    if "EXPECT-CRASH" in kinds:
        return _judge_expected_crash(lines, mine, status)
    if "PASS" not in kinds:
        return Verdict(False, "no 'RINGO-TEST: PASS %s' (status %s)" % (name, status))
    if status != "poweroff":
        return Verdict(False, "the test passed but the machine stopped with %s, not poweroff"
                       % status)
    return Verdict(True, "passed")


def _judge_expected_crash(lines, mine, status):
    marker = next(m for m in mine if m.kind == "EXPECT-CRASH")
    if status != "crash":
        return Verdict(False, "a crash was expected but the machine stopped with %s" % status)
    if not _crash_reported_after(lines, marker.line_index):
        return Verdict(False, "a crash was expected but the hypervisor did not report"
                       " 'ringo: d0 crashed:' or 'ringo: d0 shutdown: crash' after it")
    return Verdict(True, "crashed as expected")


def judge_prefixes(console, name):
    """For a multi-domain run: every marker of test `name` sits on a line with its
    domain's "(dN) " prefix (the hypervisor labels each domain's console output)."""
    bare = [m for m in parse(console) if m.name == name and m.domain is None]
    if bare:
        return Verdict(False, "console line %d carries a marker without its (dN) prefix"
                       % (bare[0].line_index + 1))
    return Verdict(True, "passed")
