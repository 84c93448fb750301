"""Run a command and print its resource use: `python -m pipelines.bench.launch CMD ...`.

The measured command is started from this small process, not from the caller: on Linux a child
inherits, across fork and exec, the peak resident memory of the process it was forked from, so
a command started by a large process (a pytest worker of 400 MB) would report that process's
peak as its own. The command's output passes through; the last line is `BENCH_USAGE {json}`:
its CPU time (user + system, its children included) and its peak resident memory."""
import json
import os
import subprocess
import sys


def main() -> int:
    proc = subprocess.Popen(sys.argv[1:])
    _, status, usage = os.wait4(proc.pid, 0)
    sys.stdout.flush()
    print("BENCH_USAGE " + json.dumps({"cpu_s": usage.ru_utime + usage.ru_stime, "maxrss_kb": usage.ru_maxrss}),
          flush=True)
    return os.waitstatus_to_exitcode(status)


if __name__ == "__main__":
    sys.exit(main())
