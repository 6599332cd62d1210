"""A real ``textfix serve`` app on a free loopback port, in a uvicorn thread, for the tests.

One warm ``--no-models`` engine is shared by every app a test module starts (apps with and
without a token), so the pipeline loads once per module.
"""

from __future__ import annotations

from contextlib import AbstractContextManager

from textfix.listen import serving_in_thread

# Cyrillic (2 UTF-8 bytes, 1 UTF-16 unit) and emoji (1 code point, 2 UTF-16 units) before and
# inside the flagged spans: offsets only land right if both are counted as LanguageTool counts.
TEXT = ("Пациент 😀 said: 🙂🙂 against the background of stress the the pain increases. "
        "The 😀 the pain. Боль 😀 is is strong.")


def utf16_slice(text: str, offset: int, length: int) -> str:
    """What a LanguageTool client (counting UTF-16 code units) highlights."""
    units = text.encode("utf-16-le")
    return units[2 * offset: 2 * (offset + length)].decode("utf-16-le")


def running(app) -> AbstractContextManager[str]:
    """Serve ``app`` on 127.0.0.1 until the block ends; yields its base URL."""
    return serving_in_thread(app, timeout=120)  # start-up loads and warms the pipeline
