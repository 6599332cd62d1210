// textfix review: keyboard-first actions on the queue page; every change goes through /api/.
"use strict";

(function () {
  const meta = (name) => document.querySelector(`meta[name="${name}"]`)?.content || "";
  const csrf = meta("csrf-token");
  const csrfHeader = meta("csrf-header") || "x-csrf-token";
  const editorInput = document.getElementById("editor");
  const EDITOR_KEY = "textfix-review-editor";

  function editorName() {
    return (localStorage.getItem(EDITOR_KEY) || meta("default-editor") || "editor").trim();
  }
  if (editorInput) {
    editorInput.value = editorName();
    editorInput.addEventListener("change", () => {
      localStorage.setItem(EDITOR_KEY, editorInput.value.trim());
    });
  }

  let toastTimer = null;
  function toast(message, kind = "info", link = null) {
    const el = document.getElementById("toast");
    if (!el) return;
    el.textContent = message;
    if (link) {
      const a = document.createElement("a");
      a.href = link.href;
      a.textContent = link.text;
      el.append(" ", a);
    }
    el.className = `toast ${kind}`;
    el.hidden = false;
    clearTimeout(toastTimer);
    if (kind !== "error") toastTimer = setTimeout(() => { el.hidden = true; }, 4000);
  }

  async function send(url, body, contentType = "application/json", extra = {}) {
    const headers = { "Content-Type": contentType, [csrfHeader]: csrf, ...extra };
    const payload = contentType === "application/json" ? JSON.stringify(body) : body;
    let response;
    try {
      response = await fetch(url, { method: "POST", headers, body: payload,
                                    credentials: "same-origin" });
    } catch (err) {
      toast("The review server cannot be reached. Is `textfix review` still running?", "error");
      throw err;
    }
    let data = {};
    try { data = await response.json(); } catch (_) { /* not JSON */ }
    if (!response.ok) {
      const error = new Error(data.error || `request failed (${response.status})`);
      error.status = response.status;
      throw error;
    }
    return data;
  }

  // -- the queue ---------------------------------------------------------------------------
  const flag = document.getElementById("flag");
  const filters = flag ? flag.dataset.filters : new URLSearchParams(location.search).toString();
  let busy = false;

  function queueUrl(params) {
    const q = new URLSearchParams(filters || "");
    q.delete("issue");
    for (const [k, v] of Object.entries(params)) q.set(k, v);
    return "/queue?" + q.toString();
  }
  const goNext = () => { location.assign(queueUrl({ after: flag.dataset.issueId })); };

  function applyAll() {
    const box = document.getElementById("apply-all");
    return !!(box && box.checked);
  }

  async function decide(action, extra = {}) {
    if (!flag || busy) return;
    busy = true;
    const id = flag.dataset.issueId;
    const body = { action, version: Number(flag.dataset.version), editor: editorName(), ...extra };
    if (action !== "edit" && applyAll()) body.all = true;
    try {
      const result = await send(`/api/issues/${encodeURIComponent(id)}/decision`, body);
      if (result.count > 1) sessionStorage.setItem("textfix-flash", `${result.count} occurrences ${result.status}.`);
      else sessionStorage.setItem("textfix-flash", `Flag ${result.status}.`);
      goNext();
    } catch (err) {
      busy = false;
      if (err.status === 409) toast(err.message, "error", { href: queueUrl({ after: id }), text: "Next flag →" });
      else if (err.message) toast(err.message, "error");
    }
  }

  function undoneMessage(result) {
    if (result.count > 1) return `Decision undone on all ${result.count} occurrences: the flags are open again.`;
    return "Decision undone: the flag is open again.";
  }

  async function undoLast() {
    if (busy) return;
    busy = true;
    try {
      const result = await send("/api/undo", { editor: editorName() });
      sessionStorage.setItem("textfix-flash", undoneMessage(result));
      location.assign(queueUrl({ issue: result.issue_id }));
    } catch (err) {
      busy = false;
      toast(err.message, "error");
    }
  }

  async function undoThis() {
    if (!flag || busy) return;
    busy = true;
    try {
      const result = await send(`/api/issues/${encodeURIComponent(flag.dataset.issueId)}/undo`,
                                { editor: editorName(), version: Number(flag.dataset.version) });
      sessionStorage.setItem("textfix-flash", undoneMessage(result));
      location.reload();
    } catch (err) {
      busy = false;
      toast(err.message, "error");
    }
  }

  const form = document.getElementById("edit-form");
  const textarea = document.getElementById("edit-text");
  function openEdit() {
    if (!form) return;
    form.hidden = false;
    textarea.focus();
    // select the flagged words inside the sentence, if they are still there
    const span = document.getElementById("flagged")?.textContent || "";
    const at = span ? textarea.value.indexOf(span) : -1;
    if (at >= 0) textarea.setSelectionRange(at, at + span.length);
  }
  function closeEdit() {
    if (!form) return;
    form.hidden = true;
    textarea.value = textarea.dataset.original;
    textarea.blur();
  }
  if (form) {
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      decide("edit", { text: textarea.value });
    });
  }

  function acceptNth(n) {
    const buttons = document.querySelectorAll(".suggestion");
    if (buttons[n]) decide("accept", { suggestion: buttons[n].dataset.text });
  }

  document.addEventListener("click", (event) => {
    const target = event.target.closest("[data-action]");
    if (!target) return;
    const action = target.dataset.action;
    if (action === "accept") decide("accept", { suggestion: target.dataset.text });
    else if (action === "accept-first") acceptNth(0);
    else if (action === "reject") decide("reject");
    else if (action === "edit") openEdit();
    else if (action === "cancel-edit") closeEdit();
    else if (action === "skip") goNext();
    else if (action === "undo-last") undoLast();
    else if (action === "undo-this") undoThis();
  });

  document.addEventListener("keydown", (event) => {
    const inField = event.target.closest("input, textarea, select");
    if (inField) {
      if (event.target === textarea) {
        if (event.key === "Escape") { event.preventDefault(); closeEdit(); }
        else if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
          event.preventDefault();
          form.requestSubmit();
        }
      }
      return;
    }
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const key = event.key;
    if (document.body.classList.contains("page-articles") && key === "Enter") {
      const start = document.querySelector(".page-head .button.primary");
      if (start) { event.preventDefault(); location.assign(start.href); }
      return;
    }
    if (key === "u" || key === "U") { event.preventDefault(); undoLast(); return; }
    if (!flag) return;
    if (flag.dataset.status !== "open") return;
    if (/^[1-9]$/.test(key)) { event.preventDefault(); acceptNth(Number(key) - 1); }
    else if (key === "Enter") { event.preventDefault(); acceptNth(0); }
    else if (key === "e" || key === "E") { event.preventDefault(); openEdit(); }
    else if (key === "x" || key === "X") { event.preventDefault(); decide("reject"); }
    else if (key === "s" || key === "S" || key === "ArrowRight") { event.preventDefault(); goNext(); }
    else if (key === "a" || key === "A") {
      const box = document.getElementById("apply-all");
      if (box) { event.preventDefault(); box.checked = !box.checked; }
    } else if (key === "d" || key === "D") {
      event.preventDefault();
      location.assign(`/documents/${encodeURIComponent(flag.dataset.docId)}`);
    }
  });

  // filters apply as soon as a menu changes
  const filterForm = document.getElementById("filters");
  if (filterForm) {
    filterForm.addEventListener("change", () => filterForm.requestSubmit());
  }

  // -- memory import -----------------------------------------------------------------------
  const importInput = document.getElementById("memory-import");
  if (importInput) {
    importInput.addEventListener("change", async () => {
      const file = importInput.files[0];
      if (!file) return;
      try {
        const text = await file.text();
        const result = await send("/api/memory/import", text, "text/plain; charset=utf-8",
                                  { "X-Filename": file.name.replace(/[^\w.\- ]/g, "_") });
        sessionStorage.setItem("textfix-flash",
          `Imported ${result.added} new entr${result.added === 1 ? "y" : "ies"} of ${result.read}.`);
        location.reload();
      } catch (err) {
        toast(err.message, "error");
        importInput.value = "";
      }
    });
  }

  const flash = sessionStorage.getItem("textfix-flash");
  if (flash) {
    sessionStorage.removeItem("textfix-flash");
    toast(flash, "ok");
  }
})();
