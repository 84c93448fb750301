"""dbt's per-node lines, which dagster-dbt echoes to stdout, kept out of the run's output:
all of them go to dbt_project/logs/dbt-build.log; errors, failures, warnings and the closing
tally still reach the terminal."""
from __future__ import annotations

import contextlib
import io
import re
import sys
from pathlib import Path

from .settings import DBT_PROJECT_DIR

SHOWN = re.compile(r"ERROR|FAIL|WARN|Done\. PASS=|Completed with|Database Error|Runtime Error", re.IGNORECASE)
LOG_FILE = DBT_PROJECT_DIR / "logs" / "dbt-build.log"


class _Filter(io.TextIOBase):
    def __init__(self, terminal, log):
        self.terminal, self.log, self.pending = terminal, log, ""

    def write(self, text: str) -> int:
        self.log.write(text)
        self.pending += text
        *lines, self.pending = self.pending.split("\n")
        for line in lines:
            if SHOWN.search(line) and "PASS" not in line.split("[")[0][-12:]:
                self.terminal.write(line + "\n")
        return len(text)

    def flush(self) -> None:
        self.log.flush()
        self.terminal.flush()


@contextlib.contextmanager
def dbt_output_to_log(path: Path = LOG_FILE):
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8") as log:
        with contextlib.redirect_stdout(_Filter(sys.stdout, log)):
            yield path
