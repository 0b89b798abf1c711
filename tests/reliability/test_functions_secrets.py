"""set-build's package index URL is a secret: written exactly, printed never (live emulator, no cassette)."""

import json

from tests.canary import CANARY
from tests.emulator.seeds import FUNCTIONS_GROUP, SUBSCRIPTION, seed_functions


def test_the_index_url_is_written_as_given_and_never_printed(az_live, live_emulator):
    seed_functions(live_emulator.store, CANARY)
    index = f"https://build:{CANARY}@pkgs.contoso.com/simple?token={CANARY}"
    result = az_live(["pyappsvc", "set-build", "-g", FUNCTIONS_GROUP, "-n", "fn-premium", "--pip-extra-index-url",
                      index, "--debug"])
    assert result.exit_code == 0, result.stderr
    assert live_emulator.store.get(SUBSCRIPTION, FUNCTIONS_GROUP, "fn-premium").app_settings[
        "PIP_EXTRA_INDEX_URL"] == index
    assert CANARY not in result.all_text


def test_doctor_names_the_index_host_and_not_its_credential(az_live, live_emulator):
    seed_functions(live_emulator.store, CANARY)
    result = az_live(["pyappsvc", "doctor", "-g", FUNCTIONS_GROUP, "-n", "fn-consumption", "--debug"])
    assert result.exit_code == 0, result.stderr
    assert any(f["code"] == "FN016" and "pkgs.contoso.com" in f["detail"] for f in result.output["findings"])
    assert CANARY not in result.all_text


def test_a_credential_with_an_at_sign_never_leaks_into_the_index_host(az_live, tmp_path):
    """pip splits userinfo at the LAST '@': `user:p@CANARY@host` holds the credential `user:p@CANARY`."""
    index = f"https://user:p@{CANARY}@pkgs.contoso.com/simple"
    (tmp_path / "function_app.py").write_text("import azure.functions as func\napp = func.FunctionApp()\n")
    (tmp_path / "host.json").write_text('{"version": "2.0"}')
    (tmp_path / "requirements.txt").write_text(f"--extra-index-url {index}\nazure-functions\n")
    (tmp_path / "local.settings.json").write_text(json.dumps({"Values": {"PIP_EXTRA_INDEX_URL": index}}))
    result = az_live(["pyappsvc", "doctor", "--source", str(tmp_path), "--debug"])
    assert result.exit_code == 0, result.stderr
    details = [f["detail"] for f in result.output["findings"] if f["code"] == "FN016"]
    assert len(details) == 2 and all("index pkgs.contoso.com " in detail for detail in details)
    assert CANARY not in result.all_text
