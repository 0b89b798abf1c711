"""`python -m tests.emulator.az <args>`: a whole `az` process that talks to a running emulator.

Reads PYAPPSVC_EMULATOR_DIR (where `serve` wrote its CA; default .work/emu in this checkout) and
PYAPPSVC_EMULATOR (127.0.0.1:port; default: the address `serve` wrote there); uses AZURE_CONFIG_DIR if set,
else a config dir inside the emulator dir. The extension is loaded
from this checkout unless AZURE_EXTENSION_DIR points at a wheel install, or PYAPPSVC_NO_EXTENSION
is set (plain az, for start-up comparisons).
"""

import os
import runpy
import sys


def _emulator():
    """(state dir, address) of the running emulator, or exit with what to do."""
    state_dir = os.environ.get("PYAPPSVC_EMULATOR_DIR") or os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "..", "..", ".work", "emu")
    address = os.environ.get("PYAPPSVC_EMULATOR")
    if not address:
        try:
            with open(os.path.join(state_dir, "address"), encoding="utf-8") as handle:
                address = handle.read().strip()
        except OSError:
            address = None
    if not address or not os.path.exists(os.path.join(state_dir, "ca.pem")):
        sys.exit("No emulator is running in {}: start one with `eval \"$(.venv/bin/python -m tests.emulator start)\"` "
                 "(or set PYAPPSVC_EMULATOR_DIR to the --dir it was started with).".format(os.path.abspath(state_dir)))
    return os.path.abspath(state_dir), address


def main():
    state_dir, address = _emulator()
    os.environ["REQUESTS_CA_BUNDLE"] = os.path.join(state_dir, "ca.pem")
    from . import azenv   # imports no Azure module, so the environment below is set before az reads it
    plain = bool(os.environ.get("PYAPPSVC_NO_EXTENSION"))
    config_dir = os.environ.get("AZURE_CONFIG_DIR") or os.path.join(state_dir,
                                                                     "azconfig-plain" if plain else "azconfig")
    dev_sources = None
    if not os.environ.get("AZURE_EXTENSION_DIR") and not plain:
        dev_sources = azenv.make_dev_source(os.path.join(state_dir, "devext"))
    os.environ.update(azenv.prepare_config_dir(config_dir, dev_sources))
    azenv.route_to(address)
    azenv.patch_login()
    sys.argv = ["az"] + sys.argv[1:]
    runpy.run_module("azure.cli", run_name="__main__", alter_sys=True)


if __name__ == "__main__":
    main()
