"""Background work without a worker process: each task runs in a thread of the web process.

The embedded default (SQLite, ``make demo``, ``make serve``) has no ``db_worker`` running,
yet a still's renditions (seconds of image work, a dozen writes) must not be made inside
the upload's request: the desk would wait for them, and on SQLite their writes met the
next upload's as "database is locked". ``ThreadBackend`` queues them instead on one
thread per process, which makes them one after another once the upload has answered.

A task still queued when the process stops is lost; ``manage.py remake_renditions`` makes
what such a loss left missing. Production runs ``NEWSROOM_TASKS_BACKEND=database`` with
``manage.py db_worker``, whose queue survives restarts.
"""

from __future__ import annotations

import os
import threading
from concurrent.futures import Future, ThreadPoolExecutor

from django.db import connections
from django_tasks.backends.immediate import ImmediateBackend
from django_tasks.base import TaskResult

_lock = threading.Lock()
_pool: tuple[int, ThreadPoolExecutor] | None = None


def _executor() -> ThreadPoolExecutor:
    """The process's one task thread (made again in a forked child, which has none)."""
    global _pool
    with _lock:
        if _pool is None or _pool[0] != os.getpid():
            _pool = (os.getpid(), ThreadPoolExecutor(1, thread_name_prefix="newsroom-task"))
        return _pool[1]


class ThreadBackend(ImmediateBackend):
    """``ImmediateBackend``'s running of a task, on the background thread instead of the
    caller's: ``enqueue`` returns at once, the task's result says how it went once run."""

    def _execute_task(self, task_result: TaskResult) -> None:
        _executor().submit(self._run, task_result)

    def _run(self, task_result: TaskResult) -> None:
        try:
            super()._execute_task(task_result)
        finally:
            connections.close_all()  # the thread's own; the next task opens fresh ones

    @staticmethod
    def wait_until_idle(timeout: float = 60) -> None:
        """Return once every task queued so far has run (for tests and shutdown)."""
        done: Future = _executor().submit(lambda: None)
        done.result(timeout)
