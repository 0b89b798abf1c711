"""`python -m tests.emulator serve --dir DIR [--port N] [--latency-ms N]`: run the emulator standalone.

Writes DIR/ca.pem and DIR/address, then serves until killed. A control API on
https://127.0.0.1:<port>/_emulator/ lets benchmarks read and clear the request log, set the
latency and add fleets of apps (see control.py).
"""

import argparse
import os
import signal
import threading

from . import azenv
from .model import Store
from .seeds import seed_default, seed_functions
from .server import Emulator


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m tests.emulator")
    parser.add_argument("command", choices=["serve"])
    parser.add_argument("--dir", required=True, help="state directory (CA, address, az config)")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--latency-ms", type=float, default=0)
    args = parser.parse_args(argv)
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


if __name__ == "__main__":
    main()
