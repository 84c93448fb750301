"""A reader process: opens the published warehouse read-only again and again, as the README
tells Python readers to (`connect_published`), runs one consistency query per open, writes
one JSON line per read; stops when STOP_FILE exists.

Usage: python poller.py WAREHOUSE OUT_JSONL STOP_FILE QUERY [SECONDS between reads, 0.05]"""
from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from pipelines.reader import connect_published


def main(warehouse: Path, out: Path, stop: Path, query: str, pause: float = 0.05) -> int:
    with open(out, "a", encoding="utf-8") as sink:
        while not stop.exists():
            if not warehouse.exists():
                time.sleep(0.05)
                continue
            try:
                con = connect_published(warehouse)
                try:
                    row = con.execute(query).fetchone()
                finally:
                    con.close()
                sink.write(json.dumps({"row": list(row)}, default=str) + "\n")
            except Exception as exc:  # every error is a finding of the test
                sink.write(json.dumps({"error": f"{type(exc).__name__}: {exc}"}) + "\n")
            sink.flush()
            time.sleep(pause)
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3]), sys.argv[4],
                  float(sys.argv[5]) if len(sys.argv) > 5 else 0.05))
