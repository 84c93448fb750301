"""Injected kills for tests: RAPPORTLAGER_KILL_AT=<stage>[:<n>] kills the run at the n-th pass;
RAPPORTLAGER_KILL_AT=<stage>:<n>:raise raises InjectedFailure there instead (a failing step).

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


class InjectedFailure(RuntimeError):
    """A failure injected by RAPPORTLAGER_KILL_AT=<stage>:<n>:raise."""


def kill_point(stage: str) -> None:
    spec = os.environ.get(KILL_ENV)
    if not spec:
        return
    name, _, rest = spec.partition(":")
    if name != stage:
        return
    nth, _, mode = rest.partition(":")
    _passes[stage] += 1
    if _passes[stage] != int(nth or 1):
        return
    if mode == "raise":
        raise InjectedFailure(f"injected failure at {stage}:{nth}")
    if os.getpgid(0) == os.getpid():
        os.killpg(os.getpid(), signal.SIGKILL)
    os.kill(os.getpid(), signal.SIGKILL)
