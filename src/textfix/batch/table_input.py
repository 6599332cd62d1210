"""A single JSONL/CSV/Parquet file of ``id,text`` rows as batch input: one unit per row.

Rows are read up front (reading is cheap next to checking); the corrected table is rebuilt at the
end of every run from the manifest, so after a resume it holds every row done so far and the
original text of rows not done (failed or not reached).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from ..errors import InputError
from ..ingest import InputOptions, document_from_text, read_path, render_corrected
from ..records import Document, Edit, Result
from .manifest import Outcome
from .outputs import parquet_bytes, write_text


def read_table_documents(path: Path, options: InputOptions) -> list[tuple[Document, str]]:
    """``(document, problem)`` per row in file order; ``problem`` is why the row cannot be
    checked (no text), ``""`` when it can. Ids are made unique (``id-2`` for a repeat)."""
    if path.suffix.lower() == ".parquet":
        docs = _parquet_documents(path)
    else:
        docs = read_path(path, options)
    seen: dict[str, int] = {}
    rows = []
    for number, doc in enumerate(docs, 1):
        base = doc.id
        seen[base] = seen.get(base, 0) + 1
        if seen[base] > 1:
            doc.id = f"{base}-{seen[base]}"
        doc.source = path.name
        problem = "" if doc.text.strip() else f"{path.name}: row {number} ({doc.id}) has no text"
        rows.append((doc, problem))
    return rows


def _parquet_documents(path: Path) -> list[Document]:
    import pandas as pd

    try:
        frame = pd.read_parquet(path)
    except Exception as exc:  # pyarrow raises several types for a damaged file
        raise InputError(f"{path} cannot be read as Parquet: {exc}") from None
    if "text" not in frame.columns:
        raise InputError(f"{path} has no 'text' column; found: {', '.join(map(str, frame))}")
    if frame.empty:
        raise InputError(f"{path} has no rows")
    docs = []
    for number, record in enumerate(frame.to_dict("records"), 1):
        text = record.pop("text")
        raw_id = record.get("id")
        doc_id = f"{path.stem}:{number}" if raw_id is None or str(raw_id).strip() == "" \
            else str(raw_id)
        doc = document_from_text(text if isinstance(text, str) else "", doc_id)
        doc.metadata.update(index=number - 1, table_format="parquet",
                            fields={k: v for k, v in record.items() if k != "id"})
        docs.append(doc)
    return docs


def write_corrected_table(table: Path, rows: Sequence[tuple[Document, str]],
                          outcomes: Sequence[Outcome], target: Path) -> None:
    """The input table with each done row's text corrected, other rows and fields as they were."""
    corrected = {o.key: o.corrected for o in outcomes if o.status == "done" and o.corrected}
    if table.suffix.lower() == ".parquet":
        import pandas as pd

        from ..atomic import atomic_write_bytes

        frame = pd.read_parquet(table)
        frame["text"] = [corrected.get(doc.id, doc.text) if not problem else frame["text"][k]
                         for k, (doc, problem) in enumerate(rows)]
        target.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_bytes(target, parquet_bytes(frame))
        return
    results = []
    for doc, _ in rows:
        text = corrected.get(doc.id, doc.text)
        edits = [Edit(0, len(doc.text), text)] if text != doc.text else []
        results.append(Result(doc, [], edits, text))
    write_text(target, render_corrected(results))
