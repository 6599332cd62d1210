"""The review app in real headless Chromium, driven with the keyboard like an editor would.

A real uvicorn server runs in a thread on a free loopback port; Playwright drives Debian's
Chromium (``make browser`` installs it). Screenshots of the main screens go to
``out/screenshots/``.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tests.test_review_api import build_workspace, copy_workspace
from textfix.listen import serving_in_thread
from textfix.stages.memory import CorrectionMemory

CHROMIUM = Path("/usr/bin/chromium")
SHOTS = Path(__file__).resolve().parents[1] / "out" / "screenshots"
TOKEN = "e2e-token-456"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is absent: run 'make browser' to install Debian's chromium")
    pytest.importorskip("playwright.sync_api")

    from textfix.review.app import create_app

    folder = tmp_path_factory.mktemp("e2e")
    db = copy_workspace(build_workspace(folder / "src"), folder / "e2e.db")
    with serving_in_thread(create_app(db, token=TOKEN, editor="ana"), timeout=10) as base:
        yield base, db


@pytest.fixture(scope="module")
def browser(server):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture()
def page(browser, server):
    base, _ = server
    context = browser.new_context(viewport={"width": 1280, "height": 860}, accept_downloads=True)
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    pg.goto(f"{base}/?token={TOKEN}")
    yield pg
    context.close()
    assert not errors, f"JavaScript errors: {errors}"


def shot(pg, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    pg.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def current(pg) -> dict:
    flag = pg.locator("#flag")
    return {"id": flag.get_attribute("data-issue-id"), "span": pg.inner_text("#flagged")}


def open_flag(pg, base: str, span: str, doc: str = "back-pain") -> None:
    issues = pg.request.get(f"{base}/api/issues?doc={doc}").json()["issues"]
    iid = next(i["id"] for i in issues if i["span_text"] == span)
    pg.goto(f"{base}/queue?doc={doc}&issue={iid}")


def after_navigation(pg, old_id: str) -> None:
    pg.wait_for_function(
        "old => document.querySelector('#flag')?.dataset.issueId !== old", arg=old_id)


def test_an_editor_reviews_with_the_keyboard_and_exports(page, server):
    base, db = server
    shot(page, "1-articles")
    assert page.locator("table.articles tbody tr").count() == 2
    page.keyboard.press("Enter")  # "Start reviewing"
    page.wait_for_selector("#flag")
    shot(page, "2-queue")

    # accept the third suggestion ("Due to", "With", "Amid") with the keyboard
    open_flag(page, base, "Against the background of")
    assert page.locator("mark.flagged").inner_text() == "Against the background of"
    first = current(page)["id"]
    assert page.locator(".suggestion").nth(2).get_attribute("data-text") == "Amid"
    page.keyboard.press("3")
    after_navigation(page, first)
    assert page.locator("#toast").inner_text() == "Flag accepted."

    # reject a false alarm
    open_flag(page, base, "musles")
    flagged = current(page)["id"]
    page.keyboard.press("x")
    after_navigation(page, flagged)

    # edit a sentence by hand
    open_flag(page, base, "The organism")
    edited = current(page)["id"]
    page.keyboard.press("e")
    textarea = page.locator("#edit-text")
    assert textarea.is_visible()
    shot(page, "3-edit")
    textarea.fill("The body answers the strain with a muscle spasm.")
    page.keyboard.press("Control+Enter")
    after_navigation(page, edited)

    # undo the hand edit, then reject that flag instead
    page.keyboard.press("u")
    page.wait_for_function("id => document.querySelector('#flag')?.dataset.issueId === id",
                           arg=edited)
    assert page.locator("#flag").get_attribute("data-status") == "open"
    page.keyboard.press("x")
    after_navigation(page, edited)

    # one decision for every recurrence of "Strong stress" (two articles)
    open_flag(page, base, "Strong stress")
    bulk = current(page)["id"]
    assert "2" in page.locator(".all-toggle strong").inner_text()
    page.keyboard.press("a")
    assert page.locator("#apply-all").is_checked()
    shot(page, "4-bulk")
    page.keyboard.press("Enter")
    after_navigation(page, bulk)
    assert "2 occurrences accepted" in page.locator("#toast").inner_text()

    # U takes the whole "apply to all" back, both occurrences; then it is made again
    page.keyboard.press("u")
    page.wait_for_function("id => document.querySelector('#flag')?.dataset.issueId === id",
                           arg=bulk)
    assert "all 2 occurrences" in page.locator("#toast").inner_text()
    issues = page.request.get(f"{base}/api/issues?status=all").json()["issues"]
    assert [i["status"] for i in issues if i["span_text"] == "Strong stress"] == ["open"] * 2
    page.keyboard.press("a")
    assert page.locator("#apply-all").is_checked()
    page.keyboard.press("Enter")
    after_navigation(page, bulk)
    assert "2 occurrences accepted" in page.locator("#toast").inner_text()

    # skip moves on without deciding
    skipped = current(page)["id"]
    page.keyboard.press("s")
    after_navigation(page, skipped)

    # the diff and the export
    page.goto(f"{base}/documents/back-pain")
    assert page.locator("#diff ins", has_text="Amid").count() == 1
    shot(page, "5-diff")
    with page.expect_download() as download:
        page.click("#export-link")
    exported = Path(download.value.path()).read_text(encoding="utf-8")
    assert download.value.suggested_filename == "back-pain.txt"
    assert "Amid long sitting" in exported
    assert "Severe stress also" in exported
    assert "The organism reacts to the overstrain" in exported  # edit undone, flag rejected
    assert '<script>alert("pwned")</script>' in exported  # plain text export keeps it as text

    # the memory page, and its file
    page.goto(f"{base}/memory")
    shot(page, "6-memory")
    with page.expect_download() as download:
        page.click("text=Export JSON")
    memory = CorrectionMemory.load(Path(download.value.path()))
    kinds = {(e.kind, e.phrase, e.replacement) for e in memory.entries}
    assert ("fix", "Against the background of", "Amid") in kinds
    assert ("fix", "Strong stress", "Severe stress") in kinds
    assert ("reject", "musles", "") in kinds
    assert ("reject", "The organism", "") in kinds
    assert not any(e.kind == "fix" and "answers" in e.replacement for e in memory.entries)

    # every decision is in the database, with its editor
    rows = sqlite3.connect(db).execute(
        "SELECT action, editor, undone_at IS NOT NULL FROM decisions ORDER BY id").fetchall()
    assert [r[0] for r in rows] == ["accept", "reject", "edit", "reject", *["accept"] * 4]
    assert all(r[1] == "ana" for r in rows)
    assert [r[2] for r in rows] == [0, 0, 1, 0, 1, 1, 0, 0]  # the edit and the first bulk undone


def test_script_in_an_article_is_shown_as_text(page, server):
    base, _ = server
    open_flag(page, base, "Lovers of")
    quote = page.locator("blockquote.paragraph")
    assert '<script>alert("pwned")</script>' in quote.inner_text()
    assert page.locator("blockquote.paragraph script").count() == 0


def test_narrow_screen_layout(browser, server):
    base, _ = server
    context = browser.new_context(viewport={"width": 420, "height": 900})
    pg = context.new_page()
    pg.goto(f"{base}/queue?token={TOKEN}")
    pg.wait_for_selector(".card")
    shot(pg, "7-queue-phone")
    width = pg.evaluate("document.documentElement.scrollWidth")
    context.close()
    assert width <= 420, "the queue must not scroll sideways on a phone"
