"""Injected kills for tests: RAPPORTLAGER_KILL_AT=<stage>[:<n>] kills the run at the n-th pass.

Stages: extraction (after each report), dbt (each dbt event), audit (before and after the
findings are written), publish (after the snapshot link, after the rename). The kill is a
SIGKILL of the whole process group when the run leads its own group (dbt dies with it, as
with a real kill of a terminal or a cron job), else of the process alone.
"""
from __future__ import annotations

import os
import signal
from collections import Counter

KILL_ENV = "RAPPORTLAGER_KILL_AT"
_passes: Counter[str] = Counter()


def kill_point(stage: str) -> None:
    spec = os.environ.get(KILL_ENV)
    if not spec:
        return
    name, _, nth = spec.partition(":")
    if name != stage:
        return
    _passes[stage] += 1
    if _passes[stage] != int(nth or 1):
        return
    if os.getpgid(0) == os.getpid():
        os.killpg(os.getpid(), signal.SIGKILL)
    os.kill(os.getpid(), signal.SIGKILL)
