"""Serves real `rapportlager run`s to a test, each in a process of its own, without paying the
imports (dagster, dbt, GX: about 5 s) every time: the server imports the pipeline once, then
forks one child per run. The child leads a process group of its own, as a run started from a
terminal or cron does, so a kill point's SIGKILL takes the child and its dbt with it and leaves
the server; the child runs the same function as `rapportlager run` and exits with its code.

Protocol: one JSON line per run on stdin, {"kill": "<stage>:<n>" or null, "log": PATH};
one JSON line back per run, {"code": exit code, or minus the signal that ended the run}.

Usage: python run_server.py PUBLISHED RAW_DIR"""
from __future__ import annotations

import faulthandler
import json
import os
import sys
import traceback
from pathlib import Path

from pipelines.cli import quiet_logging
from pipelines.killpoints import KILL_ENV
from pipelines.run import run_pipeline
import pipelines.definitions  # noqa: F401  (dagster, dagster-dbt, dbt, GX, pandas imported once)

RUN_TIMEOUT = 300


def serve_one(published: Path, raw: Path, kill: str | None, log: Path) -> int:
    pid = os.fork()
    if pid == 0:  # the run
        code = 70
        try:
            os.setsid()
            out = os.open(log, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
            os.dup2(out, 1)
            os.dup2(out, 2)
            # a run that hangs ends with every thread's stack in its log (a run takes seconds)
            faulthandler.dump_traceback_later(RUN_TIMEOUT, exit=True)
            if kill:
                os.environ[KILL_ENV] = kill
            else:
                os.environ.pop(KILL_ENV, None)
            code = run_pipeline(published, raw)
        except BaseException:
            traceback.print_exc()
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(code)
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status)


def main(published: Path, raw: Path) -> int:
    quiet_logging()
    for line in sys.stdin:
        request = json.loads(line)
        code = serve_one(published, raw, request.get("kill"), Path(request["log"]))
        print(json.dumps({"code": code}), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]), Path(sys.argv[2])))
