"""`python -m tests.emulator start|serve|stop [--dir DIR]`: run the emulator standalone.

- `start` runs `serve` in the background, waits until it answers, then prints the lines to export and, as comments,
  the apps it holds: `eval "$(.venv/bin/python -m tests.emulator start)"`. It also writes DIR/az, an `az` that talks
  to this emulator from any directory.
- `serve` writes DIR/ca.pem and DIR/address, then serves until killed.
- `stop` ends the emulator `start` began.

DIR defaults to .work/emu in this checkout. A control API on https://127.0.0.1:<port>/_emulator/ lets benchmarks
read and clear the request log, set the latency and add fleets of apps (see control.py).
"""

import argparse
import contextlib
import json
import os
import shlex
import signal
import ssl
import subprocess
import sys
import threading
import time
import urllib.request

from . import azenv
from .model import Store
from .seeds import seed_default, seed_functions
from .server import Emulator

DEFAULT_DIR = os.path.join(azenv.REPO, ".work", "emu")
READY_WITHIN = 30.0      # seconds


def serve(args):
    _, cert, key = azenv.issue_certificates(args.dir)
    store = seed_default(Store())
    seed_functions(store)
    emulator = Emulator(store, latency_ms=args.latency_ms).start(cert, key, args.port)
    with open(os.path.join(args.dir, "address"), "w", encoding="utf-8") as handle:
        handle.write("127.0.0.1:{}".format(emulator.port))
    print("127.0.0.1:{}".format(emulator.port), flush=True)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    stop.wait()
    emulator.stop()
    with contextlib.suppress(FileNotFoundError):        # a later `az` must not find this port
        os.remove(os.path.join(args.dir, "address"))


def start(args):
    """Start `serve` in the background (a stale address from an earlier run is removed first), wait until the control
    API answers, then print what the shell needs."""
    stop(args, quiet=True)
    os.makedirs(args.dir, exist_ok=True)
    address_file = os.path.join(args.dir, "address")
    if os.path.exists(address_file):
        os.remove(address_file)
    with open(os.path.join(args.dir, "serve.log"), "w", encoding="utf-8") as log:
        process = subprocess.Popen(  # pylint: disable=consider-using-with  # it outlives this command on purpose
            [sys.executable, "-m", "tests.emulator", "serve", "--dir", args.dir, "--port", str(args.port),
             "--latency-ms", str(args.latency_ms)], cwd=azenv.REPO, stdout=log, stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL, start_new_session=True)
    with open(os.path.join(args.dir, "pid"), "w", encoding="utf-8") as handle:
        handle.write(str(process.pid))
    address = _wait_until_ready(process, args.dir)
    _write_az_shim(args.dir)
    print("export PYAPPSVC_EMULATOR={} PYAPPSVC_EMULATOR_DIR={}".format(address, shlex.quote(args.dir)))
    print("# The emulator answers on {} (pid {}); `{}` is an az that talks to it.".format(
        address, process.pid, os.path.join(args.dir, "az")))
    print("# Its apps (resource group, name, kind, runtime):")
    for site in _served_sites(address, args.dir):        # what the running emulator holds, every group
        print("#   {} {}{} ({}, {})".format(site["resourceGroup"], site["name"],
                                          " --slot " + site["slot"] if site["slot"] else "", site["kind"],
                                          site["runtime"]))


def _served_sites(address, directory):
    context = ssl.create_default_context(cafile=os.path.join(directory, "ca.pem"))
    with urllib.request.urlopen("https://{}/_emulator/sites".format(address), context=context, timeout=10) as reply:
        return json.load(reply)


def _wait_until_ready(process, directory):
    context = ssl.create_default_context(cafile=os.path.join(directory, "ca.pem")) \
        if os.path.exists(os.path.join(directory, "ca.pem")) else None
    deadline = time.monotonic() + READY_WITHIN
    while time.monotonic() < deadline:
        if process.poll() is not None:
            sys.exit("The emulator exited with code {}; see {}".format(process.returncode,
                                                                      os.path.join(directory, "serve.log")))
        try:
            with open(os.path.join(directory, "address"), encoding="utf-8") as handle:
                address = handle.read().strip()
            context = context or ssl.create_default_context(cafile=os.path.join(directory, "ca.pem"))
            with urllib.request.urlopen("https://{}/_emulator/log".format(address), context=context, timeout=2):
                return address
        except (OSError, ValueError):
            time.sleep(0.05)
    process.terminate()
    sys.exit("The emulator did not answer within {:.0f} s; see {}".format(READY_WITHIN,
                                                                         os.path.join(directory, "serve.log")))


def _write_az_shim(directory):
    path = os.path.join(directory, "az")
    with open(path, "w", encoding="utf-8") as handle:
        handle.write("#!/bin/sh\n# az against the emulator in this folder (written by `python -m tests.emulator start`)"
                     "\nPYAPPSVC_EMULATOR_DIR={} PYTHONPATH={} exec {} -m tests.emulator.az \"$@\"\n".format(
                         shlex.quote(directory), shlex.quote(azenv.REPO), shlex.quote(sys.executable)))
    os.chmod(path, 0o755)


def stop(args, quiet=False):
    """End the emulator `start` began in this folder, if it still runs."""
    pid_file = os.path.join(args.dir, "pid")
    try:
        with open(pid_file, encoding="utf-8") as handle:
            pid = int(handle.read().strip())
    except (OSError, ValueError):
        if not quiet:
            print("No emulator was started in {}.".format(args.dir))
        return
    try:
        if _is_emulator(pid):
            os.kill(pid, signal.SIGTERM)
        if not quiet:
            print("Stopped the emulator (pid {}).".format(pid))
    except OSError:
        pass
    for name in ("pid", "address"):
        if os.path.exists(os.path.join(args.dir, name)):
            os.remove(os.path.join(args.dir, name))


def _is_emulator(pid):
    """Whether `pid` is still the emulator (a pid is reused once its process ends); where /proc does not exist,
    the pid file is trusted."""
    try:
        with open("/proc/{}/cmdline".format(pid), "rb") as handle:
            return b"tests.emulator" in handle.read()
    except FileNotFoundError:
        return not os.path.isdir("/proc/self")


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m tests.emulator")
    parser.add_argument("command", choices=["start", "serve", "stop"])
    parser.add_argument("--dir", default=DEFAULT_DIR, help="state directory (CA, address, az config)")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--latency-ms", type=float, default=0)
    args = parser.parse_args(argv)
    args.dir = os.path.abspath(args.dir)
    {"start": start, "serve": serve, "stop": stop}[args.command](args)


if __name__ == "__main__":
    main()
