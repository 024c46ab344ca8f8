"""The print posters (design.md section 10): the QR code read back from the rendered PDF, one
page of the right size, the texts a child needs and none that shames, and a version and cache
that make them once per deployment.

Needs Debian's poppler-utils (pdftoppm, pdfinfo, pdftotext) and zbar-tools (zbarimg): the tests
fail, never skip, without them (`make pdf-tools` installs them).
"""

from __future__ import annotations

import dataclasses
import logging
import re
import shutil
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.__main__ import main
from app.content import models
from app.content.loader import Content, load_content
from app.posters import (
    PosterFile,
    PosterStore,
    pdf,
    poster_files,
    poster_url,
    render,
    version,
    write_all,
)
from app.posters.texts import poster_texts
from app.settings import get_settings

ROOT = Path(__file__).resolve().parents[2]
BASE = "https://jeugd.example.nl"
GENERAL_NL_A4 = PosterFile("nl", "a4", None)
SCHOOL_NL_A4 = PosterFile("nl", "a4", "de-regenboog")  # an example school
SCHOOL_AR_A3 = PosterFile("ar", "a3", "het-duin-college")  # right to left, A3
RENDERED = [GENERAL_NL_A4, SCHOOL_NL_A4, SCHOOL_AR_A3]
SHAMING = ("geweld", "misbruik", "mishandeling", "zelfmoord", "suïcide")
A4 = (595, 842)  # points
A3 = (842, 1191)
MM = 25.4 / 96  # a CSS pixel in millimetres


def tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.fail(
            f"{name} is missing: install Debian's poppler-utils and zbar-tools (make pdf-tools)"
        )
    return path


def run(*args: str) -> str:
    done = subprocess.run([tool(args[0]), *args[1:]], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, (args, done.stderr)
    return done.stdout


@pytest.fixture(scope="module")
def content() -> Content:
    """The sample region: two fictional schools."""
    return load_content(ROOT / "content", "voorbeeld")


class Rendered:
    """Each poster rendered once in this module, when a test first asks for it (under
    pytest-xdist a worker renders only the posters of the tests it runs)."""

    def __init__(self, content: Content, folder: Path) -> None:
        self._content = content
        self._folder = folder
        self._paths: dict[PosterFile, Path] = {}

    def __getitem__(self, poster: PosterFile) -> Path:
        if poster not in self._paths:
            path = self._folder / poster.name
            path.write_bytes(render(poster, self._content, BASE))
            self._paths[poster] = path
        return self._paths[poster]


@pytest.fixture(scope="module")
def pdfs(content: Content, tmp_path_factory: pytest.TempPathFactory) -> Rendered:
    return Rendered(content, tmp_path_factory.mktemp("posters"))


@pytest.mark.parametrize("poster", RENDERED, ids=lambda p: p.name)
def test_the_qr_code_reads_back_as_the_url(pdfs: Rendered, poster: PosterFile) -> None:
    png = pdfs[poster].with_suffix("")
    run("pdftoppm", "-png", "-r", "150", "-singlefile", str(pdfs[poster]), str(png))
    decoded = run("zbarimg", "--raw", "-q", str(png) + ".png").splitlines()
    assert decoded == [poster_url(BASE, poster.lang, poster.school)]


@pytest.mark.parametrize("poster", RENDERED, ids=lambda p: p.name)
def test_one_page_of_the_right_size(pdfs: Rendered, poster: PosterFile) -> None:
    info = run("pdfinfo", str(pdfs[poster]))
    assert re.search(r"^Pages:\s+1$", info, re.MULTILINE), info
    size = re.search(r"^Page size:\s+([\d.]+) x ([\d.]+) pts", info, re.MULTILINE)
    assert size is not None, info
    expected = A4 if poster.size == "a4" else A3
    assert abs(float(size[1]) - expected[0]) <= 1
    assert abs(float(size[2]) - expected[1]) <= 1


@pytest.mark.parametrize("poster", RENDERED, ids=lambda p: p.name)
def test_the_text_says_where_to_go_and_nothing_that_shames(
    content: Content, pdfs: Rendered, poster: PosterFile
) -> None:
    text = run("pdftotext", "-layout", str(pdfs[poster]), "-")
    number = next(c.number for c in content.services["kindertelefoon"].channels if c.number)
    assert "112" in text
    assert number in text  # in this order in Arabic too (not "0432-0800")
    assert poster_url(BASE, poster.lang, poster.school) in "".join(text.split())
    example = "Voorbeeld: deze school bestaat niet."
    if poster == SCHOOL_NL_A4:
        assert example in text
    if poster.school is None:
        assert example not in text
    lowered = text.lower()
    assert not [word for word in SHAMING if word in lowered]


def test_no_poster_text_in_any_language_shames(content: Content) -> None:
    """Every text of every poster (untranslated ones are still Dutch), without rendering."""
    for poster in poster_files(content):
        texts = poster_texts(content, poster.lang, poster.school, "https://x.example/")
        words = repr(dataclasses.asdict(texts)).lower()
        assert not [word for word in SHAMING if word in words], poster.name


def _with_kindertelefoon(content: Content, **changes: object) -> Content:
    """The content with De Kindertelefoon's phone channel changed."""
    service = content.services["kindertelefoon"]
    channels = [c.model_copy(update=changes) if c.kind == "phone" else c for c in service.channels]
    changed = service.model_copy(update={"channels": channels})
    return dataclasses.replace(content, services={**content.services, "kindertelefoon": changed})


def test_de_kindertelefoon_as_the_content_says(content: Content) -> None:
    usual = poster_texts(content, "nl", None, BASE)
    assert usual.call_kindertelefoon == "Bel 0800-0432"
    assert usual.when_kindertelefoon == "(De Kindertelefoon, elke dag van 11 tot 21 uur, gratis)."
    hours = models.Hours(
        weekly={
            **{d: ["09:00-17:00"] for d in ("mon", "tue", "wed", "thu", "fri")},
            "sat": ["10:00-14:00"],
            "sun": [],
        }
    )
    other = _with_kindertelefoon(
        content, number="0800-1234", url="tel:08001234", hours=hours, needs_verification=["hours"]
    )
    texts = poster_texts(other, "nl", None, BASE)
    assert texts.call_kindertelefoon == "Bel 0800-1234"
    assert texts.when_kindertelefoon == (
        "(De Kindertelefoon, ma - vr 09:00-17:00; za 10:00-14:00, gratis). "
        "Tijden nog niet gecontroleerd."
    )
    daily = _with_kindertelefoon(content, hours=models.Hours(daily=["12:00-20:00"]))
    assert poster_texts(daily, "nl", None, BASE).when_kindertelefoon == (
        "(De Kindertelefoon, elke dag 12:00-20:00, gratis)."
    )
    assert version(other, BASE) != version(content, BASE)


def test_long_school_texts_still_make_one_page(content: Content, tmp_path: Path) -> None:
    school = content.schools["het-duin-college"]
    words = "Loop naar de kamer naast de aula en klop op de deur, dan kom je binnen. " * 12
    long = school.model_copy(update={"where_when": {"nl": words.strip()}})
    changed = dataclasses.replace(content, schools={**content.schools, "het-duin-college": long})
    path = tmp_path / "long.pdf"
    path.write_bytes(render(PosterFile("nl", "a4", "het-duin-college"), changed, BASE))
    assert re.search(r"^Pages:\s+1$", run("pdfinfo", str(path)), re.MULTILINE)


def test_the_code_is_at_least_80_mm_across_on_a4(content: Content) -> None:
    """The QR code is a link box in the layout; its side without the quiet zone (4 modules on
    every side) is at least 80 mm on an A4 school poster (the tightest one)."""
    import weasyprint  # type: ignore[import-untyped]

    from app.posters.qr import QUIET_ZONE, qr_code

    document = weasyprint.HTML(string=pdf.html(SCHOOL_NL_A4, content, BASE)).render()
    url = poster_url(BASE, "nl", "de-regenboog")
    boxes = [rect for kind, target, rect, _box in document.pages[0].links if target == url]
    assert boxes, document.pages[0].links
    x1, y1, x2, y2 = boxes[0]
    modules = qr_code(url).modules
    symbol_mm = (x2 - x1) * MM * modules / (modules + 2 * QUIET_ZONE)
    assert symbol_mm >= 80 - 0.5
    assert abs((x2 - x1) - (y2 - y1)) < 1  # square
    assert x1 > 0 and x2 < 210 / MM  # on the page


def test_nothing_is_fetched_from_outside() -> None:
    from weasyprint.urls import FatalURLFetchingError  # type: ignore[import-untyped]

    fetcher = pdf._local_fetcher()
    with pytest.raises(FatalURLFetchingError):
        fetcher.fetch("https://example.org/tracker.png")
    with pytest.raises(FatalURLFetchingError):
        fetcher.fetch((ROOT / "pyproject.toml").as_uri())
    assert fetcher.fetch("data:text/plain,ok").read() == b"ok"
    assert fetcher.fetch((pdf.HERE / "poster.css").as_uri()).read().startswith(b"/*")


def test_names_order_and_addresses(content: Content) -> None:
    files = poster_files(content)
    assert len(files) == 6 * 2 * (1 + len(content.schools))
    assert [f.name for f in files[:3]] == [
        "poster-nl-a4.pdf",
        "poster-nl-a3.pdf",
        "poster-en-a4.pdf",
    ]
    assert files[12].name == "poster-de-regenboog-nl-a4.pdf"
    assert files[-1].name == "poster-het-duin-college-uk-a3.pdf"
    assert len({f.name for f in files}) == len(files)
    assert poster_url(BASE + "/", "ar", None) == BASE + "/ar/"
    assert poster_url(BASE, "nl", "de-regenboog") == BASE + "/nl/school/de-regenboog"


def test_the_version_changes_with_the_address_and_a_school(content: Content) -> None:
    first = version(content, BASE)
    assert re.fullmatch(r"[0-9a-f]{12}", first)
    assert version(content, BASE) == first
    assert version(content, "https://elders.example.nl") != first
    school = content.schools["het-duin-college"]
    moved = school.model_copy(update={"where_when": {"nl": "In de bibliotheek, elke dag."}})
    changed = dataclasses.replace(content, schools={**content.schools, "het-duin-college": moved})
    assert version(changed, BASE) != first


class Renders:
    """A stand-in for pdf.render that counts its calls (and may take a moment, as the real one)."""

    def __init__(self) -> None:
        self.calls: list[str] = []
        self.delay = 0.0
        self._lock = threading.Lock()

    def __call__(self, poster: PosterFile, content: Content, base_url: str) -> bytes:
        with self._lock:
            self.calls.append(poster.name)
        time.sleep(self.delay)
        return f"%PDF-stand-in {poster.name}".encode()


@pytest.fixture
def renders(monkeypatch: pytest.MonkeyPatch) -> Renders:
    counter = Renders()
    monkeypatch.setattr(pdf, "render", counter)
    return counter


def test_the_store_renders_once_and_keeps_the_file(
    content: Content, renders: Renders, tmp_path: Path
) -> None:
    store = PosterStore(content, BASE, tmp_path)
    assert store.version == version(content, BASE)
    assert store.files() == poster_files(content)
    poster = store.find("poster-de-regenboog-ar-a3.pdf")
    assert poster == PosterFile("ar", "a3", "de-regenboog")
    for name in ("poster-xx-a4.pdf", "../poster-nl-a4.pdf", "poster-nl-a4", ""):
        assert store.find(name) is None
    assert poster is not None
    data = store.get(poster)
    assert store.get(poster) == data
    assert renders.calls == [poster.name]
    assert (tmp_path / store.version / poster.name).read_bytes() == data
    assert not [p for p in (tmp_path / store.version).iterdir() if p.name != poster.name]
    # A second store (another worker, or the next start): found on disk, not rendered again.
    assert PosterStore(content, BASE, tmp_path).get(poster) == data
    assert renders.calls == [poster.name]


def test_the_store_renders_once_when_many_threads_ask(
    content: Content, renders: Renders, tmp_path: Path
) -> None:
    renders.delay = 0.05  # the others wait on the lock meanwhile
    store = PosterStore(content, BASE, tmp_path)
    results: list[bytes] = []
    threads = [
        threading.Thread(target=lambda: results.append(store.get(GENERAL_NL_A4))) for _ in range(8)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(set(results)) == 1 and len(results) == 8
    assert renders.calls == [GENERAL_NL_A4.name]


def test_a_read_only_cache_keeps_the_posters_in_memory(
    content: Content, renders: Renders, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    store = PosterStore(content, BASE, blocked / "posters")
    with caplog.at_level(logging.INFO):
        first = store.get(GENERAL_NL_A4)
        second = store.get(SCHOOL_AR_A3)
        assert store.get(GENERAL_NL_A4) == first
    assert first.startswith(b"%PDF") and second.startswith(b"%PDF")
    assert renders.calls == [GENERAL_NL_A4.name, SCHOOL_AR_A3.name]
    records = [r for r in caplog.records if r.name == "app"]
    assert len(records) == 1, [r.getMessage() for r in records]
    assert "memory" in records[0].getMessage()


def test_write_all_writes_every_poster(content: Content, renders: Renders, tmp_path: Path) -> None:
    written = write_all(tmp_path / "new", content, BASE)
    assert [p.name for p in written] == [f.name for f in poster_files(content)]
    assert sorted(p.name for p in (tmp_path / "new").iterdir()) == sorted(p.name for p in written)


@pytest.fixture
def voorbeeld(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[Path]:
    """The command line's settings: the sample region, a data folder of this test's own."""
    monkeypatch.setenv("WHM_REGION", "voorbeeld")
    monkeypatch.setenv("WHM_CONTENT_DIR", str(ROOT / "content"))
    monkeypatch.setenv("WHM_BASE_URL", BASE)
    monkeypatch.setenv("WHM_DATA_DIR", str(tmp_path / "data"))
    get_settings.cache_clear()
    yield tmp_path
    get_settings.cache_clear()


def test_the_command_writes_every_poster(
    content: Content, renders: Renders, voorbeeld: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = voorbeeld / "out"
    assert main(["posters", "--out", str(out)]) == 0
    names = [f.name for f in poster_files(content)]
    assert sorted(p.name for p in out.iterdir()) == sorted(names)
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == len(names) + 1
    assert all(re.search(r"\.pdf  \d+ kB$", line) for line in lines[:-1])
    assert lines[-1].startswith(f"{len(names)} posters, ")


def test_the_command_fills_the_servers_cache_by_default(
    content: Content, renders: Renders, voorbeeld: Path
) -> None:
    assert main(["posters"]) == 0
    cache = voorbeeld / "data" / "posters"
    store = PosterStore(content, BASE, cache)
    assert len(list((cache / store.version).iterdir())) == len(poster_files(content))
    calls = len(renders.calls)
    store.get(SCHOOL_AR_A3)  # the server finds them: nothing is rendered again
    assert len(renders.calls) == calls


def test_the_command_fails_in_one_line(
    renders: Renders, voorbeeld: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    blocked = voorbeeld / "a-file"
    blocked.write_text("not a folder")
    assert main(["posters", "--out", str(blocked / "out")]) == 1
    error = capsys.readouterr().err
    assert error.startswith("error: cannot write the posters to ") and error.count("\n") == 1
    assert renders.calls == []


def test_the_command_reports_invalid_content(
    monkeypatch: pytest.MonkeyPatch, voorbeeld: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("WHM_CONTENT_DIR", str(voorbeeld / "empty"))
    get_settings.cache_clear()
    assert main(["posters", "--out", str(voorbeeld / "out")]) == 1
    assert "error(s) in" in capsys.readouterr().err
