"""A real JupyterHub on 127.0.0.1 for tests and the load benchmark.

Dummy authenticator, local-process spawner, real system users (created here, removed after),
configurable-http-proxy from the project's ``node_modules``. Every process started is
stopped by its own PID on the way out, also when a test fails.
"""

from __future__ import annotations

import asyncio
import json
import os
import pwd
import secrets
import shutil
import signal
import socket
import stat
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import requests

ROOT = Path(__file__).resolve().parents[2]
CHP = ROOT / "node_modules" / ".bin" / "configurable-http-proxy"
PASSWORD = "workshop"


def why_not_runnable() -> str:
    """'' when a local hub can run here, else the reason (shown as the skip reason)."""
    if sys.platform != "linux":
        return "the local hub test needs Linux (system users, setuid spawner)"
    if os.geteuid() != 0:
        return "the local hub test creates system users and must run as root (CI does)"
    if not CHP.exists():
        return f"{CHP} is missing: run ./scripts/setup (npm install)"
    if shutil.which("jupyterhub", path=str(Path(sys.executable).parent)) is None:
        return "jupyterhub is not installed in this environment: run ./scripts/setup"
    if shutil.which("useradd") is None:
        return "useradd is missing"
    return ""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def machine_lock(timeout: float = 900) -> Iterator[None]:
    """One local hub at a time on this machine: runs change folder modes and create users."""
    import fcntl

    with open(Path(os.environ.get("TMPDIR", "/tmp")) / "relcourse-local-hub.lock", "w") as handle:
        deadline = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise TimeoutError("another local hub run holds the lock") from None
                time.sleep(1)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


@contextmanager
def traversable(paths: list[Path]) -> Iterator[None]:
    """Let other users traverse (not list) the folders leading to Python and the project, then restore."""
    changed: list[tuple[Path, int]] = []
    try:
        for path in paths:
            for folder in [path, *path.parents][::-1]:
                mode = folder.stat().st_mode
                if folder.is_dir() and not mode & stat.S_IXOTH:
                    os.chmod(folder, stat.S_IMODE(mode) | stat.S_IXOTH)
                    changed.append((folder, stat.S_IMODE(mode)))
        yield
    finally:
        for folder, mode in reversed(changed):
            os.chmod(folder, mode)


@contextmanager
def system_users(names: list[str]) -> Iterator[list[pwd.struct_passwd]]:
    made = []
    try:
        for name in names:
            try:
                pwd.getpwnam(name)
            except KeyError:
                subprocess.run(["useradd", "--create-home", "--shell", "/bin/bash", name], check=True)
                made.append(name)
            home = Path(pwd.getpwnam(name).pw_dir)
            os.chmod(home, 0o700)
        yield [pwd.getpwnam(n) for n in names]
    finally:
        for name in made:
            subprocess.run(["pkill", "-KILL", "-u", name], check=False)
            subprocess.run(["userdel", "--remove", name], check=False, capture_output=True)


def give_course(users: list[pwd.struct_passwd]) -> None:
    """Each learner's own copy of the course (content and built notebooks) in ~/course, owned by them,
    as a facilitator hands it out: the test and the load benchmark set learners up alike."""
    for user in users:
        course = Path(user.pw_dir) / "course"
        shutil.copytree(ROOT / "content", course / "content")
        shutil.copytree(ROOT / "notebooks", course / "notebooks")
        for path in [course, *course.rglob("*")]:
            os.chown(path, user.pw_uid, user.pw_gid)


@dataclass
class Hub:
    folder: Path
    url: str
    token: str
    process: subprocess.Popen[bytes]
    pids: set[int] = field(default_factory=set)

    def api(self, method: str, path: str, **kwargs: Any) -> requests.Response:
        headers = {"Authorization": f"token {self.token}"}
        kwargs.setdefault("timeout", 60)
        return requests.request(method, f"{self.url}/hub/api{path}", headers=headers, **kwargs)

    def start_server(self, user: str, timeout: float = 120) -> None:
        self.api("POST", f"/users/{user}/server")
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            model = self.api("GET", f"/users/{user}", params={"include_stopped_servers": "0"}).json()
            server = model.get("servers", {}).get("", {})
            pid = server.get("state", {}).get("pid")
            if pid:
                self.pids.add(int(pid))
            if server.get("ready"):
                return
            if self.process.poll() is not None:
                raise RuntimeError(f"the hub exited; see {self.folder / 'hub.log'}")
            time.sleep(0.5)
        raise TimeoutError(f"{user}'s server did not start in {timeout:.0f} s; see {self.folder / 'hub.log'}")

    def user_token(self, user: str) -> str:
        reply = self.api("POST", f"/users/{user}/tokens", json={"note": "relcourse test", "expires_in": 3600})
        reply.raise_for_status()
        return str(reply.json()["token"])

    def stop(self) -> None:
        """Servers first (through the hub), then the hub, then anything left, each by its PID."""
        for user in list(self.users()):
            try:
                self.api("DELETE", f"/users/{user}/server", timeout=30)
            except requests.RequestException:
                pass
        _terminate(self.process.pid)
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)
        proxy_pid = self.folder / "jupyterhub-proxy.pid"
        if proxy_pid.exists():
            self.pids.add(int(proxy_pid.read_text().strip() or 0))
        for pid in self.pids:
            _terminate(pid, hard=True)

    def users(self) -> list[str]:
        try:
            return [u["name"] for u in self.api("GET", "/users", timeout=10).json()]
        except (requests.RequestException, ValueError, TypeError):
            return []


def _terminate(pid: int, hard: bool = False) -> None:
    if pid <= 0:
        return
    try:
        os.kill(pid, signal.SIGKILL if hard else signal.SIGTERM)
    except ProcessLookupError:
        pass


def _config(folder: Path, port: int, token: str, environment: dict[str, str]) -> str:
    bindir = Path(sys.executable).parent
    return f"""
c.JupyterHub.ip = "127.0.0.1"
c.JupyterHub.port = {port}
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = {free_port()}
c.ConfigurableHTTPProxy.command = [{str(CHP)!r}]
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:{free_port()}"
c.JupyterHub.db_url = "sqlite:///{folder}/jupyterhub.sqlite"
c.JupyterHub.cookie_secret_file = "{folder}/cookie_secret"
c.JupyterHub.pid_file = "{folder}/jupyterhub.pid"
c.JupyterHub.authenticator_class = "dummy"
c.DummyAuthenticator.password = {PASSWORD!r}
c.Authenticator.allow_all = True
c.JupyterHub.spawner_class = "localprocess"
c.Spawner.cmd = [{str(bindir / 'jupyterhub-singleuser')!r}]
c.Spawner.default_url = "/lab"
c.Spawner.start_timeout = 120
c.Spawner.http_timeout = 120
c.Spawner.environment = {environment!r}
c.LocalProcessSpawner.env_keep = ["PATH", "LANG", "LC_ALL"]
c.JupyterHub.services = [{{"name": "relcourse-test", "api_token": {token!r}}}]
c.JupyterHub.load_roles = [{{"name": "relcourse-test",
    "scopes": ["admin:users", "admin:servers", "admin:server_state", "tokens", "access:servers", "list:users", "read:users"],
    "services": ["relcourse-test"]}}]
c.JupyterHub.cleanup_servers = True
"""


@contextmanager
def local_hub(folder: Path, environment: dict[str, str] | None = None) -> Iterator[Hub]:
    folder.mkdir(parents=True, exist_ok=True)
    port, token = free_port(), secrets.token_hex(24)
    (folder / "jupyterhub_config.py").write_text(_config(folder, port, token, environment or {}))
    env = dict(os.environ, PATH=f"{Path(sys.executable).parent}:{os.environ.get('PATH', '')}")
    log = open(folder / "hub.log", "wb")
    process = subprocess.Popen([str(Path(sys.executable).parent / "jupyterhub"), "-f", str(folder / "jupyterhub_config.py")],
                               cwd=folder, stdout=log, stderr=subprocess.STDOUT, env=env)
    hub = Hub(folder, f"http://127.0.0.1:{port}", token, process, {process.pid})
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                if hub.api("GET", "/", timeout=5).ok:
                    break
            except requests.RequestException:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"the hub did not start; see {folder / 'hub.log'}:\n{(folder / 'hub.log').read_text()[-3000:]}")
            time.sleep(0.5)
        yield hub
    finally:
        hub.stop()
        log.close()


def log_in(hub: Hub, user: str) -> requests.Session:
    """Log in through the hub's login form as a learner would; returns the browser-like session."""
    session = requests.Session()
    session.get(f"{hub.url}/hub/login", timeout=30)
    xsrf = session.cookies.get("_xsrf", "")
    reply = session.post(f"{hub.url}/hub/login?next=", data={"username": user, "password": PASSWORD, "_xsrf": xsrf},
                         timeout=120, allow_redirects=True)
    reply.raise_for_status()
    return session


class Kernel:
    """A kernel in a learner's server, driven over the Jupyter websocket protocol with their own token."""

    def __init__(self, hub: Hub, user: str, token: str, notebook: str) -> None:
        self.base = f"{hub.url}/user/{user}"
        self.headers = {"Authorization": f"token {token}"}
        reply = requests.post(f"{self.base}/api/sessions", headers=self.headers, timeout=120,
                              json={"path": notebook, "type": "notebook", "name": Path(notebook).name, "kernel": {"name": "python3"}})
        reply.raise_for_status()
        self.session_id = reply.json()["id"]
        self.kernel_id = reply.json()["kernel"]["id"]

    def run(self, code: str, timeout: float = 120) -> tuple[str, list[str]]:
        """Execute ``code``; returns (stdout and text/plain output, error names)."""
        return asyncio.run(self._run(code, timeout))

    async def _run(self, code: str, timeout: float) -> tuple[str, list[str]]:
        from tornado.httpclient import HTTPRequest
        from tornado.websocket import websocket_connect

        url = self.base.replace("http://", "ws://") + f"/api/kernels/{self.kernel_id}/channels"
        conn = await websocket_connect(HTTPRequest(url, headers=self.headers), subprotocols=[])
        msg_id = uuid.uuid4().hex
        conn.write_message(json.dumps({
            "header": {"msg_id": msg_id, "username": "test", "session": uuid.uuid4().hex, "msg_type": "execute_request",
                       "version": "5.3", "date": ""},
            "parent_header": {}, "metadata": {}, "channel": "shell", "buffers": [],
            "content": {"code": code, "silent": False, "store_history": False, "user_expressions": {},
                        "allow_stdin": False, "stop_on_error": True},
        }))
        text, errors, idle, replied = [], [], False, False
        deadline = time.monotonic() + timeout
        while not (idle and replied):
            message = await asyncio.wait_for(conn.read_message(), max(0.1, deadline - time.monotonic()))
            if message is None:
                raise RuntimeError("the kernel's websocket closed")
            msg = json.loads(message)
            if msg.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            kind, content = msg["msg_type"], msg["content"]
            if kind == "stream":
                text.append(content["text"])
            elif kind in ("execute_result", "display_data"):
                text.append(content["data"].get("text/plain", ""))
            elif kind == "error":
                errors.append(f"{content['ename']}: {content['evalue']}")
            elif kind == "status" and content["execution_state"] == "idle":
                idle = True
            elif kind == "execute_reply":
                replied = True
        conn.close()  # wait for the closing handshake, so the socket is closed before the loop ends
        try:
            while await asyncio.wait_for(conn.read_message(), 5) is not None:
                pass
        except asyncio.TimeoutError:
            pass
        return "".join(text), errors

    def close(self) -> None:
        requests.delete(f"{self.base}/api/sessions/{self.session_id}", headers=self.headers, timeout=30)
