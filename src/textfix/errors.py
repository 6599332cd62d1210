"""Errors a user can act on. The CLI prints their message on one line and exits with 2."""

from __future__ import annotations

import re


class TextfixError(Exception):
    """Base class: anything raised as a TextfixError is the user's to fix, not a bug."""


class InputError(TextfixError):
    """An input cannot be read as text: missing, a directory, binary, empty, huge, undecodable."""


class ConfigError(TextfixError):
    """An option, data file or backend setting is wrong."""


class BackendError(TextfixError):
    """A grammar backend or model could not be reached or loaded."""


class OutputError(TextfixError):
    """An output would replace an input or an existing file, or cannot be written there."""


_LINE_BREAKS = re.compile(r"\s*[\r\n\u2028\u2029]+\s*")
# control characters, and lone surrogates (a file name that is not valid UTF-8), which a strict
# UTF-8 stream cannot write
_CONTROLS = re.compile(r"[\x00-\x1f\x7f-\x9f\ud800-\udfff]")


def one_line(message: str, limit: int = 1000) -> str:
    """``message`` as a single printable line: scripts read errors one per line, and a file name
    with a newline or a terminal escape (``\\x1b[2J``) must not break that or repaint the screen.
    Line breaks become spaces (YAML and HTTP libraries write several lines), other control
    characters and undecodable bytes of file names are shown escaped (``\\x1b``, ``\\udce9``),
    and very long messages are cut."""
    flat = _LINE_BREAKS.sub(" ", message.strip())
    flat = _CONTROLS.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), flat)
    return flat if len(flat) <= limit else flat[: limit - 3] + "..."
