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
