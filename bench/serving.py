"""Gunicorn on a free loopback port with the production settings, and wrk against it."""

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from environment import ROOT

GUNICORN_CONFIG = ROOT / "newsdesk" / "gunicorn.conf.py"
READY_PATH = "/bench/bare/"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Gunicorn:
    """A gunicorn master and its workers, started with `with Gunicorn(...) as server:`.

    By default it serves this site with this interpreter. Another Django project
    is served the same way (this config file, the same workers) by naming its
    `python`, its `cwd` and its WSGI `app`, an address that answers 200 once it
    is up (`ready_path`), and `inherit_env=False` so that none of this site's
    variables (DATABASE_URL above all) reach it.
    """

    def __init__(
        self,
        env,
        log_path,
        workers=2,
        max_requests=0,
        *,
        python=sys.executable,
        cwd=ROOT,
        app=None,
        ready_path=READY_PATH,
        inherit_env=True,
    ):
        self.port = free_port()
        self.log_path = Path(log_path)
        self.command = [str(python), "-m", "gunicorn", "-c", str(GUNICORN_CONFIG)]
        if app:
            self.command.append(app)
        self.cwd = cwd
        self.ready_path = ready_path
        self.env = {
            **(os.environ if inherit_env else {}),
            **env,
            "GUNICORN_BIND": f"127.0.0.1:{self.port}",
            "WEB_CONCURRENCY": str(workers),
            # Recycling workers mid-run would restart the memory figures.
            "GUNICORN_MAX_REQUESTS": str(max_requests),
        }
        self.process = None

    @property
    def base_url(self):
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self):
        self.log = self.log_path.open("w")
        self.process = subprocess.Popen(
            self.command,
            cwd=self.cwd,
            env=self.env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        self.wait_ready()
        return self

    def __exit__(self, *exc_info):
        self.stop()

    def wait_ready(self, timeout=60):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(
                    f"gunicorn exited with status {self.process.returncode}; "
                    f"see {self.log_path}:\n{self.log_path.read_text()[-2000:]}"
                )
            try:
                status, _ = self.get(self.ready_path)
                if status == 200:
                    return
            except OSError:
                pass
            time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"gunicorn did not answer within {timeout} s; see {self.log_path}")

    def get(self, path):
        """(status, headers) of one GET, without following redirects."""

        class NoRedirect(urllib.request.HTTPRedirectHandler):
            def redirect_request(self, *args, **kwargs):
                return None

        opener = urllib.request.build_opener(NoRedirect)
        try:
            with opener.open(self.base_url + path, timeout=30) as response:
                response.read()
                return response.status, response.headers
        except urllib.error.HTTPError as error:
            return error.code, error.headers

    def worker_pids(self):
        master = self.process.pid
        pids = []
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                status = (entry / "status").read_text()
            except OSError:
                continue
            if re.search(rf"^PPid:\s+{master}$", status, re.MULTILINE):
                pids.append(int(entry.name))
        return pids

    def worker_memory_mb(self):
        """Per worker: (peak resident MB, proportional set size MB) as Linux reports them."""
        figures = []
        for pid in self.worker_pids():
            try:
                status = Path(f"/proc/{pid}/status").read_text()
                peak = int(re.search(r"^VmHWM:\s+(\d+) kB", status, re.MULTILINE).group(1))
                rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
                pss = int(re.search(r"^Pss:\s+(\d+) kB", rollup, re.MULTILINE).group(1))
            except (OSError, AttributeError):
                continue
            figures.append((peak / 1024, pss / 1024))
        return figures

    def stop(self):
        if self.process is None:
            return
        if self.process.poll() is None:
            # TERM lets the workers finish their request and the master reap them.
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=40)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()


def find_wrk():
    return shutil.which("wrk")


WRK_MISSING = (
    "*** wrk is not installed: the serving measurements are SKIPPED.\n"
    "*** Install it with: apt-get install wrk"
)

_UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


def _ms(text):
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(number) * _UNITS_MS[unit]


def run_wrk(url, duration, threads=2, connections=8):
    """Requests per second, p50 and p99 latency in ms, non-2xx/3xx and socket errors."""
    command = [
        find_wrk(),
        f"-t{threads}",
        f"-c{connections}",
        f"-d{duration}s",
        # wrk's default of 2 s would drop a slow page's answers from the figures.
        "--timeout",
        "30s",
        "--latency",
        url,
    ]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    # wrk pads units to one width: "1.20s " has a trailing space where "1.20ms" has none.
    latencies = dict(re.findall(r"^\s+(50|99)%\s+(\S+)\s*$", output, re.MULTILINE))
    non_ok = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    nan = float("nan")  # no request finished within the run
    return {
        "rps": rps,
        "p50": _ms(latencies["50"]) if "50" in latencies else nan,
        "p99": _ms(latencies["99"]) if "99" in latencies else nan,
        "non_ok": int(non_ok.group(1)) if non_ok else 0,
        "socket_errors": sum(map(int, errors.groups())) if errors else 0,
    }
