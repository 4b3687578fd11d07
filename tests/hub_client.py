"""A participant on a JupyterHub without a browser: log in with a password, start the server, run code in a kernel.

Used by the isolation tests and the load benchmark. HTTP through httpx, the kernel's messages through
tornado's websocket client (both already in the environment with JupyterHub and Jupyter Server).
"""

from __future__ import annotations

import asyncio
import json
import time
import uuid
from contextlib import asynccontextmanager

import httpx


class HubUser:
    """One account's session on the Hub (``url``: the Hub's public URL, e.g. http://127.0.0.1:8000)."""

    def __init__(self, url: str, name: str):
        self.url, self.name = url.rstrip("/"), name
        self.http = httpx.AsyncClient(base_url=self.url, timeout=180, follow_redirects=True)
        self.token = ""

    async def close(self) -> None:
        await self.http.aclose()

    def _hub_xsrf(self) -> str:
        """The Hub's own _xsrf cookie (a user's server may set another one, on its own path)."""
        found = [cookie for cookie in self.http.cookies.jar if cookie.name == "_xsrf"]
        return next((cookie.value for cookie in found if cookie.path.startswith("/hub")), found[0].value if found else "")

    async def log_in(self, password: str) -> None:
        """The Hub's login form (PAM checks the password), then an API token for this user."""
        await self.http.get("/hub/login")
        reply = await self.http.post("/hub/login", data={"username": self.name, "password": password,
                                                         "_xsrf": self._hub_xsrf()})
        if "/hub/login" in str(reply.url):
            raise PermissionError(f"login refused for {self.name}")
        reply = await self.http.post(f"/hub/api/users/{self.name}/tokens", json={"note": "uji", "expires_in": 3600},
                                     headers={"X-XSRFToken": self._hub_xsrf()})
        reply.raise_for_status()
        self.token = reply.json()["token"]

    def _auth(self) -> dict:
        return {"Authorization": f"token {self.token}"}

    async def start_server(self, seconds: float = 180) -> float:
        """Ask the Hub for this user's server and wait until it answers; the seconds it took."""
        started = time.perf_counter()
        reply = await self.http.post(f"/hub/api/users/{self.name}/server", headers=self._auth())
        if reply.status_code not in (201, 202, 400):  # 400: already running
            reply.raise_for_status()
        while time.perf_counter() - started < seconds:
            user = (await self.http.get(f"/hub/api/users/{self.name}", headers=self._auth())).json()
            server = user.get("servers", {}).get("", {})
            if server.get("ready"):
                return time.perf_counter() - started
            if not server and not user.get("pending"):
                # the first request came while an earlier stop was still pending (400) and was dropped: ask again
                await self.http.post(f"/hub/api/users/{self.name}/server", headers=self._auth())
            await asyncio.sleep(0.5)
        raise TimeoutError(f"server of {self.name} not ready in {seconds} s (last: pending={user.get('pending')!r}, "
                           f"server={server!r})")

    async def server_api(self, method: str, path: str, **kwargs) -> httpx.Response:
        """A request to this user's Jupyter Server (``path`` after /user/<name>/)."""
        return await self.http.request(method, f"/user/{self.name}/{path.lstrip('/')}", headers=self._auth(),
                                       **kwargs)

    async def start_kernel(self, notebook_folder: str = "") -> "Kernel":
        reply = await self.server_api("POST", "api/kernels", json={"name": "python3"})
        reply.raise_for_status()
        kernel = Kernel(self, reply.json()["id"])
        await kernel.connect()
        if notebook_folder:
            await kernel.run(f"import os; os.chdir(os.path.expanduser({notebook_folder!r}))")
        return kernel


class Kernel:
    """One kernel of a user's server, driven over its websocket (Jupyter's v5 messages, JSON)."""

    def __init__(self, user: HubUser, kernel_id: str):
        self.user, self.id = user, kernel_id
        self.session = uuid.uuid4().hex
        self.socket = None

    async def connect(self) -> None:
        from tornado.httpclient import HTTPRequest
        from tornado.websocket import websocket_connect

        url = self.user.url.replace("http", "ws", 1) + f"/user/{self.user.name}/api/kernels/{self.id}/channels"
        self.socket = await websocket_connect(HTTPRequest(url, headers=self.user._auth(), request_timeout=120))

    async def run(self, code: str, seconds: float = 120) -> tuple[str, str | None]:
        """Execute ``code``; its printed output and, if it raised, the error's name."""
        msg_id = uuid.uuid4().hex
        await self.socket.write_message(json.dumps({
            "header": {"msg_id": msg_id, "msg_type": "execute_request", "session": self.session,
                       "username": self.user.name, "version": "5.3", "date": ""},
            "parent_header": {}, "metadata": {}, "channel": "shell", "buffers": [],
            "content": {"code": code, "silent": False, "store_history": False, "user_expressions": {},
                        "allow_stdin": False, "stop_on_error": True},
        }))
        output, error, replied, idle = [], None, False, False
        deadline = time.perf_counter() + seconds
        while not (replied and idle):
            raw = await asyncio.wait_for(self.socket.read_message(), max(0.1, deadline - time.perf_counter()))
            if raw is None:
                raise ConnectionError("kernel websocket closed")
            if not isinstance(raw, str):
                continue
            message = json.loads(raw)
            if message.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            kind, content = message["msg_type"], message["content"]
            if kind == "stream":
                output.append(content["text"])
            elif kind == "error":
                error = content["ename"]
            elif kind == "execute_reply":
                replied = True
                if content["status"] == "error":
                    error = error or content.get("ename", "error")
            elif kind == "status" and content["execution_state"] == "idle":
                idle = True
        return "".join(output), error

    async def close(self) -> None:
        if self.socket is not None:
            self.socket.close()
        await self.user.server_api("DELETE", f"api/kernels/{self.id}")


@asynccontextmanager
async def signed_in(url: str, name: str, password: str, *, start: bool = True):
    """``name`` logged in (and, with ``start``, their server running) for the block; the session closed after."""
    user = HubUser(url, name)
    try:
        await user.log_in(password)
        if start:
            await user.start_server()
        yield user
    finally:
        await user.close()
