"""``[core] hostname_callable`` of the Celery test's workers: each one's own name.

Both workers run on this one machine, where every process has the same host name; a real
deployment has one host per worker. The name a worker reports for the task instances it runs
comes from its environment, so the test can tell which worker ran what.
"""

from __future__ import annotations

import os

WORKER_NAME_VARIABLE = "CELERY_TEST_WORKER_NAME"


def hostname() -> str:
    return os.environ[WORKER_NAME_VARIABLE]
