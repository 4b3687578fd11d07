"""Grading kernels booted ahead (course/instructor/kernel_pool.py): fresh, in the right folder, never left behind."""

from __future__ import annotations

import asyncio
import os
import signal

import nbformat
import pytest
from jupyter_core.utils import run_sync

from course.instructor.kernel_pool import KernelPool, PooledNotebookClient

pytestmark = pytest.mark.pipeline

PROBE = ("import os\nprint(os.getpid())\nprint(os.getcwd())\nprint(os.environ.get('NBGRADER_EXECUTION'))\n"
         "print('left' in globals())\nleft = 'from an earlier notebook'")


@pytest.fixture(autouse=True)
def no_current_event_loop():
    """As after another test closed its loop (seen in CI): asyncio has no current loop in this thread."""
    asyncio.set_event_loop(None)
    yield


def _pool() -> KernelPool:
    return KernelPool("python3", ("--HistoryManager.hist_file=:memory:",), dict(os.environ, NBGRADER_EXECUTION="autograde"))


def _run(pool: KernelPool, folder) -> list[str]:
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(PROBE)])
    PooledNotebookClient(notebook, pool, timeout=30, kernel_name="python3",
                         resources={"metadata": {"path": str(folder)}}).execute()
    return notebook.cells[0].outputs[0]["text"].splitlines()


async def _ready(future):
    return await future


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    with open(f"/proc/{pid}/stat") as stat:  # a zombie is gone for every purpose here
        return stat.read().split(")")[-1].split()[0] != "Z"


def test_every_notebook_gets_a_fresh_kernel_in_its_own_folder_with_the_grading_environment(tmp_path):
    """Does each notebook run in a kernel of its own, in its folder (any name), seeing NBGRADER_EXECUTION?"""
    folders = [tmp_path / "peserta001", tmp_path / "it's \"odd\" ünï; rm -rf ~"]
    for folder in folders:
        folder.mkdir()
    pool = _pool()
    try:
        runs = [_run(pool, folder) for folder in folders + folders[:1]]
    finally:
        run_sync(pool.close)()
    pids = [int(run[0]) for run in runs]
    assert len(set(pids)) == 3, "a kernel was used for two notebooks"
    assert [run[1] for run in runs] == [str(folder) for folder in folders + folders[:1]]
    assert all(run[2] == "autograde" for run in runs)
    assert all(run[3] == "False" for run in runs), "a notebook saw a variable left by an earlier notebook"
    assert not any(_alive(pid) for pid in pids), "a used kernel is still running after the pool closed"


def test_kernels_talk_over_unix_sockets_in_a_folder_only_the_grader_can_open(tmp_path):
    """Does a pooled kernel use IPC sockets inside the pool's mode-700 folder (no TCP port to collide on)?"""
    pool = _pool()
    try:
        _run(pool, tmp_path)
        manager, _client = run_sync(_ready)(pool._next)
        info = manager.get_connection_info()
        mode = os.stat(pool._folder).st_mode & 0o777
        sockets = [name for name in os.listdir(pool._folder) if name.startswith("kernel")]
    finally:
        run_sync(pool.close)()
    assert info["transport"] == "ipc" and info["ip"].startswith(pool._folder + os.sep)
    assert mode == 0o700 and sockets


def test_closing_the_pool_stops_the_kernel_booted_ahead_and_removes_its_folder(tmp_path):
    """After close, is no kernel of the pool left running, not even the one booted for a next notebook?"""
    pool = _pool()
    pid = int(_run(pool, tmp_path)[0])
    ahead = pool._next  # booted while the notebook ran, never used
    assert ahead is not None
    manager, _client = run_sync(_ready)(ahead)
    ahead_pid = manager.provisioner.pid
    run_sync(pool.close)()
    assert not _alive(pid) and not _alive(ahead_pid)
    assert not os.path.exists(pool._folder)


def test_a_kernel_that_died_while_booting_ahead_is_replaced(tmp_path):
    """If the kernel booted ahead is killed before its turn, does the next notebook still run (in a new kernel)?"""
    pool = _pool()
    try:
        first = int(_run(pool, tmp_path)[0])
        manager, _client = run_sync(_ready)(pool._next)
        os.kill(manager.provisioner.pid, signal.SIGKILL)
        second = int(_run(pool, tmp_path)[0])
    finally:
        run_sync(pool.close)()
    assert second not in (first, manager.provisioner.pid)


def test_nbgraders_execute_step_uses_the_pooled_kernel_and_its_ready_client(tmp_path):
    """Does PooledExecute (nbconvert's synchronous path) run in the pool's kernel through the pool's client,
    instead of opening a second client and waiting for it to be ready again?"""
    from course.instructor.kernel_pool import PooledExecute

    pool, taken = _pool(), []
    take = pool.take

    async def recording_take(folder):
        taken.append(await take(folder))
        return taken[-1]

    pool.take = recording_take
    PooledExecute.pool = pool
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(PROBE)])
    os.environ["NBGRADER_EXECUTION"] = "autograde"
    try:
        executor = PooledExecute(timeout=30)
        executor.preprocess(notebook, {"metadata": {"path": str(tmp_path)}})
    finally:
        os.environ.pop("NBGRADER_EXECUTION", None)
        PooledExecute.pool = None
        run_sync(pool.close)()
    assert len(taken) == 1 and executor.kc is taken[0][1], "nbclient opened a client of its own"
    pid, folder = notebook.cells[0].outputs[0]["text"].splitlines()[:2]
    assert int(pid) == taken[0][0].provisioner.pid and folder == str(tmp_path)


def test_no_kernel_is_booted_after_the_last_notebook_and_a_late_one_still_runs(tmp_path):
    """Told that nothing follows, does the pool boot no kernel for nothing, and still run a notebook that comes anyway?"""
    pool = _pool()
    try:
        first = int(_run(pool, tmp_path)[0])
        assert pool._next is not None  # more may follow: the next kernel boots while this notebook runs
        run_sync(pool.close)()
        pool = _pool()
        pool.more = False
        last = int(_run(pool, tmp_path)[0])
        assert pool._next is None
        late = int(_run(pool, tmp_path)[0])  # a retry after all: booted now
        assert late not in (first, last) and pool._next is None
    finally:
        run_sync(pool.close)()
    assert not _alive(last) and not _alive(late)
