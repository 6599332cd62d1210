"""LanguageTool behind :class:`GrammarBackend`, through ``language_tool_python``.

Two ways to reach it: a server URL (``Config.languagetool_url`` / ``TEXTFIX_LANGUAGETOOL_URL``),
or a local LanguageTool install that ``language_tool_python`` starts as its own server (looked
for in ``LTP_PATH``, default ``~/.cache/language_tool_python``). We never let the library
download LanguageTool on its own: a missing install or an unreachable server is a one-line
:class:`BackendError` the user can act on, not a traceback or a long hang.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import language_tool_python
from language_tool_python.exceptions import LanguageToolError

from ...errors import BackendError
from .match import GrammarMatch

LANGUAGE = "en-US"
REQUEST_TIMEOUT_S = 30  # the library's default is 300 s; a stuck server should fail sooner
INSTALL_HINT = (
    "unzip LanguageTool (https://languagetool.org/download/) into $LTP_PATH "
    "or ~/.cache/language_tool_python, or pass a server with --languagetool-url / "
    "TEXTFIX_LANGUAGETOOL_URL"
)

# LanguageTool's issueType and category id -> our kind
KIND_OF_ISSUE_TYPE = {
    "misspelling": "spelling",
    "typographical": "typography",
    "whitespace": "typography",
    "style": "style",
    "register": "style",
    "locale-violation": "style",
}
KIND_OF_CATEGORY = {
    "TYPOS": "spelling",
    "TYPOGRAPHY": "typography",
    "PUNCTUATION": "typography",
    "CASING": "typography",
    "STYLE": "style",
    "REDUNDANCY": "style",
    "PLAIN_ENGLISH": "style",
}


class _LanguageTool(language_tool_python.LanguageTool):
    """The library's client with a request timeout we can live with."""

    _TIMEOUT = REQUEST_TIMEOUT_S  # type: ignore[assignment]

    def _start_server_on_free_port(self) -> None:
        # The library retries on every port from 8081 to 8999, 15 s each, when the server will
        # not start (bad Java, broken install): a hang. Two ports is enough to dodge a busy one.
        self._available_ports = self._available_ports[:1]
        super()._start_server_on_free_port()


def install_dir() -> Path:
    """Where ``language_tool_python`` looks for local LanguageTool installs."""
    return Path(os.environ.get("LTP_PATH") or Path.home() / ".cache" / "language_tool_python")


def find_local_install(directory: Path | None = None) -> str | None:
    """The newest installed LanguageTool version in ``directory``, or None if there is none."""
    directory = directory or install_dir()
    if not directory.is_dir():
        return None
    versions = []
    for path in directory.glob("LanguageTool-*"):
        has_jar = (path / "languagetool-server.jar").is_file() or (
            path / "languagetool.jar"
        ).is_file()
        if path.is_dir() and has_jar:
            versions.append(path.name.removeprefix("LanguageTool-"))
    if not versions:
        return None

    def order(version: str) -> tuple[int, ...]:
        return tuple(int(p) if p.isdigit() else 0 for p in version.split("."))

    return max(versions, key=order)


def server_root(url: str) -> str:
    """The library appends ``v2/`` itself; accept URLs given with or without it."""
    url = url.strip().rstrip("/")
    return url.removesuffix("/v2") + "/"


def kind_of(issue_type: str, category: str) -> str:
    """Category first: LanguageTool marks "a apple" (category MISC) as a "misspelling" too."""
    if category in KIND_OF_CATEGORY:
        return KIND_OF_CATEGORY[category]
    if issue_type == "misspelling":
        return "grammar"
    return KIND_OF_ISSUE_TYPE.get(issue_type, "grammar")


def to_match(match: Any, text: str) -> GrammarMatch:
    """Map a ``language_tool_python.Match``: the library turns the offset into code points but
    leaves the length in UTF-16 units, which an emoji in the span makes one too long."""
    end, units = match.offset, match.error_length
    while units > 0 and end < len(text):
        units -= 2 if ord(text[end]) > 0xFFFF else 1
        end += 1
    return GrammarMatch(
        start=match.offset,
        end=end,
        rule=f"languagetool/{match.rule_id}",
        kind=kind_of(match.rule_issue_type, match.category),
        message=match.message,
        replacements=list(match.replacements),
        detail=match.category,
    )


class LanguageToolBackend:
    """Checks text with a LanguageTool server: the one at ``url``, or a local one it starts."""

    name = "languagetool"

    def __init__(self, url: str | None = None, directory: Path | None = None) -> None:
        self.url = url
        try:
            if url:
                self.tool = _LanguageTool(LANGUAGE, remote_server=server_root(url))
            else:
                version = find_local_install(directory)
                if version is None:
                    where = directory or install_dir()
                    raise BackendError(f"LanguageTool is not installed in {where}; {INSTALL_HINT}")
                if directory is not None:
                    os.environ["LTP_PATH"] = str(directory)
                self.tool = _LanguageTool(LANGUAGE, language_tool_download_version=version)
        except LanguageToolError as exc:
            raise BackendError(self._explain(exc)) from exc
        except ValueError as exc:  # e.g. a URL it cannot parse
            raise BackendError(f"LanguageTool: {exc}") from exc

    def _explain(self, exc: Exception) -> str:
        first_line = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        if self.url:
            return f"cannot reach the LanguageTool server at {self.url} ({first_line[:200]})"
        return f"cannot start the local LanguageTool server ({first_line[:200]}); {INSTALL_HINT}"

    def check(self, text: str) -> list[GrammarMatch]:
        try:
            matches = self.tool.check(text)
        except LanguageToolError as exc:
            raise BackendError(self._explain(exc)) from exc
        except (KeyError, TypeError) as exc:
            raise BackendError(f"unexpected response from LanguageTool: {exc!r}") from exc
        return [to_match(m, text) for m in matches]

    def close(self) -> None:
        """Stop the local server if we started one (a remote server is left alone)."""
        self.tool.close()
