"""Habits of the test suite: no wall-clock figure decides whether a unit test passes.

A test that asserts ``elapsed < 1.0`` fails on a busy machine, not on a bug. Timings belong in
bench/ (the benches print the figure); the tests keep the behaviour. The check, per test
function: no ``assert`` compares a difference of clock readings (``time.perf_counter()``,
``monotonic()``, ``time.time()``...), a name holding one, or a figure returned by a call
handed code that reads the clock (a subprocess timing itself).
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

TESTS = Path(__file__).resolve().parents[1]
CLOCKS = {
    "perf_counter",
    "perf_counter_ns",
    "monotonic",
    "monotonic_ns",
    "process_time",
    "process_time_ns",
    "time",
    "time_ns",
    "default_timer",
}
CLOCK_TEXT = ("perf_counter(", "monotonic(", "time.time(", "process_time(", "default_timer(")
# A measured time stays one through these; any other call makes something else of it
# (``time.sleep(length)``, ``[crash_after(length) ...]``).
NUMBER_CALLS = {"float", "int", "round", "abs", "min", "max", "sum"}


def _calls_clock(node: ast.AST) -> bool:
    """``time.perf_counter()``, ``timeit.default_timer()``, ``monotonic()``..."""
    if not isinstance(node, ast.Call):
        return False
    func = node.func
    if isinstance(func, ast.Attribute):
        return func.attr in CLOCKS and isinstance(func.value, ast.Name)
    return isinstance(func, ast.Name) and func.id in CLOCKS - {"time"}


def _arithmetic(node: ast.AST) -> Iterator[ast.AST]:
    """``node`` and its parts, leaving out what is handed to a call other than NUMBER_CALLS."""
    yield node
    if isinstance(node, ast.Call) and not (
        isinstance(node.func, ast.Name) and node.func.id in NUMBER_CALLS
    ):
        return
    for child in ast.iter_child_nodes(node):
        yield from _arithmetic(child)


def _clock_text(node: ast.AST) -> bool:
    """Code in a string that reads the clock (run by ``python -c``)."""
    return (
        isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and any(text in node.value for text in CLOCK_TEXT)
    )


@dataclass
class _Function:
    readings: set[str] = field(default_factory=set)  # started = time.perf_counter()
    probes: set[str] = field(default_factory=set)  # script = "...time.perf_counter()..."
    measured: set[str] = field(default_factory=set)  # elapsed = time.perf_counter() - started

    def _has(self, node: ast.AST, names: set[str], test: Callable[[ast.AST], bool]) -> bool:
        return any((isinstance(n, ast.Name) and n.id in names) or test(n) for n in ast.walk(node))

    def is_reading(self, node: ast.AST) -> bool:
        return self._has(node, self.readings, _calls_clock)

    def is_probe(self, node: ast.AST) -> bool:
        return self._has(node, self.probes, _clock_text)

    def is_measure(self, node: ast.AST) -> bool:
        for n in _arithmetic(node):
            if isinstance(n, ast.Name) and n.id in self.measured:
                return True
            if (
                isinstance(n, ast.BinOp)
                and isinstance(n.op, ast.Sub)
                and (self.is_reading(n.left) or self.is_reading(n.right))
            ):
                return True
            if isinstance(n, ast.Call):
                given = [*n.args, *(k.value for k in n.keywords)]
                if any(self.is_probe(arg) for arg in given):
                    return True
        return False


def _assignments(function: ast.AST) -> list[tuple[set[str], ast.AST]]:
    found: list[tuple[set[str], ast.AST]] = []
    for node in ast.walk(function):
        if isinstance(node, ast.Assign):
            targets, value = list(node.targets), node.value
        elif isinstance(node, ast.AnnAssign | ast.AugAssign) and node.value is not None:
            targets, value = [node.target], node.value
        else:
            continue
        names = {n.id for t in targets for n in ast.walk(t) if isinstance(n, ast.Name)}
        found.append((names, value))
    return found


def timing_asserts(text: str) -> list[int]:
    """The lines of ``text`` where an assert compares a measured time."""
    lines: set[int] = set()
    for function in ast.walk(ast.parse(text)):
        if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        seen = _Function()
        assignments = _assignments(function)
        changed = True
        while changed:  # until every name's kind is known (a name may feed an earlier line)
            changed = False
            for names, value in assignments:
                if seen.is_measure(value):
                    kind = seen.measured
                elif seen.is_probe(value):
                    kind = seen.probes
                elif seen.is_reading(value):
                    kind = seen.readings
                else:
                    continue
                if not names <= kind:
                    kind |= names
                    changed = True
        for node in ast.walk(function):
            if isinstance(node, ast.Assert) and any(
                isinstance(n, ast.Compare) and seen.is_measure(n) for n in ast.walk(node.test)
            ):
                lines.add(node.lineno)
    return sorted(lines)


def test_no_test_asserts_on_a_wall_clock_time() -> None:
    found = {
        str(path.relative_to(TESTS.parent)): timing_asserts(path.read_text(encoding="utf-8"))
        for path in TESTS.rglob("*.py")
        if path != Path(__file__).resolve()  # its own samples below read the clock on purpose
    }
    assert {k: v for k, v in found.items() if v} == {}


# The patterns this check replaced (tests/ui/test_fonts.py, tests/exchange/test_import_errors.py,
# tests/core/test_languages.py before the timings moved to bench/), and what it lets be.
TIMED = """
def test_install() -> None:
    started = time.perf_counter()
    loaded = install_fonts()
    elapsed = time.perf_counter() - started
    assert loaded
    assert elapsed < 1.0

def test_garbage(factory, path) -> None:
    tracemalloc.start()
    started = time.perf_counter()
    report = failed_import(factory, "children", path)
    elapsed = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    assert elapsed < 5 and peak < 20_000_000

def test_nonsense(factory, path) -> None:
    started = time.perf_counter()
    report = failed_import(factory, "children", path)
    assert time.perf_counter() - started < 10
    assert len(report.errors) == 1000

def test_building_the_list_is_fast() -> None:
    script = (
        "import time; t = time.perf_counter();"
        "language_choices(); print(time.perf_counter() - t)"
    )
    seconds = float(
        subprocess.run([sys.executable, "-c", script], capture_output=True).stdout
    )
    assert seconds < 1.5, seconds
"""
UNTIMED = """
def test_wait_then_kill(process) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.02)
    assert process.poll() is None, "finished before it could be interrupted"

def test_kill_at_random_moments(process) -> None:
    started = time.perf_counter()
    length = time.perf_counter() - started
    outcomes = [crash_after(rng.uniform(0, length)) for _ in range(20)]
    assert len(outcomes) == 20
"""


def test_the_check_finds_the_timings_it_replaced_and_only_them() -> None:
    assert timing_asserts(TIMED) == [7, 15, 20, 31]
    assert timing_asserts(UNTIMED) == []
