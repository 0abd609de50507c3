"""Webhooks: signed deliveries from an outbox written with the change, retried until they arrive."""

import datetime
import io
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
import time_machine
from django.conf import settings as django_settings
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from articles import corrections, trash, workflow
from articles.factories import ArticleAuthorFactory, ArticleFactory
from articles.models import Article, WebhookDelivery, WebhookEndpoint, WebhookEvent
from articles.webhooks import delivery, signing
from articles.webhooks.models import EventKind
from tests.webhook_receiver import Receiver, free_port
from tests.workflow_helpers import distinct_headline

pytestmark = pytest.mark.django_db
ROOT = Path(django_settings.BASE_DIR)
S = WebhookDelivery.Status
ALL_EVENTS = [kind.value for kind in EventKind]


def header(item, name):
    return {key.lower(): value for key, value in item["headers"].items()}[name.lower()]


def in_review(**fields):
    """A story the copy desk lets through, waiting for an editor."""
    fields.setdefault("headline", distinct_headline())
    article = ArticleFactory(status=Article.Status.IN_REVIEW, published_at=None, **fields)
    ArticleAuthorFactory(article=article)
    return article


def check_signature(item, secret):
    timestamp = header(item, signing.TIMESTAMP_HEADER)
    return signing.verify(secret, timestamp, item["body"], header(item, signing.SIGNATURE_HEADER))


@pytest.fixture
def receiver():
    running = Receiver().start()
    yield running
    running.stop()


@pytest.fixture
def endpoint(receiver):
    return WebhookEndpoint.objects.create(name="Harbour Daily", url=receiver.url, events=ALL_EVENTS)


def test_publishing_writes_the_outbox_in_the_same_transaction(editor, endpoint):
    article = in_review()
    workflow.apply(article, editor, "publish")
    event = WebhookEvent.objects.get()
    assert (event.kind, event.article_ref) == (EventKind.PUBLISHED, article.pk)
    assert event.deliveries.get().endpoint == endpoint


def test_a_refused_step_writes_no_event(editor, endpoint):
    article = in_review(headline="")  # the copy desk refuses a story without a headline
    with pytest.raises(workflow.TransitionError):
        workflow.apply(article, editor, "publish")
    assert not WebhookEvent.objects.exists()
    assert not WebhookDelivery.objects.exists()


def test_no_endpoint_no_event(editor):
    workflow.apply(in_review(), editor, "publish")
    assert not WebhookEvent.objects.exists()


def test_delivery_is_signed_and_carries_the_story(
    editor, endpoint, receiver, django_capture_on_commit_callbacks
):
    article = in_review(headline="Tidal turbine switched on")
    with django_capture_on_commit_callbacks(execute=True):
        workflow.apply(article, editor, "publish")
    (item,) = receiver.received
    body = json.loads(item["body"])
    event = WebhookEvent.objects.get()
    assert body["id"] == str(event.id) == header(item, signing.EVENT_ID_HEADER)
    assert body["type"] == "article.published" == header(item, signing.EVENT_TYPE_HEADER)
    assert body["data"]["article"]["headline"] == "Tidal turbine switched on"
    assert body["data"]["article"]["url"].startswith(django_settings.NEWSDESK["SITE_URL"])
    assert check_signature(item, endpoint.secret)
    assert not check_signature(item, "whsec_someone-else")
    assert header(item, signing.SIGNATURE_HEADER).startswith("v1=")
    assert abs(int(header(item, signing.TIMESTAMP_HEADER)) - time.time()) < 300
    sent = WebhookDelivery.objects.get()
    assert sent.status == S.DELIVERED
    assert [a.status_code for a in sent.log.all()] == [200]


def test_the_readme_snippet_verifies_a_delivery(
    editor, endpoint, receiver, django_capture_on_commit_callbacks
):
    readme = (ROOT / "README.md").read_text()
    snippet = readme.split("```python\n# Verifying a webhook", 1)[1].split("```")[0]
    snippet = "# Verifying a webhook" + snippet
    namespace = {}
    exec(snippet, namespace)  # the partner's code, exactly as documented
    with django_capture_on_commit_callbacks(execute=True):
        workflow.apply(in_review(), editor, "publish")
    (item,) = receiver.received
    headers = {key.lower(): value for key, value in item["headers"].items()}
    with time_machine.travel(timezone.now()):
        event = namespace["verify"](endpoint.secret, headers, item["body"])
    assert event["type"] == "article.published"
    with pytest.raises(ValueError):
        namespace["verify"](endpoint.secret, headers, item["body"] + b" ")


def test_failures_are_logged_and_retried_with_growing_waits(editor, receiver, settings):
    settings.NEWSDESK = {
        **settings.NEWSDESK,
        "WEBHOOK_RETRY_SECONDS": 10,
        "WEBHOOK_MAX_ATTEMPTS": 4,
    }
    receiver.status = 500
    WebhookEndpoint.objects.create(name="Flaky", url=receiver.url, events=ALL_EVENTS)
    workflow.apply(in_review(), editor, "publish")
    item = WebhookDelivery.objects.get()
    now = timezone.now()
    waits = []
    for _ in range(4):
        with time_machine.travel(now, tick=False):
            delivery.send_due(item.pk)
            assert delivery.send_due(item.pk) == "not due"  # nothing twice
        item.refresh_from_db()
        waits.append((item.next_attempt_at - now).total_seconds())
        now = item.next_attempt_at
    assert waits[:3] == [10, 20, 40]
    assert item.status == S.FAILED
    assert item.attempts == 4
    assert [a.status_code for a in item.log.all()] == [500] * 4
    assert "HTTP 500" in item.last_error
    assert len(receiver.received) == 4
    # The same bytes every time, so the partner can deduplicate on the event id.
    assert len({attempt["body"] for attempt in receiver.received}) == 1


def test_a_refused_connection_is_logged(editor, settings):
    WebhookEndpoint.objects.create(
        name="Down", url=f"http://127.0.0.1:{free_port()}/", events=ALL_EVENTS
    )
    workflow.apply(in_review(), editor, "publish")
    item = WebhookDelivery.objects.get()
    assert delivery.send_due(item.pk) == S.PENDING
    attempt = item.log.get()
    assert attempt.status_code is None
    assert "refused" in attempt.error.lower()


def test_an_unexpected_error_is_logged_and_retried(editor, endpoint, monkeypatch):
    workflow.apply(in_review(), editor, "publish")
    item = WebhookDelivery.objects.get()

    def broken(event):
        raise RuntimeError("renderer broke")

    monkeypatch.setattr(delivery, "render", broken)
    assert delivery.send_due(item.pk) == S.PENDING
    item.refresh_from_db()
    assert "renderer broke" in item.log.get().error
    assert item.claimed_until is None
    assert item.next_attempt_at > timezone.now()


def test_a_redirect_is_not_followed(editor, receiver):
    receiver.status = 302
    WebhookEndpoint.objects.create(name="Moved", url=receiver.url, events=ALL_EVENTS)
    workflow.apply(in_review(), editor, "publish")
    item = WebhookDelivery.objects.get()
    delivery.send_due(item.pk)
    assert item.log.get().status_code == 302
    item.refresh_from_db()
    assert item.status == S.PENDING


def test_scheduled_story_is_announced_when_it_goes_live(editor, endpoint, receiver):
    due = timezone.now() + datetime.timedelta(hours=2)
    article = in_review()
    workflow.apply(article, editor, "schedule", published_at=due)
    item = WebhookDelivery.objects.get()
    assert delivery.send_due(item.pk) == "not due"
    assert receiver.received == []
    with time_machine.travel(due + datetime.timedelta(seconds=1)):
        assert delivery.send_due(item.pk) == S.DELIVERED
    assert json.loads(receiver.received[0]["body"])["type"] == "article.published"


def test_scheduled_story_taken_back_is_never_announced(editor, endpoint, receiver):
    due = timezone.now() + datetime.timedelta(hours=2)
    article = in_review()
    workflow.apply(article, editor, "schedule", published_at=due)
    workflow.apply(article, editor, "unpublish", note="Embargo moved.")
    # Not public yet when taken back: partners never heard of it, so no "unpublished".
    assert WebhookEvent.objects.filter(kind=EventKind.UNPUBLISHED).count() == 0
    item = WebhookDelivery.objects.get()
    assert item.status == S.CANCELLED
    with time_machine.travel(due + datetime.timedelta(seconds=1)):
        assert delivery.send_due(item.pk) == "not due"
    assert receiver.received == []


def test_a_published_event_gone_stale_is_cancelled_when_due(editor, endpoint, receiver):
    """Should the story's time change without the workflow (a data fix), the event checks."""
    due = timezone.now() + datetime.timedelta(hours=2)
    article = in_review()
    workflow.apply(article, editor, "schedule", published_at=due)
    Article.objects.filter(pk=article.pk).update(published_at=due + datetime.timedelta(days=1))
    item = WebhookDelivery.objects.get()
    with time_machine.travel(due + datetime.timedelta(seconds=1)):
        assert delivery.send_due(item.pk) == "cancelled"
    assert receiver.received == []


def test_unpublishing_and_trashing_send_only_the_id(editor, endpoint, receiver):
    first, second = ArticleFactory(headline="Kept quiet"), ArticleFactory(headline="Binned")
    workflow.apply(first, editor, "unpublish", note="Legal.")
    trash.trash([second], editor)
    for item in WebhookDelivery.objects.all():
        delivery.send_due(item.pk)
    bodies = receiver.events()
    assert sorted(b["data"]["article"]["id"] for b in bodies) == sorted([first.pk, second.pk])
    assert {b["type"] for b in bodies} == {"article.unpublished"}
    assert all(b["data"] == {"article": {"id": b["data"]["article"]["id"]}} for b in bodies)


def test_edits_after_publication_make_one_updated_event(editor, endpoint):
    article = ArticleFactory()
    draft = ArticleFactory(draft=True)
    for n in range(3):
        article.standfirst = f"Revised {n}"
        article.save()
        draft.standfirst = f"Revised {n}"
        draft.save()
    event = WebhookEvent.objects.get()
    assert (event.kind, event.article_ref) == (EventKind.UPDATED, article.pk)
    delivery.send_due(event.deliveries.get().pk)
    event.refresh_from_db()
    assert json.loads(event.body)["data"]["article"]["standfirst"] == "Revised 2"
    # Once sent, the next edit is news again.
    article.save()
    assert WebhookEvent.objects.filter(kind=EventKind.UPDATED).count() == 2


def test_publishing_is_not_also_an_update(editor, endpoint):
    workflow.apply(in_review(), editor, "publish")
    assert list(WebhookEvent.objects.values_list("kind", flat=True)) == [EventKind.PUBLISHED]


def test_correction_event(editor, endpoint, receiver):
    article = ArticleFactory()
    correction = corrections.add(article, editor, text="The bridge is 5 km long.")
    event = WebhookEvent.objects.get()
    assert event.kind == EventKind.CORRECTED
    delivery.send_due(event.deliveries.get().pk)
    body = receiver.events()[0]
    assert body["data"]["correction"]["id"] == correction.pk
    assert body["data"]["correction"]["text"] == "The bridge is 5 km long."
    assert body["data"]["article"]["corrections"][0]["text"] == "The bridge is 5 km long."


def test_endpoint_gets_only_the_events_it_chose(editor, receiver):
    WebhookEndpoint.objects.create(
        name="Corrections only", url=receiver.url, events=["article.corrected"]
    )
    article = in_review()
    workflow.apply(article, editor, "publish")
    assert not WebhookEvent.objects.exists()
    corrections.add(article, editor, text="Fixed a name.")
    assert WebhookEvent.objects.get().kind == EventKind.CORRECTED


def test_admin_shows_attempts_and_sends_again(admin_client, editor, receiver):
    receiver.status = 503
    WebhookEndpoint.objects.create(name="Harbour Daily", url=receiver.url, events=ALL_EVENTS)
    workflow.apply(in_review(headline="Wind farm approved"), editor, "publish")
    item = WebhookDelivery.objects.get()
    delivery.send_due(item.pk)
    page = admin_client.get(reverse("admin:articles_webhookdelivery_change", args=[item.pk]))
    text = page.content.decode()
    assert "503" in text
    assert str(item.event_id) in text
    assert "Wind farm approved" in text  # the body sent, pretty-printed

    receiver.status = 200
    listing = reverse("admin:articles_webhookdelivery_changelist")
    response = admin_client.post(
        listing, {"action": "send_again", "_selected_action": [item.pk]}, follow=True
    )
    assert "queued to be sent again" in response.content.decode()
    item.refresh_from_db()
    # In tests the worker runs at commit; here nothing commits, so send it as the worker would.
    assert (item.status, item.attempts) == (S.PENDING, 0)
    delivery.send_due(item.pk)
    item.refresh_from_db()
    assert item.status == S.DELIVERED
    assert [a.status_code for a in item.log.order_by("number")] == [503, 200]
    assert {json.loads(r["body"])["id"] for r in receiver.received} == {str(item.event_id)}


def test_endpoint_admin_form(admin_client):
    response = admin_client.post(
        reverse("admin:articles_webhookendpoint_add"),
        {
            "name": "Harbour Daily",
            "url": "https://partner.example.org/hooks",
            "events": ["article.published", "article.corrected"],
            "is_active": "on",
            "secret": "whsec_test",
        },
    )
    assert response.status_code == 302
    assert WebhookEndpoint.objects.get().events == ["article.published", "article.corrected"]


def test_editors_cannot_see_or_send_webhooks(editor):
    staff = Client()
    staff.force_login(editor)
    assert staff.get(reverse("admin:articles_webhookdelivery_changelist")).status_code == 403
    assert staff.get(reverse("admin:articles_webhookendpoint_changelist")).status_code == 403


# --- Nothing lost when the receiver and the worker are down ------------------------


def worker_environment(database_url, var_dir):
    """The site's own settings (the database task backend), as `manage.py db_worker` runs."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "newsdesk.settings",
        "NEWSDESK_ENV_FILE": "",
        "DEBUG": "0",
        "SECRET_KEY": "test-only-secret-key-not-for-production",
        "SECURE_HTTPS": "0",
        "DATABASE_URL": database_url,
        "NEWSDESK_VAR_DIR": str(var_dir),
        "TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
        "WEBHOOK_RETRY_SECONDS": "0.5",
        "WEBHOOK_TIMEOUT_SECONDS": "5",
        "LOG_LEVEL": "WARNING",
    }


def wait_until(condition, seconds, what):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    raise AssertionError(f"gave up waiting for {what}")


def outage(database_url, var_dir):
    """Publish with the receiver and the worker down, start them, and count arrivals.

    Runs against `database_url`, already migrated, with the database task backend.
    """
    from django.contrib.auth import get_user_model
    from django.db import close_old_connections

    editor = get_user_model().objects.create_superuser("desk", "desk@example.org", "pw")
    receiver = Receiver()  # not started: the partner is down
    secret = WebhookEndpoint.objects.create(
        name="Harbour Daily", url=receiver.url, events=ALL_EVENTS
    ).secret

    live = ArticleFactory(headline="Taken down later")
    corrected = ArticleFactory(headline="Bridge opens")
    fresh = [in_review() for _ in range(3)]
    for article in fresh:
        workflow.apply(article, editor, "publish")
    soon = in_review()
    workflow.apply(
        soon, editor, "schedule", published_at=timezone.now() + datetime.timedelta(seconds=4)
    )
    workflow.apply(live, editor, "unpublish", note="Legal.")
    corrections.add(corrected, editor, text="It is 5 km long.")
    corrected.standfirst = "Now open to cyclists."
    corrected.save()
    expected = set(WebhookEvent.objects.values_list("id", flat=True))
    assert len(expected) == 7
    close_old_connections()

    worker = subprocess.Popen(
        [sys.executable, "manage.py", "db_worker", "--interval", "0.2", "--no-startup-delay"],
        cwd=ROOT,
        env=worker_environment(database_url, var_dir),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        # The worker tries while the partner is still down: attempts are logged, retries queued.
        wait_until(
            lambda: WebhookDelivery.objects.filter(attempts__gte=1).count() >= 6,
            60,
            "the worker's first attempts",
        )
        receiver.start()
        wait_until(
            lambda: WebhookDelivery.objects.filter(status=S.DELIVERED).count() == len(expected),
            90,
            "every delivery",
        )
    finally:
        worker.terminate()
        try:
            worker.wait(timeout=15)
        except subprocess.TimeoutExpired:
            worker.kill()
            worker.wait(timeout=5)
        receiver.stop()
    arrived = [json.loads(item["body"])["id"] for item in receiver.received]
    return {
        "expected": sorted(str(pk) for pk in expected),
        "arrived": sorted(arrived),
        "signed": all(check_signature(item, secret) for item in receiver.received),
        "failed_attempts": WebhookDelivery.objects.filter(log__status_code__isnull=True).count(),
        "worker_errors": worker.stderr.read() if worker.stderr else "",
    }


@pytest.mark.django_db(transaction=True)
def test_nothing_is_lost_while_the_receiver_and_the_worker_are_down(tmp_path, settings):
    if connection.vendor == "postgresql":
        settings.TASKS = {
            "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}
        }
        db = connection.settings_dict
        url = f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
        result = outage(url, tmp_path)
    else:
        # pytest-django's SQLite test database lives in memory, out of the worker's
        # reach: the whole scenario runs in a child process on a file database.
        env = worker_environment(f"sqlite:///{tmp_path / 'outbox.sqlite3'}", tmp_path)
        script = (
            "import django, json, sys; django.setup(); "
            "from django.core.management import call_command; "
            "call_command('migrate', verbosity=0); "
            "from tests.test_webhooks import outage; "
            "print(json.dumps(outage(sys.argv[1], sys.argv[2])))"
        )
        done = subprocess.run(
            [sys.executable, "-c", script, env["DATABASE_URL"], str(tmp_path)],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        assert done.returncode == 0, done.stderr[-3000:]
        result = json.loads(done.stdout.strip().splitlines()[-1])
    # Every event arrived exactly once, signed, after attempts that failed while it was down.
    assert result["arrived"] == result["expected"], result["worker_errors"][-2000:]
    assert result["signed"]
    assert result["failed_attempts"] >= 1


def test_purge_keeps_pending_and_recent_deliveries(editor, endpoint):
    for _ in range(3):
        workflow.apply(in_review(), editor, "publish")
    old, recent, waiting = WebhookDelivery.objects.order_by("pk")
    long_ago = timezone.now() - datetime.timedelta(days=40)
    WebhookDelivery.objects.filter(pk__in=[old.pk, waiting.pk]).update(created_at=long_ago)
    WebhookEvent.objects.filter(pk__in=[old.event_id, waiting.event_id]).update(created_at=long_ago)
    WebhookDelivery.objects.filter(pk__in=[old.pk, recent.pk]).update(status=S.DELIVERED)
    out = io.StringIO()
    call_command("purge_webhooks", "--days", "30", stdout=out)
    assert "Deleted 1 finished deliveries" in out.getvalue()
    assert set(WebhookDelivery.objects.values_list("pk", flat=True)) == {recent.pk, waiting.pk}
    assert not WebhookEvent.objects.filter(pk=old.event_id).exists()


def test_send_again_button_on_the_delivery_page(admin_client, editor, receiver):
    receiver.status = 500
    WebhookEndpoint.objects.create(name="Harbour Daily", url=receiver.url, events=ALL_EVENTS)
    workflow.apply(in_review(), editor, "publish")
    item = WebhookDelivery.objects.get()
    for _ in range(3):
        WebhookDelivery.objects.filter(pk=item.pk).update(next_attempt_at=timezone.now())
        delivery.send_due(item.pk)
    WebhookDelivery.objects.filter(pk=item.pk).update(status=S.FAILED)
    page = admin_client.get(reverse("admin:articles_webhookdelivery_change", args=[item.pk]))
    button = reverse("admin:articles_webhookdelivery_send_again", args=[item.pk])
    assert button in page.content.decode()
    assert admin_client.get(button).status_code == 405
    response = admin_client.post(button)
    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.status, item.attempts) == (S.PENDING, 0)
    assert item.log.count() == 3  # the log is kept
    missing = reverse("admin:articles_webhookdelivery_send_again", args=[item.pk + 999])
    assert admin_client.post(missing).status_code == 404
