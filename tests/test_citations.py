"""Every citation in a comment or docstring resolves inside the repository.

Comments and docstrings of the package, tests, benchmarks and installer (and their Markdown, CSV
and text files) may cite `docs/...` files, which must exist (with the `#section` heading when
one is given). They must not cite the team's notes outside the repository or an issue number:
a reader of the repository has neither.
"""

from __future__ import annotations

import io
import re
import tokenize
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCANNED = ("posyandu_desktop", "tests", "benchmarks", "installer")
TEXT_SUFFIXES = {".md", ".csv", ".txt", ".spec", ".iss", ".toml"}

# The reference notes that lived beside the repository, and paths that leave it.
OUTSIDE = re.compile(
    r"(?<![\w/-])(?:domain|peers|zscore-notes|eppgbm|ilp)\.md\b|\.\./shared\b|/work/|shared/reference"
)
ISSUE = re.compile(r"\bissues? #?\d+", re.IGNORECASE)
DOCS_PATH = re.compile(r"\bdocs/[\w./-]*(?:#[\w-]+)?")
# Any other Markdown file named: a path from the root, or the name of a file in the repository.
MARKDOWN = re.compile(r"(?<![\w/.-])((?:[\w.-]+/)*[\w-]+\.md)\b")
KNOWN_TOPS = ("posyandu_desktop", "tests", "benchmarks", "installer", "docs", "resources")


def _commentary(path: Path) -> list[tuple[int, str]]:
    """(line, text) of every comment and triple-quoted string of a Python file, or every line of
    a text file."""
    source = path.read_text(encoding="utf-8")
    if path.suffix != ".py":
        return list(enumerate(source.splitlines(), start=1))
    found = []
    for tok in tokenize.generate_tokens(io.StringIO(source).readline):
        if tok.type == tokenize.COMMENT or (
            tok.type == tokenize.STRING and tok.string.lstrip("rRbBuUfF")[:3] in ('"""', "'''")
        ):
            found.append((tok.start[0], tok.string))
    return found


def _files() -> list[Path]:
    return sorted(
        path
        for top in SCANNED
        for path in (ROOT / top).rglob("*")
        if path.is_file()
        and (path.suffix == ".py" or path.suffix in TEXT_SUFFIXES)
        and "__pycache__" not in path.parts
    )


def _slug(heading: str) -> str:
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def _anchors(markdown: Path) -> set[str]:
    text = markdown.read_text(encoding="utf-8")
    return {_slug(m.group(1)) for m in re.finditer(r"^#+\s+(.+)$", text, re.MULTILINE)}


def _broken_docs_path(cited: str) -> str | None:
    path, _, anchor = cited.rstrip(".,;:").partition("#")
    target = ROOT / path.rstrip(".")
    if not target.exists():
        return f"{cited}: no such file"
    if anchor and (target.suffix != ".md" or anchor not in _anchors(target)):
        return f"{cited}: no section #{anchor}"
    return None


def _markdown_names() -> set[str]:
    names = {p.name for p in ROOT.glob("*.md")}
    for top in KNOWN_TOPS:
        names |= {p.name for p in (ROOT / top).rglob("*.md")}
    return names


_MARKDOWN_NAMES: set[str] = set()


def _unknown_markdown(cited: str, folder: Path) -> bool:
    if cited.startswith("docs/"):
        return False  # DOCS_PATH checks these, with their sections
    if "/" in cited:  # from the root, or relative to the citing file (a Markdown link)
        return not ((ROOT / cited).exists() or (folder / cited).exists())
    if not _MARKDOWN_NAMES:
        _MARKDOWN_NAMES.update(_markdown_names())
    return cited not in _MARKDOWN_NAMES


def _problems(path: Path) -> list[str]:
    problems = []
    where = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path.name
    for line, text in _commentary(path):
        for m in OUTSIDE.finditer(text):
            problems.append(f"{where}:{line}: cites {m.group(0)!r} outside the repository")
        for m in ISSUE.finditer(text):
            problems.append(f"{where}:{line}: cites an issue number ({m.group(0)!r})")
        for m in MARKDOWN.finditer(text):
            if not OUTSIDE.search(m.group(1)) and _unknown_markdown(m.group(1), path.parent):
                problems.append(f"{where}:{line}: cites {m.group(1)!r}, not in the repository")
        for m in DOCS_PATH.finditer(text):
            broken = _broken_docs_path(m.group(0))
            if broken:
                problems.append(f"{where}:{line}: {broken}")
    return problems


def test_every_citation_resolves_inside_the_repository() -> None:
    files = _files()
    assert len(files) > 100  # the scan sees the tree
    problems = [problem for path in files for problem in _problems(path)]
    assert problems == []


def test_readme_and_docs_link_nothing_outside_the_repository() -> None:
    documents = [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]
    problems = [
        f"{doc.relative_to(ROOT)}:{line}: {m.group(0)!r}"
        for doc in documents
        for line, text in enumerate(doc.read_text(encoding="utf-8").splitlines(), start=1)
        for m in OUTSIDE.finditer(text)
    ]
    assert problems == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("# KEK below 23.5 cm (docs/sources/lila-muac.md#cut-offs)", []),
        ("# see docs/sources/lila-muac.md#no-such-section", ["no section"]),
        ("# see docs/sources/no-such-file.md", ["no such file"]),
        ("# Permenkes categories (domain" + ".md c1)", ["outside the repository"]),
        ("# the layers (see ../shared/ARCHITECTURE.md)", ["outside the repository"]),
        ("# as toolchain.md section 5 says", ["not in the repository"]),
        ("# WHO tables: resources/who/PROVENANCE.md, DECISIONS.md", []),
        ("# added for issue" + " 12", ["issue number"]),
        ('"""Saved in one transaction (Issue #7)."""', ["issue number"]),
        ("x = 'issue 3 in a plain string is data, not a citation'", []),
    ],
)
def test_the_check_finds_what_it_should(tmp_path: Path, text: str, expected: list[str]) -> None:
    module = tmp_path / "probe.py"
    module.write_text(text + "\n", encoding="utf-8")
    problems = _problems(module)
    assert [p for p in problems if not any(e in p for e in expected)] == []
    assert all(any(e in p for p in problems) for e in expected)
    assert len(problems) == len(expected)
