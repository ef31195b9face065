"""Problems found in input files: values collected and reported together, never exceptions."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import get_args

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from medvlm.text import did_you_mean


@dataclass(frozen=True, order=True)
class Problem:
    """One located problem: `path:line: field: message`."""

    path: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        location = f"{self.path}:{self.line}" if self.line else self.path
        return (
            f"{location}: {self.field}: {self.message}"
            if self.field
            else f"{location}: {self.message}"
        )


class OneLineError(Exception):
    """A failure the `medvlm` command reports as its message alone (exit 1), no traceback:
    the environment's or a service's, not the program's (sources.http.SourceError)."""


class ProblemsError(Exception):
    """Raised by loaders when input cannot be used; carries every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems


def _model_in(annotation: object) -> type[BaseModel] | None:
    """The pydantic model inside an annotation such as `Ids | None` or `list[Term]`."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in get_args(annotation):
        found = _model_in(arg)
        if found is not None:
            return found
    return None


def _known_keys(model: type[BaseModel], loc: tuple[str | int, ...]) -> list[str]:
    """Field names of the model that holds the last key of `loc`."""
    current = model
    for part in loc[:-1]:
        if isinstance(part, str) and part in current.model_fields:
            inner = _model_in(current.model_fields[part].annotation)
            if inner is not None:
                current = inner
    return list(current.model_fields)


def _message(error: ErrorDetails, model: type[BaseModel]) -> str:
    loc = error["loc"]
    kind = error["type"]
    if kind == "extra_forbidden":
        key = str(loc[-1])
        return "unknown field" + did_you_mean(key, _known_keys(model, loc))
    if kind == "missing":
        return "required field is missing"
    context = error.get("ctx", {})
    if kind == "string_too_short" and context.get("min_length") == 1:
        return "must not be empty"
    if kind == "string_too_long":
        return f"must be at most {context['max_length']:,} characters, got {len(error['input']):,}"
    if kind == "too_long":
        return f"must have at most {context['max_length']:,} items"
    message = error["msg"].removeprefix("Value error, ").removeprefix("Assertion failed, ")
    message = message[:1].lower() + message[1:]
    if kind not in ("value_error", "assertion_error") and "input" in error:
        shown = repr(error["input"])
        message += f", got {shown if len(shown) <= 60 else shown[:57] + '...'}"
    return message


def from_validation_error(
    error: ValidationError,
    model: type[BaseModel],
    display: str,
    line_of: Callable[[tuple[str | int, ...]], int],
) -> list[Problem]:
    """One located Problem per pydantic error, naming the field by its dotted path."""
    problems = []
    for detail in error.errors(include_url=False):
        loc = tuple(part for part in detail["loc"] if not str(part).startswith("function-"))
        field_name = ".".join(str(part) for part in loc)
        problems.append(Problem(display, line_of(loc), field_name, _message(detail, model)))
    return problems
