"""Writes are built only from reads that were validated, idempotent writes are retried, and a write whose answer
was lost is read back before the command says what happened."""

import json

import pytest

from tests.emulator.seeds import SUBSCRIPTION
from tests.emulator.server import Fault

LOGIN_PAGE = "<!DOCTYPE html><html><head><title>Sign in to your account</title></head><body>...</body></html>"


def _site(emulator, name="py-web", slot=None):
    return emulator.store.get(SUBSCRIPTION, "rg-python", name, slot)


def _successful_writes(emulator):
    return [(e.method, e.path.rsplit("/sites/", 1)[-1]) for e in emulator.requests() if e.is_write and e.status == 200]


def _one_error(result, *words):
    assert result.exit_code != 0 and "Traceback" not in result.stderr, result.stderr
    lines = [line for line in result.error_lines if line.startswith("ERROR:")]
    assert len(lines) == 1, result.stderr
    assert all(word in lines[0] for word in words), lines[0]
    return lines[0]


@pytest.mark.parametrize("answer", [
    {"id": "x", "name": "appsettings", "properties": None},
    {"id": "x", "name": "appsettings"},
    {"id": "x", "name": "appsettings", "properties": ["DATABASE_PASSWORD"]},
    {"id": "x", "name": "appsettings", "properties": {"DATABASE_PASSWORD": None, "A": "b"}},
    {"id": "x", "name": "appsettings", "properties": {"WORKERS": 4}},
    None, [], "appsettings",
])
def test_set_build_never_writes_from_settings_it_could_not_read_whole(az_live, live_emulator, answer):
    before = live_emulator.store.snapshot()
    live_emulator.inject(Fault(kind="body", method="POST", path="/config/appsettings/list$", body=json.dumps(answer),
                               content_type="application/json", times=10))
    result = az_live("pyappsvc set-build -g rg-python -n py-web --pre-build 'echo hi'")
    _one_error(result, "py-web", "app settings", "nothing was written")
    assert _successful_writes(live_emulator) == [] and live_emulator.store.snapshot() == before


def test_a_container_named_only_in_config_web_is_never_given_a_python_version(az_live, live_emulator):
    site = _site(live_emulator)
    site.config["linuxFxVersion"] = "DOCKER|registry.example/app:1"
    live_emulator.inject(Fault(kind="answer", method="GET", path="/sites/py-web$", body=lambda body: dict(
        body, properties=dict(body["properties"], siteConfig=None, siteProperties={"properties": []}))))
    result = az_live("pyappsvc set-runtime -g rg-python -n py-web --version 3.13")
    _one_error(result, "custom container")
    assert _successful_writes(live_emulator) == [] and site.config["linuxFxVersion"] == "DOCKER|registry.example/app:1"


def test_flex_sends_only_the_runtime_and_keeps_a_null_deployment_as_it_is(az_live, live_emulator):
    flex = _site(live_emulator, "py-flex")
    flex.function_app_config["deployment"] = None
    result = az_live("pyappsvc set-runtime -g rg-python -n py-flex --version 3.13")
    assert result.exit_code == 0, result.stderr
    (patch,) = [e for e in live_emulator.requests() if e.is_write]
    assert patch.body == {"properties": {"functionAppConfig": {"runtime": {"name": "python", "version": "3.13"}}}}
    assert flex.function_app_config["runtime"]["version"] == "3.13" and flex.function_app_config["deployment"] is None
    assert flex.function_app_config["scaleAndConcurrency"]["maximumInstanceCount"] == 100


@pytest.mark.parametrize("fault", [
    dict(kind="status", status=502), dict(kind="status", status=504), dict(kind="status", status=503),
    dict(kind="status", status=429, retry_after=0), dict(kind="reset"),
])
@pytest.mark.parametrize("command, method, path, check", [
    ("set-runtime -g rg-python -n py-web --version 3.13", "PATCH", "/config/web$",
     lambda site: site.config["linuxFxVersion"] == "PYTHON|3.13"),
    ("set-startup -g rg-python -n py-web --module app:app", "PATCH", "/config/web$",
     lambda site: site.config["appCommandLine"] == "gunicorn --bind=0.0.0.0 --timeout 600 app:app"),
    ("set-build -g rg-python -n py-web --build-on-deploy false", "PUT", "/config/appsettings$",
     lambda site: site.app_settings["SCM_DO_BUILD_DURING_DEPLOYMENT"] == "false"),
    ("set-build -g rg-python -n py-web --build-on-deploy false", "POST", "/appsettings/list$",
     lambda site: site.app_settings["SCM_DO_BUILD_DURING_DEPLOYMENT"] == "false"),
])
def test_one_transient_failure_is_retried_and_the_change_made_once(az_live, live_emulator, fault, command, method,
                                                                   path, check):
    live_emulator.inject(Fault(method=method, path=path, **fault))
    result = az_live("pyappsvc " + command)
    assert result.exit_code == 0, result.stderr
    assert check(_site(live_emulator)) and len(_successful_writes(live_emulator)) == 1
    assert len(live_emulator.requests(method=method, path=path)) == 2          # the failed one and the retry


@pytest.mark.parametrize("answer", [dict(body=LOGIN_PAGE, content_type="text/html"),
                                    dict(body="{\"properties\": {trunc", content_type="application/json"),
                                    dict(body=None, status=500)])
def test_a_write_whose_answer_is_lost_is_read_back(az_live, live_emulator, answer):
    live_emulator.inject(Fault(kind="answer", method="PATCH", path="/config/web$", times=10, **answer))
    result = az_live("pyappsvc set-runtime -g rg-python -n py-web --version 3.13")
    assert result.exit_code == 0, result.stderr
    assert "answer to the change of linuxFxVersion for app 'py-web' was lost; read back, the change is in place" \
        in result.stderr
    assert _site(live_emulator).config["linuxFxVersion"] == "PYTHON|3.13"
    assert live_emulator.requests(method="GET", path="/config/web$")[-1].status == 200      # the read-back


def test_a_write_that_keeps_failing_says_it_was_not_applied(az_live, live_emulator):
    before = live_emulator.store.snapshot()
    live_emulator.inject(Fault(status=500, method="PATCH", path="/config/web$", times=10))
    result = az_live("pyappsvc set-startup -g rg-python -n py-web --module app:app")
    _one_error(result, "appCommandLine", "'py-web'", "was not applied", "Azure answered 500")
    assert live_emulator.store.snapshot() == before


def test_a_write_whose_answer_and_read_back_are_lost_says_it_may_have_been_applied(az_live, live_emulator):
    live_emulator.inject(Fault(kind="answer", status=500, method="PATCH", path="/config/web$", times=10),
                         Fault(kind="reset", method="GET", path="/config/web$", after=1, times=10))
    result = az_live("pyappsvc set-runtime -g rg-python -n py-web --version 3.13")
    _one_error(result, "may or may not have been applied", "py-web")
    assert "az pyappsvc show" in result.stderr                                   # the recommendation


def test_a_reset_on_the_settings_list_names_the_app(az_live, live_emulator):
    live_emulator.inject(Fault(kind="reset", method="POST", path="/appsettings/list$", times=10))
    result = az_live("pyappsvc set-build -g rg-python -n py-web --build-on-deploy false")
    line = _one_error(result, "'py-web'")
    assert "Errno" not in line and not [e for e in live_emulator.requests() if e.is_write]


def test_an_empty_stacks_catalogue_is_an_error_and_never_cached(az_live, live_emulator):
    import os
    live_emulator.inject(Fault(kind="answer", method="GET", path="/webAppStacks$", body={"value": []}))
    result = az_live("pyappsvc list-runtimes")
    _one_error(result, "stacks catalogue", "no Linux Python version")
    assert not os.path.exists(os.path.join(os.environ["AZURE_CONFIG_DIR"], "pyappsvc", "webappstacks.json"))
    assert az_live("pyappsvc list-runtimes").output[0]["version"] == "3.14"     # fetched again, not []


@pytest.mark.parametrize("body", [{"value": "garbage"}, {"value": []}, {"value": [{"name": "python"}]}, [1, 2], "x"])
def test_a_garbled_fresh_cache_is_fetched_again(az_live, live_emulator, body):
    import os
    import time
    folder = os.path.join(os.environ["AZURE_CONFIG_DIR"], "pyappsvc")
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, "webappstacks.json"), "w", encoding="utf-8") as handle:
        json.dump({"fetchedAt": time.time(), "body": body}, handle)
    rows = az_live("pyappsvc list-runtimes").output
    assert rows and rows[0]["version"] == "3.14"
    assert len(live_emulator.requests(path="/webAppStacks$")) == 1


# -- the app settings PUT: never re-sent blind --------------------------------------------------------------------
def _other_writer(store):
    _site_in(store).app_settings["CONCURRENT"] = "set by someone else"


def _site_in(store):
    return store.get(SUBSCRIPTION, "rg-python", "py-web")


SET_BUILD = "pyappsvc set-build -g rg-python -n py-web --build-on-deploy false"


def test_a_put_applied_but_answered_502_is_read_back_not_resent(az_live, live_emulator):
    """The first PUT lands and its answer is lost; someone else then adds a setting. Re-sending the PUT would
    remove it; reading back finds the change in place and stops."""
    live_emulator.inject(Fault(kind="answer", status=502, method="PUT", path="/config/appsettings$", times=1))
    live_emulator.on("PUT", r"/config/appsettings$", _other_writer)
    result = az_live(SET_BUILD)
    assert result.exit_code == 0, result.stderr
    assert "read back, the change is in place" in result.stderr
    settings = _site(live_emulator).app_settings
    assert settings["CONCURRENT"] == "set by someone else" and settings["SCM_DO_BUILD_DURING_DEPLOYMENT"] == "false"
    assert len(live_emulator.requests(method="PUT")) == 1


def test_a_put_that_failed_is_rebuilt_from_a_fresh_read(az_live, live_emulator):
    """The first PUT is refused with a 500 (not applied); someone else adds a setting before the next attempt,
    which is built from a fresh read and so keeps it."""
    live_emulator.inject(Fault(status=500, method="PUT", path="/config/appsettings$", times=1))
    live_emulator.on("PUT", r"/config/appsettings$", _other_writer)       # runs after the refused PUT too
    result = az_live(SET_BUILD)
    assert result.exit_code == 0, result.stderr
    settings = _site(live_emulator).app_settings
    assert settings["CONCURRENT"] == "set by someone else" and settings["SCM_DO_BUILD_DURING_DEPLOYMENT"] == "false"
    puts = live_emulator.requests(method="PUT")
    assert len(puts) == 2 and puts[1].body["properties"]["CONCURRENT"] == "set by someone else"


def test_a_change_in_place_is_success_whatever_else_changed(az_live, live_emulator):
    """Every PUT lands but is answered 500, and an unrelated setting changes before the read-back: the change asked
    for is in place, so the command succeeds (comparing every setting would call it not applied)."""
    live_emulator.inject(Fault(kind="answer", status=500, method="PUT", path="/config/appsettings$", times=10))
    live_emulator.on("PUT", r"/config/appsettings$", _other_writer, times=10)
    result = az_live(SET_BUILD)
    assert result.exit_code == 0, result.stderr
    assert _site(live_emulator).app_settings["SCM_DO_BUILD_DURING_DEPLOYMENT"] == "false"


def test_a_refused_put_is_not_sent_again(az_live, live_emulator):
    before = live_emulator.store.snapshot()
    live_emulator.inject(Fault(status=400, method="PUT", path="/config/appsettings$", times=10))
    result = az_live(SET_BUILD)
    _one_error(result, "400", "'py-web'")
    assert len(live_emulator.requests(method="PUT")) == 1 and live_emulator.store.snapshot() == before


def test_set_build_refuses_a_container_named_only_in_config_web(az_live, live_emulator):
    """The site says nothing about the image (siteConfig and siteProperties null); config/web says DOCKER|..."""
    before = live_emulator.store.snapshot()
    live_emulator.inject(Fault(kind="answer", method="GET", path=r"/sites/py-web$", body=lambda body: dict(
        body, kind="app,linux", properties=dict(body["properties"], siteConfig=None, siteProperties=None))))
    _site(live_emulator).config["linuxFxVersion"] = "DOCKER|myregistry.azurecr.io/app:1"
    before = live_emulator.store.snapshot()
    result = az_live(SET_BUILD)
    _one_error(result, "custom container")
    assert live_emulator.store.snapshot() == before


def test_a_runtime_echoed_in_another_case_is_in_place(az_live, live_emulator):
    live_emulator.inject(Fault(kind="answer", method="PATCH", path="/config/web$", body=lambda body: dict(
        body, properties=dict(body["properties"], linuxFxVersion="python|3.13"))))
    result = az_live("pyappsvc set-runtime -g rg-python -n py-web --version 3.13")
    assert result.exit_code == 0, result.stderr
    assert _site(live_emulator).config["linuxFxVersion"] == "PYTHON|3.13"
