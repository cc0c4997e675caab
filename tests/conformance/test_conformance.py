"""test_conformance.py: the guest conformance tests, and the harness's own tests.

test_guest runs once per (arch, guest test) (see conftest.py): a fresh QEMU boots the
hypervisor with the test image as domain 0 and "test=<name>" on its command line, and the
console decides (ringo_markers.judge). The test_markers_* tests check the judge itself on
made-up consoles, without QEMU.
"""

import os
import subprocess
import sys

import pytest

import conftest
import ringo_markers

PYTHON = "/usr/bin/python3"
LOG_DIR = os.path.join(conftest.ROOT, "build", "test-results", "logs")
TAIL_LINES = 40


def boot_timeout(arch):
    override = os.environ.get("RINGO_TEST_TIMEOUT")
    return float(override) if override else float(conftest.TIMEOUTS[arch])


def launcher_command(case):
    """The ringo-qemu command of one case. An image built with a boot configuration
    (guests/tests/<image>/system.dts -> build/<arch>/guests/tests/<image>.dtb) is booted
    with --config, every domain of it running the image; a file ICOUNT in the test
    directory asks for -icount shift=0 (see guests/guests.mk)."""
    arch = case.arch
    base = os.path.join("build", arch, "guests", "tests", case.image)
    command = [PYTHON, "tools/ringo-qemu", "--arch", arch,
               "--hypervisor", os.path.join("build", arch, "ringo.img"),
               "--module", "%s.elf test=%s" % (base, case.name),
               "--timeout", str(boot_timeout(arch))]
    if os.path.isfile(os.path.join(conftest.ROOT, base + ".dtb")):
        command += ["--config", base + ".dtb"]
    if os.path.isfile(os.path.join(conftest.ROOT, "guests", "tests", case.image, "ICOUNT")):
        command.append("--icount")
    return command


def boot(case):
    """Runs one fresh QEMU; returns (console, machine status, launcher summary)."""
    command = launcher_command(case)
    # The launcher enforces the timeout; the extra margin only guards against it hanging.
    try:
        proc = subprocess.run(command, cwd=conftest.ROOT, stdin=subprocess.DEVNULL,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              timeout=boot_timeout(case.arch) + 60)
        stdout, stderr, status = proc.stdout, proc.stderr, \
            ringo_markers.status_name(proc.returncode)
    except subprocess.TimeoutExpired as expired:
        stdout, stderr, status = expired.stdout or b"", b"ringo-qemu itself hung", "timeout"
    console = stdout.decode("utf-8", errors="replace").replace("\r\n", "\n")
    return console, status, stderr.decode("utf-8", errors="replace"), command


def save_log(case, command, console, summary):
    directory = os.path.join(LOG_DIR, case.arch)
    os.makedirs(directory, exist_ok=True)
    path = os.path.join(directory, case.name + ".log")
    with open(path, "w") as log:
        log.write("$ %s\n" % " ".join(command))
        log.write(console)
        log.write("\n--- ringo-qemu ---\n" + summary)
    return path


def tail(text, count=TAIL_LINES):
    return "\n".join(text.splitlines()[-count:])


def test_guest(guest_case):
    case = guest_case
    if case.image is None:
        pytest.fail("no guest test images for %s in %s: build them with `make ARCH=%s`"
                    % (case.arch, os.path.relpath(conftest.tests_dir(case.arch),
                                                  conftest.ROOT), case.arch),
                    pytrace=False)
    console, status, summary, command = boot(case)
    log = save_log(case, command, console, summary)
    verdict = ringo_markers.judge(console, status, case.name)
    if verdict.passed and "--config" in command:
        verdict = ringo_markers.judge_prefixes(console, case.name)
    if not verdict.passed:
        pytest.fail("%s/%s: %s\n(machine status %s; log %s)\n--- console tail ---\n%s\n%s"
                    % (case.arch, case.name, verdict.reason, status,
                       os.path.relpath(log, conftest.ROOT), tail(console), summary.strip()),
                    pytrace=False)


# ---- the harness's own tests: the judge on made-up consoles ----

BANNER = "Ringo hypervisor (x86), a paravirtualizing hypervisor after Xen\n"


def console_of(*guest_lines, hypervisor_tail=("ringo: d0 shutdown: poweroff",
                                              "ringo: shutdown: poweroff")):
    lines = [BANNER.strip()] + ["(d0) " + line for line in guest_lines]
    return "\n".join(lines + list(hypervisor_tail)) + "\n"


def test_markers_parse_finds_markers_inside_lines():
    text = console_of("RINGO-TEST: START hello", "Hello from domain 0",
                      "RINGO-TEST: FAIL hello guests/tests/hello/hello.c:17: expected x",
                      "RINGO-TEST: FAILED hello")
    markers = ringo_markers.parse(text)
    assert [(m.kind, m.name) for m in markers] == [
        ("START", "hello"), ("FAIL", "hello"), ("FAILED", "hello")]
    assert markers[1].detail == "guests/tests/hello/hello.c:17: expected x"
    assert markers[0].line_index == 1


def test_markers_pass():
    text = console_of("RINGO-TEST: START hello", "RINGO-TEST: PASS hello")
    assert ringo_markers.judge(text, "poweroff", "hello").passed


def test_markers_other_tests_markers_do_not_count():
    text = console_of("RINGO-TEST: START other", "RINGO-TEST: PASS other")
    verdict = ringo_markers.judge(text, "poweroff", "hello")
    assert not verdict.passed and "START hello" in verdict.reason
    text = console_of("RINGO-TEST: START hello", "RINGO-TEST: PASS hello_world")
    assert not ringo_markers.judge(text, "poweroff", "hello").passed


def test_markers_fail_line_fails_even_with_pass():
    text = console_of("RINGO-TEST: START hello", "RINGO-TEST: FAIL hello a.c:3: expected 1",
                      "RINGO-TEST: PASS hello")
    verdict = ringo_markers.judge(text, "poweroff", "hello")
    assert not verdict.passed and "a.c:3: expected 1" in verdict.reason


def test_markers_failed_and_missing_test():
    text = console_of("RINGO-TEST: START hello", "RINGO-TEST: FAILED hello")
    assert not ringo_markers.judge(text, "poweroff", "hello").passed
    text = console_of("RINGO-TEST: FAILED nosuch: no such test in this image")
    verdict = ringo_markers.judge(text, "poweroff", "nosuch")
    assert not verdict.passed and "START nosuch" in verdict.reason


def test_markers_pass_needs_poweroff():
    text = console_of("RINGO-TEST: START hello", "RINGO-TEST: PASS hello",
                      hypervisor_tail=("ringo: shutdown: reboot",))
    verdict = ringo_markers.judge(text, "reboot", "hello")
    assert not verdict.passed and "reboot" in verdict.reason
    assert not ringo_markers.judge(console_of("RINGO-TEST: START hello"), "poweroff",
                                   "hello").passed


def test_markers_panic_and_timeout_always_fail():
    text = console_of("RINGO-TEST: START hello", "RINGO-TEST: PASS hello",
                      hypervisor_tail=("ringo: panic: core/x.c:1: check failed",
                                       "ringo: shutdown: panic"))
    assert not ringo_markers.judge(text, "poweroff", "hello").passed
    text = console_of("RINGO-TEST: START hello", "RINGO-TEST: PASS hello")
    assert not ringo_markers.judge(text, "timeout", "hello").passed


def test_markers_expected_crash():
    crashed = ("ringo: d0 crashed: bad trap", "ringo: d0 shutdown: crash",
               "ringo: shutdown: crash")
    text = console_of("RINGO-TEST: START boom", "RINGO-TEST: EXPECT-CRASH boom",
                      hypervisor_tail=crashed)
    assert ringo_markers.judge(text, "crash", "boom").passed
    text = console_of("RINGO-TEST: START boom", "RINGO-TEST: EXPECT-CRASH boom",
                      hypervisor_tail=crashed[1:])
    assert ringo_markers.judge(text, "crash", "boom").passed, "shutdown: crash suffices"


def test_markers_expected_crash_must_happen():
    text = console_of("RINGO-TEST: START boom", "RINGO-TEST: EXPECT-CRASH boom")
    assert not ringo_markers.judge(text, "poweroff", "boom").passed
    text = console_of("RINGO-TEST: START boom", "RINGO-TEST: EXPECT-CRASH boom",
                      hypervisor_tail=("ringo: shutdown: crash",))
    verdict = ringo_markers.judge(text, "crash", "boom")
    assert not verdict.passed and "did not report" in verdict.reason


def test_markers_crash_before_the_marker_does_not_count():
    text = "\n".join(["(d0) RINGO-TEST: START boom", "ringo: d0 crashed: early",
                      "(d0) RINGO-TEST: EXPECT-CRASH boom", "ringo: shutdown: crash"])
    assert not ringo_markers.judge(text, "crash", "boom").passed


def test_markers_unexpected_crash_fails():
    text = console_of("RINGO-TEST: START hello",
                      hypervisor_tail=("ringo: d0 crashed: page fault",
                                       "ringo: d0 shutdown: crash", "ringo: shutdown: crash"))
    assert not ringo_markers.judge(text, "crash", "hello").passed


def test_markers_multi_domain():
    lines = ["(d0) RINGO-TEST: START pp", "(d1) RINGO-TEST: START pp",
             "(d1) RINGO-TEST: PASS pp", "(d0) RINGO-TEST: PASS pp",
             "ringo: d0 shutdown: poweroff", "ringo: shutdown: poweroff"]
    assert ringo_markers.judge("\n".join(lines) + "\n", "poweroff", "pp").passed
    assert [m.domain for m in ringo_markers.parse("\n".join(lines))][:2] == [0, 1]


def test_markers_multi_domain_needs_dom0_pass():
    lines = ["(d0) RINGO-TEST: START pp", "(d1) RINGO-TEST: START pp",
             "(d1) RINGO-TEST: PASS pp", "ringo: shutdown: poweroff"]
    verdict = ringo_markers.judge("\n".join(lines) + "\n", "poweroff", "pp")
    assert not verdict.passed and "PASS" in verdict.reason


def test_markers_multi_domain_domu_failure_counts():
    lines = ["(d0) RINGO-TEST: START pp", "(d2) RINGO-TEST: FAIL pp a.c:9: expected y",
             "(d0) RINGO-TEST: PASS pp", "ringo: shutdown: poweroff"]
    verdict = ringo_markers.judge("\n".join(lines) + "\n", "poweroff", "pp")
    assert not verdict.passed and "d2: a.c:9: expected y" in verdict.reason
    lines[1] = "(d2) RINGO-TEST: FAILED pp"
    verdict = ringo_markers.judge("\n".join(lines) + "\n", "poweroff", "pp")
    assert not verdict.passed and "domain 2" in verdict.reason


def test_markers_prefixes_in_multi_domain_runs():
    good = "(d0) RINGO-TEST: START pp\n(d1) RINGO-TEST: START pp\n(d0) RINGO-TEST: PASS pp\n"
    assert ringo_markers.judge_prefixes(good, "pp").passed
    bad = "(d0) RINGO-TEST: START pp\nRINGO-TEST: START pp\n(d0) RINGO-TEST: PASS pp\n"
    verdict = ringo_markers.judge_prefixes(bad, "pp")
    assert not verdict.passed and "prefix" in verdict.reason


def test_markers_exit_codes():
    assert [ringo_markers.status_name(c) for c in range(6)] == [
        "poweroff", "crash", "panic", "reboot", "timeout", "error"]
    assert ringo_markers.status_name(130) == "error"
    assert ringo_markers.status_name(-9) == "error"


def test_junit_names_rewritten(tmp_path):
    xml = tmp_path / "r.xml"
    xml.write_text('<?xml version="1.0"?><testsuites><testsuite name="pytest">'
                   '<testcase classname="test_conformance" name="test_guest[x86/hello]"/>'
                   '<testcase classname="test_conformance" name="test_markers_pass"/>'
                   '</testsuite></testsuites>')
    conftest.rename_junit_testcases(str(xml))
    text = xml.read_text()
    assert 'name="x86/hello"' in text and 'classname="conformance"' in text
    assert 'name="test_markers_pass"' in text


if __name__ == "__main__":
    sys.exit(pytest.main([__file__]))
