"""`doctor --report` on consoles that cannot show everything: a Windows code page, plain ASCII, a terminal that a
hostile file name tries to drive."""

import io

import pytest

from azext_pyappsvc.output.report import ASCII_SYMBOLS, UNICODE_SYMBOLS, render



@pytest.fixture
def results(az_live, tmp_path):
    project = tmp_path / "projé\x1b]0;owned\x07"
    project.mkdir()
    (project / "app.py").write_text("from fastapi import FastAPI\napp = FastAPI()\n")
    (project / "requirements.txt").write_text("fastapi\n")
    (project / "startup.txt").write_text("gunicorn --bind=127.0.0.1 app:app — ✓\n")
    found = az_live(["pyappsvc", "doctor", "--source", str(project)]).output
    assert found["findings"], found
    return [found]


@pytest.mark.parametrize("encoding", ["cp1252", "cp437", "ascii", "latin-1"])
def test_report_falls_back_to_what_the_console_encodes(results, encoding):
    raw = io.BytesIO()
    console = io.TextIOWrapper(raw, encoding=encoding, errors="strict")
    render(results, file=console)
    console.flush()
    text = raw.getvalue().decode(encoding)
    assert ASCII_SYMBOLS["rule"] in text and UNICODE_SYMBOLS["rule"] not in text
    assert "\x1b" not in text and "\x07" not in text and "\\x1b" in text


def test_report_keeps_its_symbols_on_a_utf8_console(results):
    raw = io.BytesIO()
    console = io.TextIOWrapper(raw, encoding="utf-8")
    render(results, file=console)
    console.flush()
    text = raw.getvalue().decode("utf-8")
    assert UNICODE_SYMBOLS["rule"] in text and UNICODE_SYMBOLS["error"] in text and "\x1b]0" not in text
