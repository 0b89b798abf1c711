"""Target resolution: every command writes and reads exactly the app or slot the user named, however it was named
(-g/-n/--slot, --ids, configured defaults), and refuses anything else before sending a request."""

import pytest

from tests.emulator.model import Site
from tests.emulator.seeds import SECOND_SUBSCRIPTION as OTHER_SUBSCRIPTION
from tests.emulator.seeds import SUBSCRIPTION, web_config

SITES = "/subscriptions/{}/resourceGroups/rg-python/providers/Microsoft.Web/sites/".format(SUBSCRIPTION)
SLOT_ID = SITES + "py-web/slots/staging"
WRITES = {
    "set-runtime": (["--version", "3.12"], "PATCH", "/slots/staging/config/web"),
    "set-build": (["--build-on-deploy", "true"], "PUT", "/slots/staging/config/appsettings"),
    "set-startup": (["--module", "app:app"], "PATCH", "/slots/staging/config/web"),
}


def _paths(emulator, method=None):
    return [entry.path for entry in emulator.requests(method=method)]


@pytest.mark.parametrize("command", sorted(WRITES))
def test_a_slot_id_writes_the_slot_and_only_the_slot(az_live, live_emulator, command):
    args, method, suffix = WRITES[command]
    result = az_live(["pyappsvc", command, "--ids", SLOT_ID] + args)
    assert result.exit_code == 0, result.stderr
    assert result.output["slot"] == "staging" and result.output["name"] == "py-web"
    writes = [entry for entry in live_emulator.requests() if entry.is_write]
    assert [(w.method, w.path) for w in writes] == [(method, SITES + "py-web" + suffix)]
    sites = [path for path in _paths(live_emulator) if "/sites/" in path]
    assert sites and all("/slots/staging" in path for path in sites)     # production is never touched


@pytest.mark.parametrize("command", ["show", "show-startup", "doctor"])
def test_a_slot_id_reads_the_slot(az_live, live_emulator, command):
    result = az_live(["pyappsvc", command, "--ids", SLOT_ID])
    assert result.exit_code == 0, result.stderr
    out = result.output
    assert isinstance(out, dict)
    if command == "doctor":
        assert out["target"]["slot"] == "staging"
    arm = [path for entry in live_emulator.requests() if entry.host == "management.azure.com"
           for path in [entry.path] if "/sites/" in path]
    assert arm and all("/slots/staging" in path for path in arm)


@pytest.mark.parametrize("slot", ["", " ", "..", ".", "a/b", "staging/../..", "st aging", "x\ny"])
@pytest.mark.parametrize("command", sorted(WRITES))
def test_a_slot_that_is_no_slot_name_is_refused_before_any_request(az_live, live_emulator, command, slot):
    args = WRITES[command][0]
    result = az_live(["pyappsvc", command, "-g", "rg-python", "-n", "py-web", "--slot", slot] + args)
    assert result.exit_code != 0 and "Traceback" not in result.stderr
    assert len(result.error_lines) == 1 and "--slot" in result.error_lines[0], result.stderr
    assert live_emulator.requests() == []


@pytest.mark.parametrize("resource_id", [
    "/subscriptions/{}/resourceGroups/rg-python/providers/Microsoft.Storage/storageAccounts/pyfunc".format(
        SUBSCRIPTION),
    "/subscriptions/{}/resourceGroups/rg-python/providers/Microsoft.Web/serverfarms/plan-linux".format(SUBSCRIPTION),
    SITES + "py-web/config/web",
    SITES + "py-web/slots",
    SITES + "py-web/slots/staging/config/appsettings",
    "py-web",
])
@pytest.mark.parametrize("command", sorted(WRITES) + ["show", "doctor"])
def test_ids_of_other_resources_are_refused_before_any_request(az_live, live_emulator, command, resource_id):
    args = WRITES.get(command, ([],))[0]
    result = az_live(["pyappsvc", command, "--ids", resource_id] + args)
    assert result.exit_code != 0 and "Traceback" not in result.stderr
    assert len(result.error_lines) == 1 and "--ids" in result.error_lines[0], result.stderr
    assert live_emulator.requests() == []


def test_names_and_ids_together_are_refused(az_live, live_emulator):
    result = az_live(["pyappsvc", "set-runtime", "--ids", SLOT_ID, "--slot", "production", "--version", "3.12"])
    assert result.exit_code != 0 and "--ids" in result.error_lines[0] and "--slot" in result.error_lines[0]
    assert live_emulator.requests() == []


@pytest.fixture
def defaults(monkeypatch):
    """What `az config set defaults.group=rg-python defaults.web=py-web` configures."""
    monkeypatch.setenv("AZURE_DEFAULTS_GROUP", "rg-python")
    monkeypatch.setenv("AZURE_DEFAULTS_WEB", "py-web")


def test_configured_defaults_complete_the_target_and_print_as_names(az_live, defaults):
    result = az_live(["pyappsvc", "show"])
    assert result.exit_code == 0, result.stderr
    assert (result.output["name"], result.output["resourceGroup"]) == ("py-web", "rg-python")
    table = az_live(["pyappsvc", "show", "-o", "table"])
    assert table.exit_code == 0 and "py-web" in table.stdout and "isDefault" not in table.stdout
    doctor = az_live(["pyappsvc", "doctor", "-o", "table"])
    assert doctor.exit_code == 0 and "isDefault" not in doctor.stdout, doctor.stderr
    assert az_live(["pyappsvc", "doctor"]).output["target"]["name"] == "py-web"


def test_configured_defaults_never_turn_an_offline_run_online(az_live, live_emulator, defaults, tmp_path):
    (tmp_path / "app.py").write_text("from flask import Flask\napp = Flask(__name__)\n")
    for command in (["doctor"], ["show-startup"]):
        result = az_live(["pyappsvc"] + command + ["--source", str(tmp_path)])
        assert result.exit_code == 0, result.stderr
        assert isinstance(result.output, dict) and result.output.get("target") is None
    assert live_emulator.requests() == []


def test_configured_defaults_do_not_conflict_with_all(az_live, live_emulator, defaults):
    result = az_live(["pyappsvc", "doctor", "--all", "-o", "none"])
    assert result.exit_code in (0, 1) and "Traceback" not in result.stderr
    assert _paths(live_emulator, "GET")[0].endswith("/subscriptions/{}/providers/Microsoft.Web/sites".format(
        SUBSCRIPTION))


def test_a_name_without_its_group_is_one_error_line(az_live, live_emulator):
    for command in (["show-startup", "-n", "py-web"], ["show", "-n", "py-web"], ["doctor", "-n", "py-web"]):
        result = az_live(["pyappsvc"] + command)
        assert result.exit_code != 0 and "Traceback" not in result.stderr, command
        assert len(result.error_lines) == 1 and "--resource-group" in result.error_lines[0], result.stderr
    assert live_emulator.requests() == []


@pytest.fixture
def other_subscription(live_emulator):
    live_emulator.store.add(Site(name="py-web", kind="app,linux", subscription=OTHER_SUBSCRIPTION,
                                 config=web_config("PYTHON|3.13"),
                                 app_settings={"SCM_DO_BUILD_DURING_DEPLOYMENT": "1"}))
    return "/subscriptions/{}/resourceGroups/rg-python/providers/Microsoft.Web/sites/py-web".format(OTHER_SUBSCRIPTION)


def test_ids_are_read_in_their_own_subscription(az_live, live_emulator, other_subscription):
    out = az_live(["pyappsvc", "doctor", "--ids", other_subscription]).output
    assert out["target"]["runtime"] == "PYTHON|3.13"                      # not the py-web of the current one
    assert all("/subscriptions/{}/".format(OTHER_SUBSCRIPTION) in path for path in _paths(live_emulator)
               if "/resourceGroups/" in path)
    fixes = [f["fixArgs"] for f in out["findings"] if f["fixArgs"]]
    assert all(args[args.index("--subscription") + 1] == OTHER_SUBSCRIPTION for args in fixes)
    written = az_live(["pyappsvc", "set-runtime", "--ids", other_subscription, "--version", "3.12"])
    assert written.exit_code == 0, written.stderr
    assert live_emulator.store.get(OTHER_SUBSCRIPTION, "rg-python", "py-web").config["linuxFxVersion"] == "PYTHON|3.12"
    assert live_emulator.store.get(SUBSCRIPTION, "rg-python", "py-web").config["linuxFxVersion"] == "PYTHON|3.12"


def test_one_missing_id_is_reported_and_the_others_are_checked(az_live, live_emulator):
    result = az_live(["pyappsvc", "doctor", "--ids", SITES + "py-web", SITES + "ghost", SLOT_ID])
    assert result.exit_code == 1 and "Traceback" not in result.stderr
    by_name = {(r["target"]["name"], r["target"]["slot"]): r for r in result.output}
    assert set(by_name) == {("py-web", None), ("ghost", None), ("py-web", "staging")}
    assert [f["code"] for f in by_name[("ghost", None)]["findings"]] == ["DATA003"]
    assert "'ghost' was not found" in by_name[("ghost", None)]["findings"][0]["detail"]
    assert "1 app(s) could not be read" in result.stderr


def test_one_id_answers_with_one_object_like_g_n(az_live):
    by_id = az_live(["pyappsvc", "doctor", "--ids", SITES + "py-web"]).output
    by_name = az_live(["pyappsvc", "doctor", "-g", "rg-python", "-n", "py-web"]).output
    assert isinstance(by_id, dict) and by_id["target"] == by_name["target"]
    two = az_live(["pyappsvc", "show", "--ids", SITES + "py-web", SITES + "py-func"]).output
    assert [app["name"] for app in two] == ["py-web", "py-func"]


def test_several_ids_for_a_write_go_on_past_a_failing_one(az_live, live_emulator):
    result = az_live(["pyappsvc", "set-runtime", "--version", "3.13", "--ids", SITES + "ghost", SITES + "py-web"])
    assert result.exit_code == 1 and "Traceback" not in result.stderr
    assert [app["name"] for app in result.output] == ["py-web"]
    assert "ghost" in result.stderr and "1 of 2 apps failed" in result.stderr
    assert live_emulator.store.get(SUBSCRIPTION, "rg-python", "py-web").config["linuxFxVersion"] == "PYTHON|3.13"


def test_ids_in_one_argument_are_split_and_an_app_named_twice_is_checked_once(az_live, live_emulator):
    """`--ids "$(az webapp list --query [].id -o tsv)"` hands several ids, one per line, in one argument."""
    web, func = SITES + "py-web", SITES + "py-func"
    result = az_live(["pyappsvc", "doctor", "--ids", f"{web}\n{func}\n", web.upper().replace("/SUBSCRIPTIONS/",
                                                                                              "/subscriptions/")])
    assert result.exit_code in (0, 1) and "Traceback" not in result.stderr, result.stderr
    assert sorted(r["target"]["name"] for r in result.output) == ["py-func", "py-web"]
    assert len(live_emulator.requests(method="GET", path=r"/sites/py-web$")) == 1


@pytest.mark.parametrize("args, typed", [
    (["--version", "3.13", "--runtime", "3.12"], "given twice (--version and --runtime)"),
    (["--linux-fx-version", "3.12", "-v", "3.13"], "given twice (--linux-fx-version and -v)"),
])
def test_one_option_under_two_spellings_is_refused(az_live, live_emulator, args, typed):
    result = az_live(["pyappsvc", "set-runtime", "-g", "rg-python", "-n", "py-web"] + args)
    assert result.exit_code == 2 and typed in result.error_lines[0]
    assert not [e for e in live_emulator.requests() if e.is_write]


def test_errors_name_the_option_as_typed(az_live):
    result = az_live(["pyappsvc", "set-runtime", "-g", "rg-python", "-n", "py-web", "--linux-fx-version",
                      "DOCKER|nginx"])
    assert result.error_lines[0].startswith("ERROR: --linux-fx-version 'DOCKER|nginx'")


def test_an_empty_startup_file_clears_the_command_as_core_az_does(az_live, live_emulator):
    live_emulator.store.get(SUBSCRIPTION, "rg-python", "py-web").config["appCommandLine"] = "gunicorn app:app"
    result = az_live(["pyappsvc", "set-startup", "-g", "rg-python", "-n", "py-web", "--startup-file", ""])
    assert result.exit_code == 0, result.stderr
    assert live_emulator.store.get(SUBSCRIPTION, "rg-python", "py-web").config["appCommandLine"] == ""
