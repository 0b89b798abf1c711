"""`show-startup`, `doctor`, `set-startup` fidelity (issue 13): the offline Python version, entrypoint quoting."""

FASTAPI_MAIN = "from fastapi import FastAPI\napp = FastAPI()\n"


def _project(tmp_path, **files):
    for name, text in files.items():
        (tmp_path / name).write_text(text)
    return str(tmp_path)


def test_show_startup_takes_python_version(az_offline, tmp_path):
    project = _project(tmp_path, **{"main.py": FASTAPI_MAIN})
    below = az_offline(["pyappsvc", "show-startup", "--source", project]).output
    assert below["origin"] == "default" and "On Python 3.14 or later" in below["explanation"]
    given = az_offline(["pyappsvc", "show-startup", "--source", project, "--python-version", "3.14"]).output
    assert (given["origin"], given["module"], given["pythonVersion"]) == ("fastapi", "main:app", "3.14")


def test_show_startup_reads_the_projects_pin(az_offline, tmp_path):
    project = _project(tmp_path, **{"main.py": FASTAPI_MAIN, ".python-version": "3.14\n"})
    out = az_offline(["pyappsvc", "show-startup", "--source", project]).output
    assert out["origin"] == "fastapi" and ".python-version" in out["explanation"]


def test_python_version_is_validated_and_offline_only(az_offline, tmp_path):
    project = _project(tmp_path, **{"main.py": FASTAPI_MAIN})
    bad = az_offline(["pyappsvc", "show-startup", "--source", project, "--python-version", "banana"])
    assert bad.exit_code != 0 and "python_version" in bad.stderr.replace("-", "_") and "Traceback" not in bad.stderr
    online = az_offline(["pyappsvc", "doctor", "-g", "rg", "-n", "app", "--python-version", "3.14"])
    assert online.exit_code != 0 and "offline" in online.stderr


def test_doctor_offline_with_python_version(az_offline, tmp_path):
    project = _project(tmp_path, **{"main.py": FASTAPI_MAIN, "requirements.txt": "fastapi\n"})
    below = az_offline(["pyappsvc", "doctor", "--source", project]).output
    sta001 = [f for f in below["findings"] if f["code"] == "STA001"]
    assert sta001 and "Below Python 3.14" in sta001[0]["detail"]
    given = az_offline(["pyappsvc", "doctor", "--source", project, "--python-version", "3.14"]).output
    assert not [f for f in given["findings"] if f["code"] == "STA001"]


def test_set_startup_warns_about_single_quotes_before_writing(az_live, live_emulator):
    """The image's entrypoint wraps the command in single quotes and evals it (init_container.sh): STA012."""
    command = "sh -c 'python manage.py migrate && gunicorn --bind=0.0.0.0 app:app'"
    result = az_live(["pyappsvc", "set-startup", "-g", "rg-python", "-n", "py-web", "--command", command,
                      "--dry-run"])
    assert result.exit_code == 0, result.stderr
    assert "reaches Oryx as 'sh -c python'" in result.stderr
    assert all(entry.method == "GET" for entry in live_emulator.requests())
