"""conftest.py: the conformance harness (tests/conformance/).

One test per (arch, guest test): every name listed in build/<arch>/guests/tests/*.tests
(written by guests/guests.mk beside each test image). Each test boots a fresh QEMU through
tools/ringo-qemu with "test=<name>" on the guest command line and is judged from the
console markers (ringo_markers.py). Console logs go to build/test-results/logs/<arch>/.

Options: --arch=x86|arm64 limits the run to one arch (default: both). An arch whose images
are not built gets one failing test, not a silent skip. The JUnit XML (--junitxml) names
each guest testcase "<arch>/<test>" (pytest's own "test_guest[x86/hello]" is rewritten
when the session ends). RINGO_TEST_TIMEOUT (seconds) overrides the per-arch boot timeouts.
"""

import collections
import os
import xml.etree.ElementTree as ElementTree

import pytest

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
ARCHES = ("x86", "arm64")
# Per boot: x86 boots straight into the hypervisor; arm64 goes through U-Boot and TFTP.
TIMEOUTS = {"x86": 60, "arm64": 120}
GUEST_TEST_FUNCTION = "test_guest"

GuestCase = collections.namedtuple("GuestCase", "arch image name")


def pytest_addoption(parser):
    parser.addoption("--arch", choices=ARCHES, default=None,
                     help="run the conformance tests of one arch only (default: both)")


def tests_dir(arch):
    return os.path.join(ROOT, "build", arch, "guests", "tests")


def guest_cases(arch):
    """Every (image, test) of an arch, from the .tests files; [] when none are built."""
    directory = tests_dir(arch)
    if not os.path.isdir(directory):
        return []
    cases = []
    for entry in sorted(os.listdir(directory)):
        if not entry.endswith(".tests"):
            continue
        image = entry[:-len(".tests")]
        with open(os.path.join(directory, entry)) as listing:
            names = [line.strip() for line in listing if line.strip()]
        cases.extend(GuestCase(arch, image, name) for name in sorted(names))
    return cases


def selected_arches(config):
    chosen = config.getoption("--arch")
    return (chosen,) if chosen else ARCHES


def case_id(case):
    return "%s/%s" % (case.arch, case.name)


def pytest_generate_tests(metafunc):
    if metafunc.function.__name__ != GUEST_TEST_FUNCTION:
        return
    cases = []
    for arch in selected_arches(metafunc.config):
        found = guest_cases(arch)
        # Not built: one case that fails with instructions rather than nothing at all.
        cases.extend(found or [GuestCase(arch, None, "images-not-built")])
    seen = collections.Counter(case_id(c) for c in cases)
    duplicates = sorted(k for k, n in seen.items() if n > 1)
    if duplicates:
        raise pytest.UsageError("test names in more than one image: %s" % ", ".join(duplicates))
    metafunc.parametrize("guest_case", cases, ids=[case_id(c) for c in cases])


def _testcase_name(name):
    """'test_guest[x86/hello]' -> 'x86/hello'; None for other tests."""
    prefix = GUEST_TEST_FUNCTION + "["
    if name.startswith(prefix) and name.endswith("]"):
        return name[len(prefix):-1]
    return None


def rename_junit_testcases(path):
    """Rewrites the JUnit file so guest testcases are named exactly '<arch>/<test>'."""
    tree = ElementTree.parse(path)
    changed = False
    for testcase in tree.iter("testcase"):
        name = _testcase_name(testcase.get("name", ""))
        if name:
            testcase.set("name", name)
            testcase.set("classname", "conformance")
            changed = True
    if changed:
        tree.write(path, encoding="utf-8", xml_declaration=True)


@pytest.hookimpl(trylast=True)
def pytest_sessionfinish(session):
    # junitxml writes its file in its own pytest_sessionfinish; this one runs after it.
    path = session.config.getoption("xmlpath", None)
    if path and os.path.isfile(path):
        rename_junit_testcases(path)
