"""Wagtail's bakerydemo, the anchor of `anchor.py`: made ready to serve, and asked about itself.

Everything happens inside the checkout it is given, with the checkout's own
interpreter, and only what is missing is done, so a second run reuses the
first one's work:

- `.venv` in the checkout, made with a Python at least as new as the one its
  runtime.txt names, holding its requirements/base.txt, the WhiteNoise its
  production settings serve static files with (as pinned in
  requirements/production.txt) and the gunicorn this site is served with;
- its migrations, its initial data (`manage.py load_initial_data`) when it has
  no blog post yet, and its static files (its production settings need their
  manifest) when they have not been collected.

It runs with its own production settings (`bakerydemo.settings.production`,
DEBUG off) on its default SQLite database, with a throwaway secret key, the
loopback host names allowed and no redirect to https.
"""

import hashlib
import json
import os
import re
import secrets
import shutil
import subprocess
import sys
from pathlib import Path

SETTINGS = "bakerydemo.settings.production"
WSGI_APP = "bakerydemo.wsgi:application"
STAMP = ".venv/.bench-requirements"
MANIFEST = Path("bakerydemo") / "collect_static" / "staticfiles.json"
RESULT_MARK = "BENCH-RESULT "


class NotACheckout(Exception):
    pass


def progress(message):
    print(message, file=sys.stderr, flush=True)


def check_checkout(path):
    """The checkout's absolute path; NotACheckout with the reason if it is not one."""
    path = Path(path).expanduser().resolve()
    needed = [path / "manage.py", path / "bakerydemo" / "settings" / "production.py"]
    missing = [str(p.relative_to(path)) for p in needed if not p.is_file()]
    if missing:
        raise NotACheckout(
            f"{path} is not a bakerydemo checkout (no {', '.join(missing)}). Get one with:\n\n"
            "    git clone https://github.com/wagtail/bakerydemo.git"
        )
    return path


def environment(checkout, secret_key=None):
    """The whole environment of a bakerydemo process.

    Nothing is inherited but PATH and the locale: this site's DATABASE_URL (or a
    REDIS_URL) would otherwise move bakerydemo off its own SQLite database.
    """
    env = {
        name: os.environ[name] for name in ("PATH", "HOME", "LANG", "LC_ALL") if name in os.environ
    }
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": SETTINGS,
            "DJANGO_SECRET_KEY": secret_key or secrets.token_urlsafe(50),
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
            "SECURE_SSL_REDIRECT": "False",
            "SECURE_HSTS_SECONDS": "0",
            "DJANGO_LOG_LEVEL": "WARNING",
            # Its admin's base URL; without it every manage.py command warns.
            "PRIMARY_HOST": "localhost",
        }
    )
    return env


def venv_python(checkout):
    return checkout / ".venv" / "bin" / "python"


def required_python(checkout):
    """(major, minor) its runtime.txt names ("python-3.12.1"), or 3.12 for Django 6."""
    runtime = checkout / "runtime.txt"
    if runtime.is_file():
        found = re.search(r"(\d+)\.(\d+)", runtime.read_text())
        if found:
            return int(found.group(1)), int(found.group(2))
    return (3, 12)


def find_python(minimum, given=None):
    """The interpreter to make the venv with: `given`, or the first new enough on PATH."""
    candidates = [given] if given else ["python3.13", "python3.12", "python3"]
    for candidate in candidates:
        executable = shutil.which(candidate)
        if not executable:
            continue
        check = f"import sys; sys.exit(sys.version_info[:2] < {tuple(minimum)})"
        if subprocess.run([executable, "-c", check], capture_output=True).returncode == 0:
            return executable
    wanted = ".".join(map(str, minimum))
    raise NotACheckout(
        f"bakerydemo needs Python {wanted} or newer and none was found "
        f"(tried {', '.join(candidates)}); name one with --bakerydemo-python."
    )


def requirements(checkout):
    """pip arguments: its base requirements, its pinned WhiteNoise, this site's gunicorn."""
    from importlib.metadata import version

    production = (checkout / "requirements" / "production.txt").read_text()
    whitenoise = re.search(r"^whitenoise\S*", production, re.MULTILINE)
    return [
        "-r",
        str(checkout / "requirements" / "base.txt"),
        whitenoise.group(0) if whitenoise else "whitenoise",
        f"gunicorn=={version('gunicorn')}",
    ]


def _requirements_digest(checkout, wanted):
    digest = hashlib.sha256(" ".join(wanted[2:]).encode())
    digest.update((checkout / "requirements" / "base.txt").read_bytes())
    return digest.hexdigest()


def _run(checkout, env, *args):
    subprocess.run([str(venv_python(checkout)), *args], cwd=checkout, env=env, check=True)


def prepare(checkout, env, python=None):
    """Makes the checkout servable, doing only what an earlier run has not done."""
    if not venv_python(checkout).exists():
        interpreter = find_python(required_python(checkout), python)
        progress(f"bakerydemo: making its virtual environment (.venv) with {interpreter}...")
        subprocess.run([interpreter, "-m", "venv", str(checkout / ".venv")], check=True)
    wanted = requirements(checkout)
    stamp = checkout / STAMP
    digest = _requirements_digest(checkout, wanted)
    if not stamp.is_file() or stamp.read_text() != digest:
        progress("bakerydemo: installing its requirements from PyPI (a few minutes)...")
        _run(checkout, env, "-m", "pip", "install", "--disable-pip-version-check", *wanted)
        stamp.write_text(digest)
    progress("bakerydemo: applying its migrations (manage.py migrate)...")
    _run(checkout, env, "manage.py", "migrate", "--noinput", "-v0")
    if not (checkout / MANIFEST).is_file():
        progress("bakerydemo: collecting its static files (manage.py collectstatic)...")
        _run(checkout, env, "manage.py", "collectstatic", "--noinput", "-v0")
    if not describe(checkout, env)["blog_posts"]:
        progress("bakerydemo: loading its initial data (manage.py load_initial_data)...")
        _run(checkout, env, "manage.py", "load_initial_data")


# Run by the checkout's interpreter: what it is, and the blog post to measure
# with its query count, counted as Newsdesk's are (two warm-up requests first).
DESCRIBE = """
import json, platform, sys
import django
django.setup()
import wagtail
from urllib.parse import urlsplit
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from bakerydemo.blog.models import BlogPage

posts = BlogPage.objects.live().public().order_by("path")
result = {
    "python": platform.python_version(),
    "django": django.get_version(),
    "wagtail": wagtail.__version__,
    "blog_posts": posts.count(),
}
post = posts.first()
if post is not None and sys.argv[1:] == ["count"]:
    url = urlsplit(post.get_url()).path
    client = Client()
    for _ in range(2):
        client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    result.update(url=url, title=post.title, status=response.status_code, queries=len(queries))
print('BENCH-RESULT ' + json.dumps(result))
"""


def describe(checkout, env, count_queries=False):
    """Its Python, Django and Wagtail versions, its blog posts; with the first one's queries."""
    done = subprocess.run(
        [str(venv_python(checkout)), "-c", DESCRIBE, *(["count"] if count_queries else [])],
        cwd=checkout,
        env=env,
        capture_output=True,
        text=True,
    )
    line = next((x for x in done.stdout.splitlines() if x.startswith(RESULT_MARK)), None)
    if done.returncode or line is None:
        raise RuntimeError(f"asking bakerydemo about itself failed:\n{done.stderr[-3000:]}")
    return json.loads(line.removeprefix(RESULT_MARK))


def revision(checkout):
    try:
        return subprocess.run(
            ["git", "-C", str(checkout), "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown (not a git checkout)"
