"""Grading kernels booted ahead: the next notebook's kernel starts while the current notebook runs.

Starting a Python kernel costs about 0.4 s of wall time here, half of it idle (jupyter_client's
``wait_for_ready`` drains IOPub until it has been quiet for 0.2 s), and stopping one another 0.1 s.
A ``KernelPool`` keeps one kernel booted and ready on the thread's event loop (the loop nbclient
itself runs on, through ``jupyter_core.utils.run_sync``), so that boot happens while the current
notebook's cells run, and stops used kernels in the background.

Every notebook still gets a fresh kernel of its own; a kernel is never reused. It boots in an empty
private folder (so nothing a submission brings can sit on its ``sys.path``), talks over Unix sockets
in that folder (no TCP port to collide on or to reach from another account), with the environment
the grading step would give it (``NBGRADER_EXECUTION``), and moves to the notebook's folder with
one silent ``os.chdir`` before the notebook's first cell.

``PooledExecute`` is nbgrader's ``Execute`` with kernels from a pool (the course's grading worker
uses it); ``PooledNotebookClient`` is nbclient's ``NotebookClient`` with kernels from a pool (the
benchmark's floor uses it).
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import shutil
import tempfile
from queue import Empty

from jupyter_client.manager import AsyncKernelManager
from jupyter_core.utils import run_sync
from nbclient import NotebookClient
from nbclient.util import run_hook
from nbgrader.preprocessors import Execute

__all__ = ["KernelPool", "PooledExecute", "PooledNotebookClient", "kernel_arguments"]

_READY_SECONDS = 60


class KernelPool:
    """One kernel booted ahead on the running thread's event loop; see the module's docstring."""

    def __init__(self, kernel_name: str = "python3", extra_arguments: tuple[str, ...] = (),
                 environment: dict | None = None):
        self.kernel_name = kernel_name
        self.extra_arguments = tuple(extra_arguments)
        self.environment = dict(os.environ if environment is None else environment)
        self._folder = tempfile.mkdtemp(prefix="kursus-kernel-")  # mode 700
        self._launched = 0
        self._loop: asyncio.AbstractEventLoop | None = None
        self._next: asyncio.Future | None = None
        self._stopping: set[asyncio.Future] = set()
        self.more = True  # whether another notebook may follow the next one taken (else none is booted after it)

    def serves(self, kernel_name: str, extra_arguments, mode: str | None) -> bool:
        """Whether this pool's kernels are the ones a notebook run with these settings would start."""
        return (kernel_name == self.kernel_name and tuple(extra_arguments) == self.extra_arguments
                and mode == self.environment.get("NBGRADER_EXECUTION"))

    async def _launch(self) -> AsyncKernelManager:
        # Unix sockets in the pool's private folder, one name per kernel: no TCP port can be taken by another
        # kernel between being chosen and being bound (a clash that lost kernels under load), and no other
        # account on the machine can reach a grading kernel.
        self._launched += 1
        self._loop = asyncio.get_running_loop()  # every kernel's client and every background stop live on it
        if os.name == "posix":
            manager = AsyncKernelManager(kernel_name=self.kernel_name, transport="ipc",
                                         ip=os.path.join(self._folder, f"kernel{self._launched}"))
        else:
            manager = AsyncKernelManager(kernel_name=self.kernel_name)
        await manager.start_kernel(cwd=self._folder, env=self.environment, extra_arguments=list(self.extra_arguments))
        return manager

    async def _ready(self, manager: AsyncKernelManager) -> tuple[AsyncKernelManager, object]:
        client = manager.client()
        client.start_channels()
        try:
            await client.wait_for_ready(timeout=_READY_SECONDS)
        except BaseException:
            await self._stop(manager, client)
            raise
        return manager, client

    async def start_ahead(self) -> None:
        """Launch the next kernel now: its process boots at once, its handshake whenever this thread's loop runs."""
        if self._next is None:
            self._next = asyncio.ensure_future(self._ready(await self._launch()))

    async def take(self, folder: str) -> tuple[AsyncKernelManager, object]:
        """A ready kernel working in ``folder``; the one after it is launched at once, unless ``more`` is false.

        A kernel booted ahead that died before its turn is replaced by one booted now; if that one fails
        too, the error goes to the caller (nbgrader reports it, and the course's autograde tries again).
        Whoever feeds the pool sets ``more`` to false for its last notebook, so that no kernel boots for
        nothing at the end (a notebook that comes after all gets one booted then).
        """
        await self.start_ahead()
        booting, self._next = self._next, None
        if self.more:
            await self.start_ahead()
        folder = os.path.abspath(folder)
        try:
            return await self._moved(booting, folder)
        except Exception:  # noqa: BLE001 - it died while booting or waiting: boot one now
            return await self._moved(self._ready(await self._launch()), folder)

    async def _moved(self, kernel, folder: str) -> tuple[AsyncKernelManager, object]:
        """``kernel`` (awaited) working in ``folder``; stopped if it cannot get there."""
        manager, client = await kernel
        try:
            await _change_folder(manager, client, folder)
        except BaseException:
            self.release(manager, client)
            raise
        return manager, client

    def release(self, manager: AsyncKernelManager, client) -> None:
        """Stop a used kernel in the background (the next notebook does not wait for it).

        Called from synchronous code (after nbclient's run): the stop is queued on the loop the kernel's
        client lives on, which finishes it the next time it runs.
        """
        stopping = self._loop.create_task(self._stop(manager, client))
        self._stopping.add(stopping)
        stopping.add_done_callback(self._stopping.discard)

    @staticmethod
    async def _stop(manager: AsyncKernelManager, client) -> None:
        with contextlib.suppress(Exception):
            client.stop_channels()
        with contextlib.suppress(Exception):  # already dead, or gone: nothing left to stop
            await manager.shutdown_kernel(now=True)

    async def close(self) -> None:
        """Stop every kernel this pool started, the one booted ahead too, and remove its folder."""
        if self._next is not None:
            booting, self._next = self._next, None
            with contextlib.suppress(Exception):
                await self._stop(*await booting)
        if self._stopping:
            await asyncio.gather(*self._stopping, return_exceptions=True)
        shutil.rmtree(self._folder, ignore_errors=True)


async def _change_folder(manager: AsyncKernelManager, client, folder: str) -> None:
    """Move the kernel to ``folder`` with one silent execution (no output, no history, no execution count)."""
    request = client.execute(f"__import__('os').chdir({folder!r})", silent=True, store_history=False,
                             allow_stdin=False)
    waited = 0
    while True:
        try:
            reply = await client.get_shell_msg(timeout=1)
        except Empty:
            waited += 1
            if not await manager.is_alive():
                raise RuntimeError("Kernel died before it could start the notebook") from None
            if waited >= _READY_SECONDS:
                raise RuntimeError(f"Kernel timed out moving to {folder}") from None
            continue
        if reply["parent_header"].get("msg_id") == request:
            break
    if reply["content"].get("status") != "ok":
        raise RuntimeError(f"Kernel could not move to {folder}: {reply['content'].get('evalue', '')}")


def kernel_arguments(client: NotebookClient) -> tuple[str, ...]:
    """The kernel arguments nbclient itself starts ``client``'s kernels with (its in-memory history file too)."""
    arguments = list(client.extra_arguments)
    if client.ipython_hist_file and not any(arg.startswith("--HistoryManager.hist_file") for arg in arguments):
        arguments.append(f"--HistoryManager.hist_file={client.ipython_hist_file}")
    return tuple(arguments)


class _PooledKernels:
    """For an nbclient ``NotebookClient`` subclass: adopt an already-ready client instead of waiting for one."""

    _pooled: tuple | None = None

    @contextlib.contextmanager
    def _kernel_from(self, pool: KernelPool, resources):
        """A fresh kernel from ``pool`` in the notebook's folder for one run; stopped in the background after."""
        folder = ((resources or {}).get("metadata") or {}).get("path") or os.getcwd()
        self._pooled = run_sync(pool.take)(folder)
        try:
            yield self._pooled[0]
        finally:
            pool.release(*self._pooled)
            self._pooled = None

    async def async_start_new_kernel_client(self):
        if self._pooled is None:
            return await super().async_start_new_kernel_client()
        self.kc = self._pooled[1]
        self.kc.allow_stdin = False
        await run_hook(self.on_notebook_start, notebook=self.nb)
        return self.kc

    # nbclient's synchronous path (ExecutePreprocessor's setup_kernel) calls this wrapper, made from its own
    # coroutine when the class was defined: make it from the one above.
    start_new_kernel_client = run_sync(async_start_new_kernel_client)


class PooledExecute(_PooledKernels, Execute):
    """nbgrader's ``Execute``, with each notebook's fresh kernel taken from ``PooledExecute.pool`` when set.

    Falls back to nbgrader's own way (a kernel started here and now) when no pool is set or the pool's
    kernels were booted for other settings (another kernel, other arguments, another ``NBGRADER_EXECUTION``).
    """

    pool: KernelPool | None = None

    def preprocess(self, nb, resources=None, km=None):
        pool = type(self).pool
        mode = os.environ.get("NBGRADER_EXECUTION")
        kernel_name = self.kernel_name or nb.metadata.get("kernelspec", {}).get("name") or "python3"
        if km is not None or pool is None or not pool.serves(kernel_name, kernel_arguments(self), mode):
            return super().preprocess(nb, resources, km)
        with self._kernel_from(pool, resources) as manager:
            return super().preprocess(nb, resources, km=manager)


class PooledNotebookClient(_PooledKernels, NotebookClient):
    """nbclient's ``NotebookClient`` running one notebook in a fresh kernel taken from ``pool``."""

    def __init__(self, nb, pool: KernelPool, **kwargs):
        super().__init__(nb, **kwargs)
        self.pool = pool

    def execute(self, **kwargs):
        with self._kernel_from(self.pool, self.resources) as manager:
            self.km, self.owns_km = manager, False
            return super().execute(**kwargs)
