"""Turn input bytes into text, or refuse them with a message the user can act on.

UTF-8 first (a BOM is stripped and remembered so the corrected file can carry it again), then the
legacy encodings Russian and Western sites still serve; a legacy decode is reported as a warning
because a wrong guess garbles quotes and dashes. The text is kept exactly as decoded (line endings
included) so that writing it back without edits gives the input byte for byte.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field

from ..errors import InputError

LEGACY_ENCODINGS = ("cp1251", "cp1252", "latin_1", "koi8_r")
_ALLOWED_CONTROLS = frozenset(b"\t\n\r\x0b\x0c\x1b")
_MAGIC = (
    (b"%PDF-", "a PDF file"),
    (b"PK\x03\x04", "a ZIP archive (or a .docx/.xlsx/.epub file)"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\xd0\xcf\x11\xe0", "an old Microsoft Office file (.doc/.xls)"),
)
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_ASCII_PROBE = '<meta charset="x"> Aa09+-'
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([-\w:.]+)""", re.IGNORECASE)


@dataclass
class Decoded:
    text: str
    encoding: str  # the codec used: "utf-8", "utf-8-sig", "cp1251", ...
    bom: bool = False
    warnings: list[str] = field(default_factory=list)


def refuse_binary(data: bytes, source: str) -> None:
    """Raise InputError when ``data`` is not text: binary magic, NUL bytes, control noise."""
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise InputError(f"{source} is {what}, not text; textfix reads .txt, .md, .html, "
                             ".jsonl and .csv files")
    if any(data.startswith(bom) for bom, codec in _BOMS if codec != "utf-8-sig"):
        return  # UTF-16/32 text carries NUL bytes legitimately
    sample = data[:65536]
    utf16 = _bomless_utf16(sample)
    if utf16:
        raise InputError(f"{source} looks like {utf16} text without a byte-order mark; save it "
                         "as UTF-8 (or UTF-16 with a BOM)")
    if b"\x00" in sample:
        raise InputError(f"{source} looks like a binary file (it contains NUL bytes), not text")
    controls = sum(1 for byte in sample if byte < 32 and byte not in _ALLOWED_CONTROLS)
    if sample and controls / len(sample) > 0.05:
        raise InputError(
            f"{source} looks like a binary file ({controls} control characters in the first "
            f"{len(sample)} bytes), not text"
        )


def _bomless_utf16(sample: bytes) -> str | None:
    """"UTF-16LE"/"UTF-16BE" when NUL bytes sit at every other position as in mostly-Latin
    UTF-16 (a Windows "Unicode" export that lost its BOM), so the refusal names the cure."""
    pairs = len(sample) // 2
    if pairs < 4 or len(sample) % 2:
        return None
    even_nuls = sample[0::2].count(0)
    odd_nuls = sample[1::2].count(0)
    for nuls, other, name in ((odd_nuls, even_nuls, "UTF-16LE"), (even_nuls, odd_nuls, "UTF-16BE")):
        if nuls >= 0.6 * pairs and other == 0:
            codec = "utf-16-le" if name == "UTF-16LE" else "utf-16-be"
            try:
                sample.decode(codec)
            except UnicodeDecodeError:
                return None
            return name
    return None


def decode_bytes(data: bytes, source: str, html: bool = False) -> Decoded:
    """Decode ``data``: BOM-marked Unicode, UTF-8, then the best-scoring legacy encoding."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(codec)
            except UnicodeDecodeError as exc:
                raise InputError(f"{source} starts with a {codec} byte-order mark but is not "
                                 f"valid {codec} (byte {exc.start})") from None
            text = text.removeprefix("\ufeff")
            warnings = [] if codec == "utf-8-sig" else [f"decoded as {codec}, not UTF-8"]
            return Decoded(text, codec, bom=True, warnings=warnings)
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError as exc:
        utf8_error = exc
    declared = _declared_charset(data) if html else None
    if declared:
        try:
            text = data.decode(declared)
            return Decoded(text, declared, warnings=[f"decoded as {declared} (declared in the "
                                                     "page), not UTF-8"])
        except (UnicodeError, LookupError):  # "undefined", "idna": not decodable as a page
            pass
    encoding = _guess_legacy(data)
    if encoding is None:
        raise InputError(
            f"{source} is not valid UTF-8 (byte {utf8_error.start}) and does not decode as "
            f"{', '.join(LEGACY_ENCODINGS)}; convert it to UTF-8"
        )
    text = data.decode(encoding)
    return Decoded(text, encoding, warnings=[f"decoded as {encoding}, not UTF-8"])


def _declared_charset(data: bytes) -> str | None:
    match = _META_CHARSET.search(data[:4096])
    if not match:
        return None
    name = match.group(1).decode("ascii", "replace").lower()
    try:
        codec = codecs.lookup(name).name
        # the declaration was read as ASCII, so only an ASCII-compatible charset can be true;
        # UTF-16/32 or UTF-7 claimed by a page that is neither would decode to garbage
        ascii_compatible = _ASCII_PROBE.encode(codec) == _ASCII_PROBE.encode("ascii")
    except (LookupError, UnicodeError):
        return None
    return codec if ascii_compatible and codec != "utf-7" else None


def _guess_legacy(data: bytes) -> str | None:
    """Let charset-normalizer choose among the legacy encodings we expect, by coherence."""
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=list(LEGACY_ENCODINGS)).best()
    if best is not None:
        return _canonical(best.encoding)
    for encoding in ("cp1251", "cp1252"):  # strict codecs that reject some bytes
        try:
            data.decode(encoding)
            return encoding
        except UnicodeDecodeError:
            continue
    return None


def _canonical(encoding: str) -> str:
    name = codecs.lookup(encoding).name
    return {"iso8859-1": "latin-1", "koi8-r": "koi8-r"}.get(name, name)
