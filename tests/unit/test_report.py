"""The --report first screen over several apps (output/report.py)."""

from azure.cli.core.style import Style

from azext_pyappsvc.output.report import ASCII_SYMBOLS, _first_steps


def _result(name, *codes):
    findings = [{"code": code, "severity": "warning", "title": "Flex settings", "detail": f"{code} {i}", "fix": None}
                for i, code in enumerate(codes)]
    return {"target": {"name": name}, "findings": findings}


def test_an_app_with_a_finding_twice_is_counted_once():
    lines = "".join(words for _, words in _first_steps(
        [_result("fn-flex", "FN015", "FN015"), _result("fn-other", "FN015"), _result("quiet")], Style, ASCII_SYMBOLS))
    assert "FN015 Flex settings: 2 app(s) (fn-flex, fn-other)" in lines
    assert "2 of 3 apps have findings" in lines
