"""`az pyappsvc set-build`: a read-modify-write of app settings that never loses a setting."""

import pytest
from hypothesis import HealthCheck, given, settings as hsettings, strategies as st

from tests.emulator.server import Fault
from tests.canary import CANARY
from tests.emulator.model import Site
from tests.emulator.seeds import SUBSCRIPTION, web_config

SITE = "/subscriptions/{}/resourceGroups/rg-python/providers/Microsoft.Web/sites/".format(SUBSCRIPTION)


def _calls(log):
    return [(r.method, r.path.replace(SITE, "")) for r in log.sent]


def _put_body(log):
    (put,) = [r for r in log.sent if r.method == "PUT"]
    return put.body["properties"]


@pytest.mark.parametrize("option, value, setting, written", [
    ("--pre-build", "echo before", "PRE_BUILD_COMMAND", "echo before"),
    ("--post-build", "python manage.py migrate", "POST_BUILD_COMMAND", "python manage.py migrate"),
    ("--pre-build-script", "scripts/pre.sh", "PRE_BUILD_SCRIPT_PATH", "scripts/pre.sh"),
    ("--post-build-script", "scripts/post.sh", "POST_BUILD_SCRIPT_PATH", "scripts/post.sh"),
    ("--disable-collectstatic", "no", "DISABLE_COLLECTSTATIC", "false"),
    ("--build-on-deploy", "0", "SCM_DO_BUILD_DURING_DEPLOYMENT", "false"),
])
def test_each_option_writes_its_setting_and_keeps_all_others(az, option, value, setting, written):
    result = az(["pyappsvc", "set-build", "-g", "rg-python", "-n", "py-web", option, value])
    assert result.exit_code == 0, result.stderr
    assert result.output["proposed"][setting] == written
    assert sorted(_calls(az.log)) == sorted([("GET", "py-web"), ("GET", "py-web/config/web"),
                                             ("POST", "py-web/config/appsettings/list"),
                                             ("PUT", "py-web/config/appsettings")])
    body = _put_body(az.log)
    assert body[setting] == written
    assert set(body) >= {"DATABASE_PASSWORD", "APPLICATIONINSIGHTS_CONNECTION_STRING", "PRE_BUILD_COMMAND"}
    assert "the app restarts" in result.stderr
    assert CANARY not in result.all_text and "REDACTED" not in result.stdout


def test_empty_value_removes_the_setting(az):
    result = az(["pyappsvc", "set-build", "-g", "rg-python", "-n", "py-web", "--pre-build", ""])
    assert result.output["proposed"]["PRE_BUILD_COMMAND"] is None
    body = _put_body(az.log)
    assert "PRE_BUILD_COMMAND" not in body and "DISABLE_COLLECTSTATIC" in body


def test_same_values_write_nothing(az):
    result = az("pyappsvc set-build -g rg-python -n py-web --build-on-deploy true --disable-collectstatic true")
    assert result.exit_code == 0 and result.output["changed"] is False
    assert "nothing was written" in result.stderr
    assert not az.log.writes()


def test_slot_writes_the_slot_settings_and_not_sticky_names(az):
    result = az("pyappsvc set-build -g rg-python -n py-web --slot staging --build-on-deploy true")
    assert result.output["slot"] == "staging"
    assert [c for c in _calls(az.log) if c[0] == "PUT"] == [("PUT", "py-web/slots/staging/config/appsettings")]
    assert not [c for c in _calls(az.log) if "slotConfigNames" in c[1]]
    body = _put_body(az.log)      # the slot's own settings (values are scrubbed in the cassette)
    assert set(body) == {"SCM_DO_BUILD_DURING_DEPLOYMENT", "DATABASE_PASSWORD"}
    assert body["SCM_DO_BUILD_DURING_DEPLOYMENT"] == "true"


def test_warns_when_a_script_path_hides_the_command(az):
    result = az("pyappsvc set-build -g rg-python -n py-web --pre-build-script scripts/pre.sh")
    assert result.exit_code == 0
    assert "PRE_BUILD_SCRIPT_PATH and PRE_BUILD_COMMAND are both set" in result.stderr


def test_warns_when_run_from_package_disables_the_build(az, emulator):
    emulator.store.get(SUBSCRIPTION, "rg-python", "py-web").app_settings["WEBSITE_RUN_FROM_PACKAGE"] = "1"
    result = az("pyappsvc set-build -g rg-python -n py-web --build-on-deploy true")
    assert result.exit_code == 0
    assert "WEBSITE_RUN_FROM_PACKAGE is 1: the app runs from the package as is and no build runs" in result.stderr


def test_refuses_build_on_deploy_on_flex_consumption(az):
    result = az("pyappsvc set-build -g rg-python -n py-flex --build-on-deploy true")
    assert result.exit_code != 0 and "Flex Consumption ignores it" in result.error_lines[0]
    assert not az.log.writes()


def test_function_app_on_consumption_is_allowed(az):
    result = az("pyappsvc set-build -g rg-python -n py-func --build-on-deploy true")
    assert result.exit_code == 0
    assert _put_body(az.log)["FUNCTIONS_WORKER_RUNTIME"] == "python"


@pytest.mark.parametrize("app, words", [("win-app", "is a Windows app"), ("py-container", "runs a custom container")])
def test_refuses_windows_and_containers(az, app, words):
    result = az("pyappsvc set-build -g rg-python -n {} --build-on-deploy true".format(app))
    assert result.exit_code != 0 and words in result.error_lines[0]
    assert not az.log.writes()


def test_cannot_list_settings_means_no_write(az, emulator):
    emulator.store.get(SUBSCRIPTION, "rg-python", "py-web").appsettings_status = 403
    result = az("pyappsvc set-build -g rg-python -n py-web --build-on-deploy true")
    assert result.exit_code != 0
    assert "App settings could not be read (403)" in result.error_lines[0]
    assert "'Website Contributor'" in "\n".join(result.notices)      # the role, in az's recommendation line
    assert not az.log.writes()


def test_source_missing_script_is_an_error_before_any_request(az_live, live_emulator, tmp_path):
    (tmp_path / "scripts").mkdir()
    (tmp_path / "scripts" / "pre.sh").write_text("echo pre\n")
    ok = az_live(["pyappsvc", "set-build", "-g", "rg-python", "-n", "py-web", "--pre-build-script", "scripts/pre.sh",
                  "--source", str(tmp_path)])
    assert ok.exit_code == 0, ok.stderr
    live_emulator.clear_log()
    bad = az_live(["pyappsvc", "set-build", "-g", "rg-python", "-n", "py-web", "--post-build",
                   "bash scripts/missing.sh", "--source", str(tmp_path)])
    assert bad.exit_code != 0
    assert bad.error_lines == ["ERROR: --post-build 'scripts/missing.sh' is not in the project; use a path inside "
                               "--source."]
    assert live_emulator.requests() == []


def test_500_on_the_put_leaves_the_app_unchanged(az_live, live_emulator):
    before = live_emulator.store.snapshot()
    live_emulator.inject(Fault(status=500, method="PUT", path="/config/appsettings$", times=5))
    result = az_live("pyappsvc set-build -g rg-python -n py-web --build-on-deploy false")
    assert result.exit_code != 0
    assert len(result.error_lines) == 1
    assert result.error_lines[0] == ("ERROR: The change of the app settings for app 'py-web' was not applied: Azure "
                                     "answered 500 after retries, and reading it back shows it is not in place.")
    assert "Traceback" not in result.stderr
    # four attempts, each PUT built from a fresh read: the first read, then a re-read after every failure
    assert len(live_emulator.requests(method="PUT")) == 4
    assert len(live_emulator.requests(method="POST", path="/appsettings/list$")) == 5
    assert live_emulator.store.snapshot() == before


def test_a_transient_500_is_retried_once_and_written_once(az_live, live_emulator):
    live_emulator.inject(Fault(status=500, method="PUT", path="/config/appsettings$", times=1))
    result = az_live("pyappsvc set-build -g rg-python -n py-web --build-on-deploy false")
    assert result.exit_code == 0, result.stderr
    assert live_emulator.store.get(SUBSCRIPTION, "rg-python", "py-web").app_settings[
        "SCM_DO_BUILD_DURING_DEPLOYMENT"] == "false"


@pytest.mark.parametrize("args, words", [
    (["--build-on-deploy", "maybe"],
     "'maybe' is not a valid value for '--build-on-deploy'. Allowed values: 1, on, t, true, y, yes, 0, f, false"),
    (["--disable-collectstatic", "2"], "'2' is not a valid value for '--disable-collectstatic'"),
    ([], "Give at least one of --pre-build"),
    (["--pre-build", "echo 'unbalanced", "--source", "."], "--pre-build \"echo 'unbalanced\" has unbalanced quotes"),
    (["--post-build", "echo\x07bell"], "--post-build 'echo\\x07bell' contains control characters"),
    (["--pre-build-script", "x.sh", "--source", "/nonexistent/folder"],
     "--source '/nonexistent/folder' does not exist"),
])
def test_bad_input_sends_no_request(az_live, live_emulator, args, words):
    result = az_live(["pyappsvc", "set-build", "-g", "rg-python", "-n", "py-web"] + args)
    assert result.exit_code != 0
    assert len(result.error_lines) == 1 and words in result.error_lines[0], result.stderr
    assert live_emulator.requests() == []


_KEYS = st.from_regex(r"[A-Za-z_][A-Za-z0-9_.\-]{0,24}", fullmatch=True).filter(
    lambda k: k.upper() not in {"PRE_BUILD_COMMAND", "DISABLE_COLLECTSTATIC"})
_VALUES = st.one_of(st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=40),
                    st.just(""), st.just("@Microsoft.KeyVault(SecretUri=https://kv.vault.azure.net/secrets/db/)"))
_CHANGES = st.fixed_dictionaries({}, optional={
    "--pre-build": st.sampled_from(["", "echo pre", "pip install -U pip", "echo 'héllo wörld' ✓"]),
    "--disable-collectstatic": st.sampled_from(["", "true", "false", "yes", "0"]),
}).filter(bool)


@pytest.mark.parametrize("slot", [None, "staging"])
@hsettings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(original=st.dictionaries(_KEYS, _VALUES, max_size=300), existing=st.sampled_from([{}, {
    "PRE_BUILD_COMMAND": "echo old", "DISABLE_COLLECTSTATIC": "false"}]), changes=_CHANGES)
def test_put_body_is_the_original_with_exactly_the_change(az_live, live_emulator, slot, original, existing, changes):
    settings = dict(original, **existing)
    live_emulator.store.add(Site(name="prop-app", slot=slot, kind="app,linux", config=web_config(),
                                 app_settings=dict(settings)))
    live_emulator.store.add(Site(name="prop-app", kind="app,linux", config=web_config()))   # production of the slot
    if slot:
        live_emulator.store.get(SUBSCRIPTION, "rg-python", "prop-app", slot).app_settings = dict(settings)
    else:
        live_emulator.store.get(SUBSCRIPTION, "rg-python", "prop-app").app_settings = dict(settings)
    live_emulator.clear_log()
    args = ["pyappsvc", "set-build", "-g", "rg-python", "-n", "prop-app"] + (["--slot", slot] if slot else [])
    for option, value in changes.items():
        args += [option, value]
    result = az_live(args)
    assert result.exit_code == 0, result.stderr
    expected = dict(settings)
    for option, value in changes.items():
        key = {"--pre-build": "PRE_BUILD_COMMAND", "--disable-collectstatic": "DISABLE_COLLECTSTATIC"}[option]
        normalised = {"yes": "true", "0": "false"}.get(value, value)
        if normalised:
            expected[key] = normalised
        else:
            expected.pop(key, None)
    puts = live_emulator.requests(method="PUT")
    if expected == settings:
        assert puts == []
    else:
        assert [p.body["properties"] for p in puts] == [expected]


def test_dry_run_shows_previous_and_proposed_and_writes_nothing(az):
    result = az("pyappsvc set-build -g rg-python -n py-web --build-on-deploy false --pre-build '' --dry-run")
    assert result.exit_code == 0, result.stderr
    out = result.output
    assert (out["changed"], out["written"], out["dryRun"]) == (True, False, True)
    assert out["previous"]["SCM_DO_BUILD_DURING_DEPLOYMENT"] == "true" and out["previous"]["PRE_BUILD_COMMAND"]
    assert out["proposed"]["SCM_DO_BUILD_DURING_DEPLOYMENT"] == "false" and out["proposed"]["PRE_BUILD_COMMAND"] is None
    assert set(out["previous"]) == set(out["proposed"]) and "DATABASE_PASSWORD" not in out["previous"]
    assert not az.log.writes() and "restarts" not in result.stderr and "Dry run" in result.stderr
    assert CANARY not in result.all_text


def test_previous_values_are_masked_where_secret(az, emulator):
    password = "hunter2-in-a-build-command"      # not the canary: a managed value is kept in the cassette
    emulator.store.get(SUBSCRIPTION, "rg-python", "py-web").app_settings["POST_BUILD_COMMAND"] = \
        f"curl -u deploy:{password} https://example.com/hook"
    result = az("pyappsvc set-build -g rg-python -n py-web --post-build 'echo done' --dry-run")
    assert result.output["previous"]["POST_BUILD_COMMAND"].startswith("curl -u deploy:")
    assert password not in result.all_text and not az.log.writes()
