"""`posyandu-desktop simulate-scale`: a virtual serial scale, to try the measuring desk."""

from __future__ import annotations

import argparse
import itertools
import sys
import time
from collections.abc import Sequence
from pathlib import Path


def _weights(text: str) -> list[float]:
    try:
        weights = [float(part) for part in text.split(",") if part.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError("weights are numbers in kg: 9.6,12.3") from None
    if not weights or any(not 0 < w <= 200 for w in weights):
        raise argparse.ArgumentTypeError("weights are between 0 and 200 kg")
    return weights


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `simulate-scale` subcommand."""
    from posyandu_desktop.devices.simulator import (
        FORMATS,
        SUPPORTED,
        PtySimulator,
        Timing,
        scale_lines,
    )

    parser = argparse.ArgumentParser(
        prog="posyandu-desktop simulate-scale",
        description="Stream scale readings on a virtual serial port (settling, stable, taken "
        "off) until Ctrl+C. The port's path is printed on standard output.",
    )
    parser.add_argument("--weights", type=_weights, default=[9.6, 12.3], help="kg, e.g. 9.6,12.3")
    parser.add_argument("--format", choices=sorted(FORMATS), default="ad", help="line format")
    parser.add_argument("--rate", type=float, default=10.0, help="lines per second")
    parser.add_argument("--link", type=Path, help="also reach the port through this symlink")
    args = parser.parse_args(argv)
    if not SUPPORTED:
        print("simulate-scale needs Linux or macOS (a pseudo-terminal)", file=sys.stderr)
        return 2
    if args.rate <= 0:
        parser.error("--rate must be positive")
    lines = scale_lines(
        itertools.cycle(args.weights), args.format, timing=Timing(rate_hz=args.rate)
    )
    with PtySimulator(lines, rate_hz=args.rate, link=args.link) as simulator:
        print(simulator.path, flush=True)
        weights = ", ".join(f"{w:g}" for w in args.weights)
        print(
            f"Simulated scale ({args.format}, {weights} kg in turn) on {simulator.path}: choose "
            "this port in the scale settings. Ctrl+C stops.",
            file=sys.stderr,
            flush=True,
        )
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            pass
    return 0
