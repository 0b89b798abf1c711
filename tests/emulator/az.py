"""`python -m tests.emulator.az <args>`: a whole `az` process that talks to a running emulator.

Reads PYAPPSVC_EMULATOR (127.0.0.1:port) and PYAPPSVC_EMULATOR_DIR (where `serve` wrote its CA);
uses AZURE_CONFIG_DIR if set, else a config dir inside the emulator dir. The extension is loaded
from this checkout unless AZURE_EXTENSION_DIR points at a wheel install, or PYAPPSVC_NO_EXTENSION
is set (plain az, for start-up comparisons).
"""

import os
import runpy
import sys


def main():
    state_dir = os.environ["PYAPPSVC_EMULATOR_DIR"]
    os.environ["REQUESTS_CA_BUNDLE"] = os.path.join(state_dir, "ca.pem")
    from . import azenv   # imports no Azure module, so the environment below is set before az reads it
    plain = bool(os.environ.get("PYAPPSVC_NO_EXTENSION"))
    config_dir = os.environ.get("AZURE_CONFIG_DIR") or os.path.join(state_dir,
                                                                     "azconfig-plain" if plain else "azconfig")
    dev_sources = None
    if not os.environ.get("AZURE_EXTENSION_DIR") and not plain:
        dev_sources = azenv.make_dev_source(os.path.join(state_dir, "devext"))
    os.environ.update(azenv.prepare_config_dir(config_dir, dev_sources))
    azenv.route_to(os.environ["PYAPPSVC_EMULATOR"])
    azenv.patch_login()
    sys.argv = ["az"] + sys.argv[1:]
    runpy.run_module("azure.cli", run_name="__main__", alter_sys=True)


if __name__ == "__main__":
    main()
