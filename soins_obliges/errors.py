"""Content errors that name the culprit: ``file:line: what is wrong → how to fix it``."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class ContentError:
    """One problem in the content, located in a source file."""

    file: str
    line: int | None
    problem: str
    fix: str = ""

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.problem}" + (f" → {self.fix}" if self.fix else "")


class ContentErrors(Exception):
    """Raised with every error found, so a maintainer fixes them all in one pass."""

    def __init__(self, errors: list[ContentError]):
        self.errors = list(errors)
        super().__init__(self.report())

    def report(self) -> str:
        n = len(self.errors)
        head = f"{n} content error{'s' if n > 1 else ''}:"
        return "\n".join([head, *("  " + str(e) for e in self.errors)])


@dataclass
class ErrorCollector:
    """Collects errors; ``raise_if_any`` raises them together."""

    errors: list[ContentError] = field(default_factory=list)

    def add(self, file: str, line: int | None, problem: str, fix: str = "") -> None:
        self.errors.append(ContentError(file, line, problem, fix))

    def extend(self, errors) -> None:
        self.errors.extend(errors)

    def raise_if_any(self) -> None:
        if self.errors:
            raise ContentErrors(self.errors)

    def __bool__(self) -> bool:
        return bool(self.errors)


class BuildReport:
    """Every content problem of one build (both languages, every area), printed grouped by file.

    The build does not stop at the first area that finds a problem: each area adds what it finds and the build
    fails once, at the end, with the whole list, so that a maintainer fixes everything in one pass. The same
    problem found again (e.g. by the French and the English pass) is listed once."""

    def __init__(self) -> None:
        self.errors: list[ContentError] = []
        self._seen: set[tuple] = set()
        # files whose content could not be used at all (e.g. a concept rejected by its schema): other files that
        # refer to what they define must not report a cascade of « unknown … » errors
        self.rejected: set[str] = set()

    def add(self, error: ContentError) -> None:
        key = (error.file, error.line, error.problem)
        if key not in self._seen:
            self._seen.add(key)
            self.errors.append(error)

    def extend(self, errors) -> None:
        for e in errors:
            self.add(e)

    def __bool__(self) -> bool:
        return bool(self.errors)

    def __len__(self) -> int:
        return len(self.errors)

    def by_file(self) -> dict[str, list[ContentError]]:
        out: dict[str, list[ContentError]] = {}
        for e in sorted(self.errors, key=lambda e: (e.file, e.line or 0)):
            out.setdefault(e.file, []).append(e)
        return out

    def render(self) -> str:
        groups = self.by_file()
        n = len(self.errors)
        lines = [f"{n} content error{'s' if n != 1 else ''} in {len(groups)} file{'s' if len(groups) != 1 else ''}:"]
        for file, errs in groups.items():
            lines.append("")
            lines.append(f"{file}")
            lines.extend(f"  {e}" for e in errs)
        return "\n".join(lines)

    def to_json(self) -> list[dict]:
        return [{"file": e.file, "line": e.line, "problem": e.problem, "fix": e.fix} for e in self.errors]
