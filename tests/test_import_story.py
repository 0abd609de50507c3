import datetime
import json
from io import StringIO
from pathlib import Path
from urllib.parse import urlencode

import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils.html import escape
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from articles import copydesk
from articles.factories import ArticleFactory
from articles.models import Article, Mention, StaffNote, WirePhoto
from articles.wire import parse
from articles.wire.importer import MAX_BYTES, Refused, import_text
from entities import matching
from entities.factories import EventFactory, OrganisationFactory, PersonFactory
from entities.models import Event, Organisation, Person

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).parent / "fixtures" / "wire"
ROBOTICS = FIXTURES / "singapore_robotics_forum.txt"
BIOTECH = FIXTURES / "hong_kong_biotech_report.txt"
BATTERIES = FIXTURES / "shenzhen_battery_makers.txt"
FINTECH = FIXTURES / "macao_fintech_week.txt"
DATA_PACTS = FIXTURES / "greater_bay_data_pacts.txt"
SEEDS = Path(settings.BASE_DIR).parent / "shared" / "seeds"

ARTICLE_KEYS = {
    "id",
    "kicker",
    "headline",
    "standfirst",
    "published_at",
    "updated_at",
    "authors",
    "dateline",
    "contact_email",
    "body_paragraphs",
}
STORY_KEYS = {
    "file",
    "article",
    "photos",
    "related",
    "people",
    "organisations",
    "events",
    "documents",
    "appearances",
    "quotes",
    "faq",
    "issues",
    "pros",
    "cons",
    "warnings",
    "possible_duplicates",
}


@pytest.fixture(autouse=True)
def _fresh_matcher(monkeypatch):
    # The shared matcher outlives a test's database rows; never reuse one.
    monkeypatch.setattr(matching, "_built", (None, None))
    matching.names_changed()


def run(*args):
    out, err = StringIO(), StringIO()
    try:
        call_command("import_story", *map(str, args), stdout=out, stderr=err)
    except CommandError as error:
        return 1, out.getvalue(), err.getvalue() + str(error)
    return 0, out.getvalue(), err.getvalue()


def row_counts():
    return {model._meta.label: model._default_manager.count() for model in apps.get_models()}


def test_robotics_forum_becomes_one_draft_with_everything_matched():
    author = PersonFactory(display_name="Nadia Osman")
    marcus = PersonFactory(display_name="Marcus Tan", aliases=["Marcus Tan Wei Ming"])
    priya = PersonFactory(display_name="Priya Raman")
    target = ArticleFactory(headline="Singapore opens a testbed for hospital delivery robots")

    code, out, err = run(ROBOTICS)

    assert (code, err) == (0, "")
    article = Article.objects.exclude(pk=target.pk).get()
    assert article.status == Article.Status.DRAFT
    assert article.published_at is None
    assert article.wire_published_at.isoformat() == "2026-03-05T01:15:00+00:00"
    assert article.kicker == "Forum"
    assert article.headline == "Singapore bets on service robots to ease its labour crunch"
    assert article.dateline == "Singapore"
    assert article.contact_email == "nadia.osman@example.com"
    assert article.body.count("<p>") == 8
    assert article.source_name == ROBOTICS.name
    assert f"imported as draft {article.pk}" in out

    assert list(article.authors.all()) == [author]
    assert [(link.target_article, link.label) for link in article.related_links.all()] == [
        (target, "also_read")
    ]
    assert [(q.person, q.text) for q in article.quotes.all()] == [
        (priya, "Patient money is the missing piece, and Singapore has plenty of it.")
    ]
    photos = list(article.wire_photos.all())
    assert [p.credit for p in photos] == [
        "OLIVER LIM / FOR CHINA DAILY",
        "PROVIDED TO CHINA DAILY",
        "PROVIDED TO CHINA DAILY",
    ]
    assert photos[0].event == "Asia Service Robotics Summit"
    assert photos[0].taken_on.isoformat() == "2026-03-03"
    assert photos[2].people_shown == ["Priya Raman", "Ong Siew Ling", "Marcus Tan Wei Ming"]

    suggested = Mention.objects.filter(article=article, status=Mention.Status.SUGGESTED)
    assert {m.person for m in suggested if m.person_id} == {marcus, priya}

    unknown = {(u["kind"], u["name"]) for u in article.wire_unknown_names}
    assert ("person", "Ong Siew Ling") in unknown
    assert ("person", "Kelvin Yap") in unknown
    assert ("organisation", "Meridian Automation") in unknown
    assert ("person", "Priya Raman") not in unknown
    note = StaffNote.objects.get(article=article).text
    assert "Kelvin Yap is not on file" in note
    assert "Robot rental schemes win over small factories" in note
    # Nothing the copy only mentions is created as a record.
    assert Person.objects.count() == 3
    assert Organisation.objects.count() == 0


def test_blocks_of_the_battery_story():
    code, _, err = run(BATTERIES)

    assert (code, err) == (0, "")
    article = Article.objects.get()
    assert article.standfirst.startswith("Industry leaders expect")
    assert article.qa_pairs.count() == 3
    assert all(pair.question.endswith("?") for pair in article.qa_pairs.all())
    assert article.key_issues.count() == 3
    assert article.pros_cons.filter(kind="pro").count() == 3
    assert article.pros_cons.filter(kind="con").count() == 3
    assert "Please note" not in article.body
    assert not article.wire_photos.exists()


@pytest.mark.parametrize("path", sorted(FIXTURES.glob("*.txt")), ids=lambda p: p.stem)
def test_every_fixture_imports_as_a_draft(path):
    code, _, err = run(path)

    assert (code, err) == (0, "")
    article = Article.objects.get()
    assert article.status == Article.Status.DRAFT
    assert article.published_at is None
    story = parse(path.read_text(), filename=str(path))
    assert article.headline == story.article.headline
    assert [p.caption for p in article.wire_photos.all()] == [p.caption for p in story.photos]
    assert article.body.count("<p>") == len(story.article.body)


def test_body_text_is_escaped():
    import_text("A <b>bold</b> headline\n\nFish & chips <script>x</script> for all.\n", "x.txt")

    article = Article.objects.get()
    assert "<script>" not in article.body
    assert "Fish &amp; chips" in article.body


def test_json_output_key_by_key_with_matched_ids():
    marcus = PersonFactory(display_name="Marcus Tan", aliases=["Marcus Tan Wei Ming"])
    lcit = OrganisationFactory(name="Lion City Inst. of Technology", short_name="LCIT")
    target = ArticleFactory(headline="Robot rental schemes win over small factories")

    code, out, err = run("--json", ROBOTICS)

    assert (code, err) == (0, "")
    (story,) = json.loads(out)
    assert set(story) == STORY_KEYS
    assert story["file"] == str(ROBOTICS)
    article = story["article"]
    assert set(article) == ARTICLE_KEYS
    assert article["id"] == Article.objects.exclude(pk=target.pk).get().pk
    assert isinstance(article["body_paragraphs"], int)
    assert article["published_at"] == "2026-03-05T09:15:00+08:00"
    assert article["authors"] == ["Nadia Osman", "Kelvin Yap"]
    for photo in story["photos"]:
        assert set(photo) == {"caption", "credit", "people_shown"}
        assert isinstance(photo["people_shown"], list)
    for link in story["related"]:
        assert set(link) == {"label", "title", "article_id"}
    assert [link["article_id"] for link in story["related"]] == [None, target.pk]
    for person in story["people"]:
        assert set(person) == {"name", "title", "organisation", "aliases", "existing_id"}
    people = {p["name"]: p["existing_id"] for p in story["people"]}
    assert people == {"Marcus Tan Wei Ming": marcus.pk, "Priya Raman": None, "Ong Siew Ling": None}
    for organisation in story["organisations"]:
        assert set(organisation) == {"name", "acronym", "parent", "description", "existing_id"}
    organisations = {o["name"]: o["existing_id"] for o in story["organisations"]}
    assert organisations["Lion City Institute of Technology"] == lcit.pk
    assert organisations["Meridian Automation"] is None
    for event in story["events"]:
        assert set(event) == {"name", "date", "hosts", "supporters"}
    for quote in story["quotes"]:
        assert set(quote) == {"speaker", "text", "event"}
    for document in story["documents"]:
        assert set(document) == {"title", "kind", "publishers", "event"}
    for appearance in story["appearances"]:
        assert set(appearance) == {"person", "event", "role", "title", "organisation"}
    assert all(isinstance(w, str) for w in story["warnings"])
    assert story["faq"] == story["issues"] == story["pros"] == story["cons"] == []


def test_json_of_blocks():
    code, out, _ = run("--json", "--dry-run", BATTERIES)

    (story,) = json.loads(out)
    assert code == 0
    assert story["article"]["id"] is None
    assert all(set(pair) == {"question", "answer"} for pair in story["faq"])
    assert all(set(issue) == {"title", "text"} for issue in story["issues"])
    assert all(isinstance(point, str) for point in story["pros"] + story["cons"])
    assert len(story["faq"]) == 3


def test_organisation_matched_by_its_acronym_alone():
    # The story spells the name out and defines the acronym; the record on
    # file knows only the acronym as its name.
    lcit = OrganisationFactory(name="LCIT")

    code, out, _ = run("--json", "--dry-run", ROBOTICS)

    assert code == 0
    organisations = {o["name"]: o["existing_id"] for o in json.loads(out)[0]["organisations"]}
    assert organisations["Lion City Institute of Technology"] == lcit.pk


def test_dry_run_writes_nothing():
    PersonFactory(display_name="Priya Raman")
    before = row_counts()

    code, out, _ = run("--dry-run", *sorted(FIXTURES.glob("*.txt")))

    assert code == 0
    assert row_counts() == before
    assert out.count("would import") == len(list(FIXTURES.glob("*.txt")))


BAD_INPUTS = {
    "empty": (b"", "empty"),
    "blank": (b"  \n\n \n", "empty"),
    "binary": (b"Headline\x00\x01\x02\n\nBody.\n", "binary"),
    "latin1": ("Caf\u00e9 owners cheer\n\nBody.\n".encode("latin-1"), "not UTF-8"),
    "huge": (b"Headline\n\n" + b"word " * (MAX_BYTES // 5 + 1), "larger than"),
    "no_headline": (b"Published: 09:15, Mar 5, 2026\n\n", "no headline"),
}


@pytest.mark.parametrize("case", BAD_INPUTS)
def test_bad_input_is_refused_while_a_good_file_still_imports(case, tmp_path):
    data, reason = BAD_INPUTS[case]
    bad = tmp_path / f"{case}.txt"
    bad.write_bytes(data)

    code, _, err = run(bad, FINTECH)

    assert code == 1
    assert f"{bad}: " in err
    assert reason in err
    article = Article.objects.get()
    assert article.headline == "Macao: fintech week draws a record crowd of start-ups"


def test_a_missing_file_is_refused(tmp_path):
    code, _, err = run(tmp_path / "nowhere.txt")

    assert code == 1
    assert "nowhere.txt" in err
    assert not Article.objects.exists()


def test_the_same_story_is_refused_unless_forced():
    assert run(BIOTECH)[0] == 0
    first = Article.objects.get()

    code, _, err = run(BIOTECH)

    assert code == 1
    assert f"already imported as article {first.pk}" in err
    assert "--force" in err
    assert Article.objects.count() == 1

    assert run("--force", BIOTECH)[0] == 0
    assert Article.objects.count() == 2


def test_reformatted_copy_is_still_the_same_story(tmp_path):
    assert run(BIOTECH)[0] == 0
    copy = tmp_path / "copy.txt"
    copy.write_text(BIOTECH.read_text().replace("\n", "\r\n\r\n").replace(" ", "  "))

    code, _, err = run(copy)

    assert code == 1
    assert "already imported" in err


@pytest.mark.skipif(not SEEDS.is_dir(), reason="no seed stories next to the project")
@pytest.mark.parametrize(
    "name", sorted(p.name for p in SEEDS.glob("*.txt")) if SEEDS.is_dir() else []
)
def test_seed_stories_import_as_drafts(name):
    hkust = OrganisationFactory(
        name="Hong Kong University of Science and Technology", short_name="HKUST"
    )
    code, out, err = run("--json", SEEDS / name)

    assert (code, err) == (0, "")
    (story,) = json.loads(out)
    article = Article.objects.get(pk=story["article"]["id"])
    assert article.status == Article.Status.DRAFT
    assert article.headline == story["article"]["headline"]
    names = {o["name"]: o["existing_id"] for o in story["organisations"]}
    if "Hong Kong University of Science and Technology" in names:
        assert names["Hong Kong University of Science and Technology"] == hkust.pk


def _complete_or_nothing(text):
    before = row_counts()
    try:
        outcome = import_text(text, "arbitrary.txt")
    except Refused:
        assert row_counts() == before
        return
    after = row_counts()
    assert after["articles.Article"] == before["articles.Article"] + 1
    article = outcome.article
    assert article.status == Article.Status.DRAFT
    assert article.headline == outcome.story.article.headline
    assert WirePhoto.objects.filter(article=article).count() == len(outcome.story.photos)
    assert article.qa_pairs.count() == len(outcome.story.faq)


@hypothesis_settings(
    max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.text())
def test_arbitrary_text_gives_one_draft_or_nothing(text):
    _complete_or_nothing(text)


@hypothesis_settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.lists(
        st.one_of(
            st.text(min_size=200, max_size=2000),
            st.text(alphabet="\x00\n abc:-()?", max_size=50),
            st.sampled_from(BATTERIES.read_text().splitlines()),
        ),
        max_size=12,
    )
)
def test_arbitrary_lines_with_nul_bytes_and_long_lines(lines):
    _complete_or_nothing("\n".join(lines))


def test_a_name_matching_two_records_is_left_unmatched_with_a_warning():
    PersonFactory(display_name="Priya Raman")
    PersonFactory(display_name="P. Raman", aliases=["Priya Raman"])

    code, out, _ = run("--json", "--dry-run", ROBOTICS)

    assert code == 0
    (story,) = json.loads(out)
    assert {p["name"]: p["existing_id"] for p in story["people"]}["Priya Raman"] is None
    assert any("Priya Raman matches several people" in w for w in story["warnings"])


def test_captions_awaiting_images_show_on_the_change_page(admin_client):
    article = import_text(FINTECH.read_text(), "fintech.txt").article

    response = admin_client.get(reverse("admin:articles_article_change", args=[article.pk]))

    assert response.status_code == 200
    assert "Daniel Sousa pitches his payments app" in response.content.decode()


def test_signings_become_events_to_add_or_suggested_mentions(admin_client):
    cyberlane = OrganisationFactory(name="Cyberlane Hub")
    on_file = EventFactory(
        name="Signing of the three-year cooperation agreement between Orchid Cloud and Banyan Data",
        kind=Event.Kind.SIGNING,
        start_date=datetime.date(2026, 4, 9),
    )

    code, out, err = run("--json", DATA_PACTS)

    assert (code, err) == (0, "")
    (story,) = json.loads(out)
    assert story["events"] == [
        {
            "name": "Signing of the memorandum of understanding between Cyberlane Hub "
            "and Tideway Robotics Institute",
            "date": "2026-04-06",
            "hosts": ["Cyberlane Hub", "Tideway Robotics Institute"],
            "supporters": [],
        },
        {
            "name": on_file.name,
            "date": "2026-04-09",
            "hosts": ["Orchid Cloud", "Banyan Data"],
            "supporters": [],
        },
    ]
    article = Article.objects.get(pk=story["article"]["id"])
    # The event on file is suggested like any other mention; nothing is created.
    assert list(article.mentions.filter(event__isnull=False).values_list("event", "status")) == [
        (on_file.pk, Mention.Status.SUGGESTED)
    ]
    assert Event.objects.count() == 1
    [new] = [u for u in article.wire_unknown_names if u["kind"] == "event"]
    assert new == {
        "kind": "event",
        "name": story["events"][0]["name"],
        "event_kind": "signing",
        "date": "2026-04-06",
        "hosts": ["Cyberlane Hub", "Tideway Robotics Institute"],
    }

    page = admin_client.get(reverse("admin:articles_article_change", args=[article.pk]))
    add_url = (
        reverse("admin:entities_event_add")
        + "?"
        + urlencode(
            {
                "name": new["name"],
                "kind": "signing",
                "start_date": "2026-04-06",
                "hosts": str(cyberlane.pk),
            }
        )
    )
    assert escape(add_url) in page.content.decode()
    form = admin_client.get(add_url).context["adminform"].form
    assert form.initial["name"] == new["name"]
    assert list(map(int, form.initial["hosts"])) == [cyberlane.pk]


@pytest.mark.skipif(not SEEDS.is_dir(), reason="no seed stories next to the project")
def test_the_seed_signing_is_an_event_and_its_two_weekdays_a_warning():
    [path] = SEEDS.glob("000_*.txt")

    code, out, err = run("--json", "--dry-run", path)

    assert (code, err) == (0, "")
    (story,) = json.loads(out)
    [signing] = story["events"]
    assert signing["name"].startswith("Signing of the strategic partnership agreement")
    assert signing["hosts"] == ["Hong Kong Investment Management Limited", "Smartmore"]
    assert any("different days" in w for w in story["warnings"])
    people = {p["name"]: p for p in story["people"]}
    assert people["Chan Mo-po"]["organisation"] == "Hong Kong SAR Government"
    assert "Hong Kong" not in {o["name"] for o in story["organisations"]}


# Reports, speakers' roles, quotes at events and possible duplicates.

CORPUS = Path(__file__).parent / "fixtures" / "wire_corpus" / "tuned"
SYMPOSIUM = CORPUS / "notice_ai_healthcare.txt"
ROBOT_FORUM = CORPUS / "cd_robotics_forum.txt"


@pytest.fixture
def symposium_on_file():
    academy = OrganisationFactory(name="Hong Kong Academy of Medical Informatics")
    university = OrganisationFactory(name="Kowloon Medical University")
    event = EventFactory(
        name="Symposium on AI in Healthcare 2026", start_date=datetime.date(2026, 6, 19)
    )
    event.hosts.set([academy, university])
    return {
        "event": event,
        "academy": academy,
        "university": university,
        "lau": PersonFactory(display_name="Jenny Lau Yuk-ping"),
        "mehta": PersonFactory(display_name="Arjun Mehta"),
        "fong": PersonFactory(display_name="Olivia Fong"),
    }


def test_a_programme_gives_appearances_with_the_title_held_and_the_report(symposium_on_file):
    on_file = symposium_on_file
    OrganisationFactory(name="Veritas Health AI")

    code, out, err = run("--json", SYMPOSIUM)

    assert (code, err) == (0, "")
    (story,) = json.loads(out)
    assert {(a["person"], a["role"]) for a in story["appearances"]} >= {
        ("Jenny Lau Yuk-ping", "opening_remarks"),
        ("Arjun Mehta", "keynote"),
        ("Olivia Fong", "moderator"),
        ("Raymond Sit", "panellist"),
    }
    [document] = story["documents"]
    assert document["publishers"] == ["Hong Kong Academy of Medical Informatics"]
    assert document["event"] == "Symposium on AI in Healthcare 2026"

    event = on_file["event"]
    held = {(a.person, a.role): a for a in event.appearances.select_related("position")}
    opening = held[(on_file["lau"], "opening_remarks")]
    assert (opening.position.title, opening.position.organisation) == (
        "President",
        on_file["university"],
    )
    assert held[(on_file["mehta"], "keynote")].position.title == "Chief Medical Officer"
    assert (on_file["fong"], "moderator") in held
    # Raymond Sit is not on file: no appearance, and he is listed to be added.
    assert len(held) == 4  # Mehta is keynote speaker and panellist
    [report] = event.documents.all()
    assert report.title == "Safe Deployment of Clinical AI in Hong Kong Hospitals"
    assert list(report.publishers.all()) == [on_file["academy"]]
    assert report.released_on == event.start_date
    unknown = {(u["kind"], u.get("name")) for u in Article.objects.get().wire_unknown_names}
    assert ("person", "Raymond Sit") in unknown


def test_a_quote_at_an_event_on_file_is_tied_to_it_and_the_event_story_is_named():
    alliance = OrganisationFactory(name="Hong Kong Robotics Alliance")
    forum = EventFactory(
        name="Hong Kong Robotics Alliance forum on embodied intelligence",
        start_date=datetime.date(2026, 3, 12),
    )
    forum.hosts.add(alliance)
    karen = PersonFactory(display_name="Karen Lo Sze-wing")
    earlier = ArticleFactory(headline="Robot makers meet investors at alliance forum")
    Mention.objects.create(article=earlier, event=forum, status=Mention.Status.CONFIRMED)

    code, out, err = run("--json", ROBOT_FORUM)

    assert (code, err) == (0, "")
    (story,) = json.loads(out)
    [duplicate] = story["possible_duplicates"]
    assert (duplicate["article_id"], duplicate["event_id"]) == (earlier.pk, forum.pk)
    assert earlier.headline in duplicate["message"] and forum.name in duplicate["message"]
    assert any(earlier.headline in w for w in story["warnings"])
    article = Article.objects.exclude(pk=earlier.pk).get()
    [quote] = article.quotes.filter(person=karen)
    assert quote.event == forum
    # One copy-desk item about the earlier story, linked to it, for an editor to decide.
    [item] = [i for i in copydesk.review(article).items if i.key.startswith("duplicate:")]
    assert item.key == f"duplicate:article:{earlier.pk}"
    assert earlier.headline in item.message and forum.name in item.message
    assert [link.url for link in item.links] == [f"/admin/articles/article/{earlier.pk}/change/"]
    # The import's own finding was kept under the same key: one item, not two.
    assert article.copydesk_items.get(key=item.key).source == "import"


def test_the_same_people_on_the_same_day_is_a_possible_duplicate():
    karen = PersonFactory(display_name="Karen Lo Sze-wing")
    dennis = PersonFactory(display_name="Dennis Yau")
    earlier = ArticleFactory(
        headline="Investors back robot start-ups",
        wire_published_at=datetime.datetime(2026, 3, 12, 9, 0, tzinfo=datetime.UTC),
    )
    for person in (karen, dennis):
        Mention.objects.create(article=earlier, person=person, status=Mention.Status.SUGGESTED)

    code, out, _ = run("--json", "--dry-run", ROBOT_FORUM)

    assert code == 0
    (story,) = json.loads(out)
    assert [(d["reason"], d["article_id"]) for d in story["possible_duplicates"]] == [
        ("people", earlier.pk)
    ]


def test_dry_run_writes_nothing_even_with_events_people_and_reports_on_file(symposium_on_file):
    before = row_counts()

    code, out, _ = run("--dry-run", "--json", SYMPOSIUM, ROBOT_FORUM)

    assert code == 0
    assert row_counts() == before
    assert len(json.loads(out)) == 2


def test_a_failure_while_saving_leaves_nothing_of_the_story(symposium_on_file, monkeypatch):
    from articles.wire import importer

    def fail(*args):
        raise RuntimeError("disk full")

    monkeypatch.setattr(importer, "_appearances", fail)
    before = row_counts()

    with pytest.raises(RuntimeError):
        import_text(SYMPOSIUM.read_text(encoding="utf-8"), SYMPOSIUM.name)

    assert row_counts() == before


def test_people_from_the_wire_carry_their_name_forms():
    parsed = parse(ROBOT_FORUM.read_text(encoding="utf-8"))
    karen = next(p for p in parsed.people if p.name == "Karen Lo Sze-wing")
    assert set(karen.aliases) >= {"Karen Lo", "Lo Sze-wing", "Karen Lo Sze Wing"}
    assert parsed.quotes[0].speaker == "Karen Lo Sze-wing"  # "Lo said" in the copy


def test_a_report_or_partnership_already_on_file_is_a_possible_duplicate():
    from entities.models import Document

    alliance = OrganisationFactory(name="China Aerospace Industry Association")
    launch = EventFactory(name="China Commercial Space Conference 2025")
    Document.objects.create(
        title="Blue Book on China's Commercial Space Industry 2026", event=launch
    )
    motors = OrganisationFactory(name="Xingyue Motors")
    nanling = OrganisationFactory(name="Nanling Auto Group")
    pact = EventFactory(
        name="Battery recycling pact", kind=Event.Kind.SIGNING, start_date=datetime.date(2026, 4, 2)
    )
    pact.hosts.set([motors, nanling])
    earlier = ArticleFactory(headline="Carmakers agree to share battery collection points")
    Mention.objects.create(article=earlier, event=pact, status=Mention.Status.CONFIRMED)

    code, out, _ = run(
        "--json", "--dry-run", CORPUS / "agency_space_launch.txt", CORPUS / "agency_bay_area_ev.txt"
    )

    assert code == 0
    space, cars = json.loads(out)
    [report] = space["possible_duplicates"]
    assert (report["reason"], report["event_id"]) == ("report", launch.pk)
    assert alliance.pk in [o["existing_id"] for o in space["organisations"]]
    [partnership] = cars["possible_duplicates"]
    assert (partnership["reason"], partnership["article_id"], partnership["event_id"]) == (
        "partnership",
        earlier.pk,
        pact.pk,
    )


def test_the_add_person_form_opens_with_the_name_forms_from_the_wire(admin_client):
    from entities.admin.prefill import person_add_url

    url = person_add_url(
        "Tim Cheng Kwang-ting",
        aliases=["Tim Cheng", "Cheng Kwang-ting"],
        family_name="Cheng",
        given_names="Kwang-ting",
        english_name="Tim",
    )

    form = admin_client.get(url).context["adminform"].form

    assert form["aliases"].value() == "Tim Cheng\nCheng Kwang-ting"
    assert (form["family_name"].value(), form["english_name"].value()) == ("Cheng", "Tim")


@pytest.mark.parametrize("source", ["/dev/zero", "fifo"])
def test_a_file_that_never_ends_is_read_only_past_the_limit(tmp_path, source):
    """/dev/zero reports no size; a pipe neither. Reading stops one byte past the limit."""
    import os
    import threading

    from articles.wire.importer import read_copy

    if source == "fifo":
        path = tmp_path / "wire.fifo"
        os.mkfifo(path)
        written = []

        def feed():
            pipe = os.open(path, os.O_WRONLY)
            try:
                for _ in range(MAX_BYTES // 4096 + 50):
                    written.append(os.write(pipe, b"x" * 4096))
            except BrokenPipeError:
                pass
            finally:
                os.close(pipe)

        writer = threading.Thread(target=feed, daemon=True)
        writer.start()
    else:
        path = Path(source)
    with pytest.raises(Refused, match="larger than"):
        read_copy(path)
    if source == "fifo":
        writer.join(timeout=10)
        # The reader stopped early: the writer was cut off before it was done.
        assert sum(written) < MAX_BYTES + 50 * 4096
