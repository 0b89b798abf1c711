"""Conventions azure-cli-extensions' CI holds extensions to, checked with the tools it uses (azdev)."""

import json
import os
import subprocess
import sys

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PARAMS = os.path.join(REPO, "azext_pyappsvc", "_params.py")


def test_azdev_linter_reads_every_argument_context_of_params(tmp_path):
    """`azdev linter` finds the command of each `c.argument` with azdev/operations/regex.py
    search_argument_context, which json-loads the literal after `for scope in`: a tuple there crashes it. This runs
    azdev's own function over our _params.py (offline: its pattern file is stubbed)."""
    repo = tmp_path / "cli"
    (repo / "scripts" / "ci").mkdir(parents=True)
    (repo / "scripts" / "ci" / "cmdcov.yml").write_text(
        "CMD_PATTERN: []\nQUO_PATTERN: ''\nEND_PATTERN: ''\nDOCS_END_PATTERN: []\nNOT_END_PATTERN: ''\n"
        "NUMBER_SIGN_PATTERN: ''\n")
    script = ("import json, sys\nfrom azdev.operations.regex import search_argument_context\n"
              "lines = open(sys.argv[1]).read().splitlines()\n"
              "found = {}\n"
              "for index, line in enumerate(lines):\n"
              "    if 'c.argument(' in line:\n"
              "        found[index] = search_argument_context(index, lines)\n"
              "print(json.dumps(found))\n")
    env = dict(os.environ, VIRTUAL_ENV=str(tmp_path / "venv"), AZDEV_CONFIG_DIR=str(tmp_path / "azdev"),
               AZDEV_CLI_REPO_PATH=str(repo))
    done = subprocess.run([sys.executable, "-c", script, PARAMS], env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    scopes = json.loads(done.stdout)
    assert scopes and all(commands for commands in scopes.values())
    assert ["pyappsvc list-runtimes", "pyappsvc set-runtime"] in scopes.values()


def test_metadata_refuses_cores_older_than_the_oldest_tested():
    with open(os.path.join(REPO, "azext_pyappsvc", "azext_metadata.json"), encoding="utf-8") as handle:
        metadata = json.load(handle)
    with open(os.path.join(REPO, "Makefile"), encoding="utf-8") as handle:
        oldest = next(line.split("=", 1)[1].strip() for line in handle if line.startswith("OLDEST_CLI"))
    assert metadata["azext.minCliCoreVersion"] == oldest == "2.87.0"
