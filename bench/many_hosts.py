"""Two app servers on one PostgreSQL, one Redis and one S3 server: one site, many hosts.

    .venv/bin/python bench/many_hosts.py [--rounds 3]

Starts, on 127.0.0.1: an S3 API server (moto), and two hosts, A and B, each a
gunicorn with the production settings on a port of its own plus a background
worker (`manage.py db_worker`), sharing a fresh PostgreSQL database
(--database-url, dropped and made anew), a Redis database (--redis-url,
emptied) and a bucket. Then, through HTTP only:

1. a story published on A (the admin's "Approve and publish now") is on B's
   front page at once, though B had that page cached;
2. a photo uploaded on A (the admin's add form) gets its renditions from a
   background worker, and B's page of the photo shows them from the bucket;
3. five failed logins on A lock that username out on B as well.

It prints what it measured and "errors: 0" when every answer was the one
expected; any other answer is printed and makes the exit status 1. Everything
started is stopped at the end. tests/test_many_hosts.py runs it with --rounds 1.
"""

import argparse
import http.cookiejar
import os
import re
import secrets
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from io import BytesIO
from pathlib import Path

from environment import ROOT, production_environment
from s3_server import S3Server
from serving import Gunicorn

DEFAULT_DATABASE = "postgres://postgres@127.0.0.1:5432/nd_prod_a"
DEFAULT_REDIS = "redis://127.0.0.1:6379/13"
PASSWORD = "many-hosts-" + secrets.token_hex(8)
EDITOR = "desk-editor"
LOCKED = "night-reporter"

SETUP = f"""
from django.contrib.auth import get_user_model
from django.utils import timezone
from articles.models import Article, ArticleAuthor, Section
from entities.models import Person
User = get_user_model()
reporter = Person.objects.create(given_names="Mei", family_name="Lam", display_name="Mei Lam")
User.objects.create_superuser({EDITOR!r}, "editor@example.org", {PASSWORD!r})
User.objects.create_user({LOCKED!r}, password={PASSWORD!r}, is_staff=True)
section = Section.objects.create(name="Harbour", slug="harbour")
story = dict(section=section, standfirst="What the harbour board decided.", body="<p>Details.</p>")
Article.objects.create(
    headline="Ferry timetable extended", slug="ferry-timetable-extended",
    status=Article.Status.PUBLISHED, published_at=timezone.now(), **story,
)
for number in range(ROUNDS):
    article = Article.objects.create(
        headline=f"Tidal lagoon plan {{number}} approved", slug=f"tidal-lagoon-plan-{{number}}",
        status=Article.Status.IN_REVIEW, **story,
    )
    ArticleAuthor.objects.create(article=article, person=reporter)
"""


class Problems(list):
    def check(self, ok, message):
        if not ok:
            self.append(message)
            print(f"  ERROR: {message}", flush=True)
        return ok


class Browser:
    """One visitor's cookies on one host."""

    def __init__(self, base_url):
        self.base_url = base_url
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.cookies), NoRedirect()
        )

    def request(self, path, data=None, headers=None):
        url = path if path.startswith("http") else self.base_url + path
        request = urllib.request.Request(url, data=data, headers=headers or {})
        try:
            with self.opener.open(request, timeout=60) as response:
                return response.status, response.headers, response.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as error:
            return error.code, error.headers, error.read().decode("utf-8", "replace")

    def csrf(self, path):
        status, _, html = self.request(path)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
        return status, token[1] if token else ""

    def post(self, path, fields, files=None):
        _, token = self.csrf(path)
        # Views that only take POST have no form to read the token from: the cookie has it.
        token = token or next((c.value for c in self.cookies if c.name == "csrftoken"), "")
        fields = {**fields, "csrfmiddlewaretoken": token}
        headers = {"Referer": self.base_url + path}
        if files:
            body, content_type = multipart(fields, files)
        else:
            body = urllib.parse.urlencode(fields).encode()
            content_type = "application/x-www-form-urlencoded"
        headers["Content-Type"] = content_type
        return self.request(path, data=body, headers=headers)

    def login(self, username, password):
        return self.post(
            "/admin/login/?next=/admin/",
            {"username": username, "password": password, "next": "/admin/"},
        )


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def multipart(fields, files):
    boundary = uuid.uuid4().hex
    lines = []
    for name, value in fields.items():
        lines += [
            f"--{boundary}".encode(),
            f'Content-Disposition: form-data; name="{name}"'.encode(),
            b"",
            str(value).encode(),
        ]
    for name, (filename, content, content_type) in files.items():
        lines += [
            f"--{boundary}".encode(),
            f'Content-Disposition: form-data; name="{name}"; filename="{filename}"'.encode(),
            f"Content-Type: {content_type}".encode(),
            b"",
            content,
        ]
    lines += [f"--{boundary}--".encode(), b""]
    return b"\r\n".join(lines), f"multipart/form-data; boundary={boundary}"


def a_photo(colour):
    from PIL import Image

    buffer = BytesIO()
    Image.new("RGB", (1200, 800), colour).save(buffer, "JPEG", quality=90)
    return buffer.getvalue()


def fresh_database(url):
    import psycopg

    parts = urllib.parse.urlparse(url)
    name = parts.path.lstrip("/")
    admin_url = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


def database_query(url, sql):
    import psycopg

    with psycopg.connect(url) as connection:
        cursor = connection.execute(sql)
        return cursor.fetchall() if cursor.description else []


def manage(env, *args, log):
    subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**os.environ, **env},
        check=True,
        stdout=log,
        stderr=subprocess.STDOUT,
    )


def start_worker(env, log_path):
    return subprocess.Popen(
        [sys.executable, "manage.py", "db_worker", "--no-reload", "--interval", "0.2"],
        cwd=ROOT,
        env={**os.environ, **env},
        stdout=open(log_path, "w"),
        stderr=subprocess.STDOUT,
    )


def publish_on_a_shows_on_b(a_editor, b_reader, database_url, s3, number, problems):
    """Upload a photo on A, make it the lead of a story in review, publish that on A;
    B's cached front page must give way at once, and B's page of the story must
    show the photo's renditions from the bucket once a worker has made them."""
    status, _, html = a_editor.post(
        "/admin/articles/photo/add/",
        {
            "caption": f"Lagoon survey boat {number}",
            "credit": "HARBOUR BOARD",
            "alt_text": "A survey boat on the lagoon",
            "people_in_photo-TOTAL_FORMS": "0",
            "people_in_photo-INITIAL_FORMS": "0",
        },
        files={"image": (f"boat{number}.jpg", a_photo((20 * number, 90, 140)), "image/jpeg")},
    )
    uploaded = time.monotonic()
    problems.check(status == 302, f"uploading on A answered {status}: {html[:300]}")
    headline = f"Tidal lagoon plan {number} approved"
    [(pk, slug, photo)] = database_query(
        database_url,
        "SELECT a.id, a.slug, (SELECT max(id) FROM articles_photo) FROM articles_article a "
        f"WHERE a.headline = '{headline}'",
    )
    # The editor's choice of lead photo (a field of the story's form), made directly.
    database_query(
        database_url, f"UPDATE articles_article SET lead_photo_id = {photo} WHERE id = {pk}"
    )

    b_reader.request("/")
    status, headers, html = b_reader.request("/")
    problems.check(status == 200, f"B's front page answered {status}")
    problems.check(headers.get("X-Cache") == "hit", "B did not have its front page cached")
    problems.check(headline not in html, "the story was on B before it was published")
    started = time.monotonic()
    status, headers, _ = a_editor.post(
        f"/admin/articles/article/{pk}/transition/", {"action": "publish", "note": ""}
    )
    problems.check(status == 302, f"publishing on A answered {status}")
    status, headers, html = b_reader.request("/")
    published = time.monotonic() - started if headline in html else None
    problems.check(published, "B still served its old front page after the publish on A")
    problems.check(headers.get("X-Cache") == "miss", "B's page after the publish was no miss")

    rendition = None
    while time.monotonic() - uploaded < 60:
        status, _, html = b_reader.request(f"/articles/{slug}/")
        found = re.search(rf'src="({re.escape(s3.endpoint_url)}/[^"]+/renditions/[^"]+)"', html)
        if status == 200 and found:
            rendition = found[1].replace("&amp;", "&")
            break
        time.sleep(0.3)
    rendered = time.monotonic() - uploaded
    if not problems.check(rendition, f"B never showed photo {photo}'s renditions"):
        return published, None
    status, headers, _ = b_reader.request(rendition)
    problems.check(status == 200, f"the rendition B links to answered {status}")
    problems.check(
        headers.get("Content-Type") in ("image/jpeg", "image/webp"),
        f"the rendition came as {headers.get('Content-Type')}",
    )
    return published, rendered


def lockout_on_a_holds_on_b(a_guesser, b_owner, problems):
    for _ in range(5):
        status, _, _ = a_guesser.login(LOCKED, "not-the-password")
        problems.check(status in (200, 429), f"a failed login on A answered {status}")
    status, _, html = b_owner.login(LOCKED, PASSWORD)
    problems.check(
        status == 429 and "Too many failed attempts" in html,
        f"the right password on B after five failures on A answered {status}",
    )
    status, _, _ = b_owner.login(EDITOR, PASSWORD)
    problems.check(status == 302, f"another user's login on B answered {status}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default=DEFAULT_DATABASE, help="dropped and recreated")
    parser.add_argument("--redis-url", default=DEFAULT_REDIS, help="emptied first")
    parser.add_argument("--rounds", type=int, default=3, help="publishes and uploads (3)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers per host (2)")
    options = parser.parse_args()
    problems = Problems()
    logs = Path(tempfile.mkdtemp(prefix="many-hosts-"))

    import redis

    print(f"==> Fresh database {options.database_url}, empty Redis {options.redis_url}")
    fresh_database(options.database_url)
    redis.Redis.from_url(options.redis_url).flushdb()
    with S3Server(log_path=logs / "s3.log") as s3:
        bucket = s3.create_bucket("newsdesk-many-hosts")
        print(f"==> S3 API server at {s3.endpoint_url}, bucket {bucket}")
        env = {
            **production_environment(page_cache=True),
            **s3.environment(bucket),
            "DATABASE_URL": options.database_url,
            "REDIS_URL": options.redis_url,
            "NEWSDESK_VAR_DIR": str(logs / "var"),
            "NEWSDESK_ENV_FILE": "",
            "LOG_LEVEL": "WARNING",
        }
        with open(logs / "setup.log", "w") as log:
            manage(env, "migrate", "--noinput", log=log)
            manage(env, "collectstatic", "--noinput", "-v0", log=log)
            manage(env, "shell", "-c", SETUP.replace("ROUNDS", str(options.rounds)), log=log)
        workers = [start_worker(env, logs / f"worker-{name}.log") for name in "AB"]
        try:
            with (
                Gunicorn(env, logs / "host-a.log", workers=options.workers) as a,
                Gunicorn(env, logs / "host-b.log", workers=options.workers) as b,
            ):
                print(f"==> Host A at {a.base_url}, host B at {b.base_url}")
                a_editor, b_reader = Browser(a.base_url), Browser(b.base_url)
                status, _, _ = a_editor.login(EDITOR, PASSWORD)
                problems.check(status == 302, f"the editor's login on A answered {status}")
                publishes, uploads = [], []
                for number in range(options.rounds):
                    published, rendered = publish_on_a_shows_on_b(
                        a_editor, b_reader, options.database_url, s3, number, problems
                    )
                    if published is not None:
                        publishes.append(published)
                    if rendered is not None:
                        uploads.append(rendered)
                lockout_on_a_holds_on_b(Browser(a.base_url), Browser(b.base_url), problems)
        finally:
            for worker in workers:
                worker.terminate()
                worker.wait(timeout=30)
    for name in ("host-a.log", "host-b.log", "worker-A.log", "worker-B.log"):
        text = (logs / name).read_text()
        for line in text.splitlines():
            if "Traceback" in line or " ERROR " in line or "[ERROR]" in line:
                problems.check(False, f"{name}: {line.strip()}")
    print(f"publishes on A seen on B at once: {len(publishes)} of {options.rounds}")
    if publishes:
        print(f"  publish on A to B's fresh page: max {max(publishes) * 1000:.0f} ms")
    print(f"photos uploaded on A shown with renditions on B: {len(uploads)} of {options.rounds}")
    if uploads:
        print(f"  upload to renditions on B: max {max(uploads):.1f} s (worker polls every 0.2 s)")
    print(
        "lockout on A held on B: " + ("yes" if not any("B after" in p for p in problems) else "no")
    )
    print(f"errors: {len(problems)}")
    print(f"logs: {logs}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
