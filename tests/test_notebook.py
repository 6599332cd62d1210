"""The analysis notebook runs from top to bottom on the current code (so it never rots), with the
virtualenv's own Python as its kernel, and is stored without outputs."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest

NOTEBOOK = Path(__file__).resolve().parents[1] / "notebooks" / "translation_errors.ipynb"


def test_notebook_is_stored_without_outputs():
    nb = json.loads(NOTEBOOK.read_text(encoding="utf-8"))
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    assert code and all(c["outputs"] == [] and c["execution_count"] is None for c in code)


# numbers prose may use: units and scales, not findings
PROSE_NUMBERS = {"1,000", "0–100", "1.0"}


def test_notebook_prose_cites_no_figures_of_its_own():
    """Findings are printed by code cells from the computed tables; markdown cells, which nobody
    re-checks when the data change, name no number, rank or example from a run."""
    nb = json.loads(NOTEBOOK.read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        if cell["cell_type"] != "markdown":
            continue
        prose = "\n".join(line for line in "".join(cell["source"]).splitlines()
                          if not line.startswith("#"))  # section numbers are not figures
        prose = re.sub(r"`[^`]*`", "", prose)  # code names: `analysis.load("work.db")`
        figures = set(re.findall(r"\d[\d.,–]*\d|\d", prose)) - PROSE_NUMBERS
        assert not figures, f"markdown cites {figures}: print them from the data instead"
        for claim in ("by far", "in our run", "second", "leading error class", "most where"):
            assert claim not in prose, f"markdown claims {claim!r}: print it from the data"
    code = "".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code")
    assert code.count('print(f"Finding:') >= 4


@pytest.mark.slow
def test_notebook_executes(tmp_path, monkeypatch):
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    from jupyter_client.kernelspec import KernelSpecManager
    from jupyter_client.manager import KernelManager

    # A private kernelspec named python3 pointing at this interpreter: whatever kernels the
    # machine has registered, the notebook runs on the venv with textfix installed.
    spec_dir = tmp_path / "kernels" / "python3"
    spec_dir.mkdir(parents=True)
    (spec_dir / "kernel.json").write_text(json.dumps({
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "textfix venv", "language": "python",
    }), encoding="utf-8")
    for name in ("IPYTHONDIR", "MPLCONFIGDIR", "JUPYTER_RUNTIME_DIR"):
        monkeypatch.setenv(name, str(tmp_path / name.lower()))
    monkeypatch.setenv("JUPYTER_PLATFORM_DIRS", "1")
    specs = KernelSpecManager(kernel_dirs=[str(tmp_path / "kernels")], ensure_native_kernel=False)
    km = KernelManager(kernel_name="python3", kernel_spec_manager=specs, transport="ipc",
                       ip=str(tmp_path / "kernel-ipc"))
    assert km.kernel_spec.argv[0] == sys.executable

    nb = nbformat.read(NOTEBOOK, as_version=4)
    client = nbclient.NotebookClient(nb, km=km, kernel_name="python3", timeout=300,
                                     resources={"metadata": {"path": str(NOTEBOOK.parent)}})
    client.execute()

    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    images = [o for o in outputs if "image/png" in o.get("data", {})]
    assert len(images) >= 4  # the charts rendered
    text = "".join(o.get("text", "") for o in outputs)
    assert "inputs checked, 0 failed" in text and "calques per 1,000 words" in text
    findings = [line for line in text.splitlines() if line.startswith("Finding:")]
    assert len(findings) >= 4 and all(re.search(r"\d", line) for line in findings)
