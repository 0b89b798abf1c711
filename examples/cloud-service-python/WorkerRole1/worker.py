import asyncore  # removed in Python 3.12: the migration plan names it
import os
import time


def main():
    queue = os.environ.get("QUEUE_NAME", "jobs")
    while True:
        print("polling", queue)
        time.sleep(30)


if __name__ == "__main__":
    main()
