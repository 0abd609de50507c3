import datetime
from io import StringIO

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from articles.factories import ArticleFactory, SectionFactory
from articles.models import Article
from articles.search import ARTICLES
from entities.factories import EventFactory, OrganisationFactory, PersonFactory
from entities.models import Event, Organisation, Person
from entities.search import EVENTS, ORGANISATIONS, PEOPLE
from newsdesk.search import PAGE_SIZE, PREVIEW_SIZE, schema, search
from newsdesk.search.dependencies import places_key, query_keys, row_entries, term_key
from newsdesk.search.schema import VECTOR_COLUMN
from newsdesk.search.terms import fts5_match
from tests.helpers import hidden_articles

pytestmark = pytest.mark.django_db

HOUR = datetime.timedelta(hours=1)


def hits(query, **filters):
    """(kind, object) of every result, in the order shown."""
    results = search(query, **filters)
    return [(group.kind.name, hit.object) for group in results.groups for hit in group.hits]


def found(query, **filters):
    return [obj for _, obj in hits(query, **filters)]


def get_search(client, **params):
    return client.get(reverse("articles:search"), params)


class TestRanking:
    def test_headline_outranks_standfirst_outranks_body(self):
        in_body = ArticleFactory(
            headline="Council reviews budget",
            standfirst="Figures for the coming year.",
            body="<p>The report on pelorium batteries was delayed.</p>",
        )
        in_standfirst = ArticleFactory(
            headline="Council reviews plans",
            standfirst="A pelorium supplier wins a contract.",
            body="<p>Nothing more to add.</p>",
        )
        in_headline = ArticleFactory(
            headline="Pelorium plant opens",
            standfirst="Officials cut the ribbon.",
            body="<p>Nothing more to add.</p>",
        )
        assert found("pelorium") == [in_headline, in_standfirst, in_body]

    def test_a_headline_match_outranks_a_body_that_repeats_the_word(self):
        in_body = ArticleFactory(
            headline="Weekly roundup",
            body="<p>" + "Graviton sensors and more graviton sensors. " * 5 + "</p>",
        )
        in_headline = ArticleFactory(headline="Graviton sensor maker raises funds")
        assert found("graviton") == [in_headline, in_body]

    def test_every_word_must_match(self):
        both = ArticleFactory(headline="Tidal turbine tested off Lamma")
        ArticleFactory(headline="Tidal records broken")
        assert found("tidal turbine") == [both]

    def test_english_stemming_matches_other_forms_of_a_word(self):
        article = ArticleFactory(headline="Regulators approve drone deliveries")
        assert found("delivery") == [article]


class TestBodyText:
    def test_tags_and_attributes_are_not_indexed(self):
        ArticleFactory(
            headline="Archive note",
            body='<p>See <a href="https://example.org/zorblatt">the filing</a>.</p>'
            "<blockquote><p>Quoted words.</p></blockquote>",
        )
        assert found("zorblatt") == []
        assert found("href") == []
        assert found("blockquote") == []
        assert len(found("filing")) == 1

    def test_inline_formatting_does_not_split_words_and_paragraphs_do_not_join_them(self):
        article = ArticleFactory(
            headline="Formatting check",
            body="<p>A <strong>hyper</strong>loop trial</p><p>ended</p><p>today</p>",
        )
        assert found("hyperloop") == [article]
        assert found("endedtoday") == []

    def test_entities_in_the_body_are_decoded(self):
        article = ArticleFactory(headline="Merger", body="<p>Smith &amp; Wesson&nbsp;Labs</p>")
        assert found("amp") == []
        assert found("labs") == [article]


class TestSnippets:
    def test_matches_are_marked_in_the_title_and_snippet(self):
        ArticleFactory(
            headline="Fusion startup hires engineers",
            standfirst="A short summary.",
            body="<p>The fusion reactor will be built in Tai Po.</p>",
        )
        (hit,) = search("fusion").groups[0].hits
        assert hit.title == "<mark>Fusion</mark> startup hires engineers"
        assert "<mark>fusion</mark> reactor will be built in Tai Po" in hit.snippet

    def test_snippet_falls_back_to_the_standfirst(self):
        ArticleFactory(headline="Ozmium mine", standfirst="Lead paragraph.", body="<p>Other.</p>")
        (hit,) = search("ozmium").groups[0].hits
        assert hit.snippet == "Lead paragraph."

    def test_content_is_escaped_and_only_mark_is_markup(self):
        ArticleFactory(
            headline='Quillon <script>alert("x")</script> report',
            standfirst="",
            body="<p>Quillon &lt;img src=x onerror=alert(1)&gt; results</p>",
        )
        (hit,) = search("quillon").groups[0].hits
        assert "<script>" not in hit.title
        assert "&lt;script&gt;" in hit.title
        assert "<img" not in hit.snippet
        assert "&lt;img src=x onerror=alert(1)&gt;" in hit.snippet
        assert hit.title.startswith("<mark>Quillon</mark>")

    def test_results_page_escapes_content(self, client):
        ArticleFactory(headline="Brindle <em>bold</em> claim")
        response = get_search(client, q="brindle")
        html = response.content.decode()
        assert "<mark>Brindle</mark> &lt;em&gt;bold&lt;/em&gt; claim" in html
        assert "<em>bold</em>" not in html


class TestEntities:
    def test_person_by_name_and_by_alias(self):
        person = PersonFactory(display_name="Cheng Kwok-wing", aliases=["Kelvin Cheng"])
        assert found("kwok") == [person]
        assert found("kelvin") == [person]
        (hit,) = search("kelvin", kind="person").groups[0].hits
        assert hit.detail == "<mark>Kelvin</mark> Cheng"

    def test_organisation_by_acronym_alias_and_description(self):
        organisation = OrganisationFactory(
            name="Institute for Quasar Studies",
            short_name="IQSX",
            aliases=["Quasar Institute"],
            description="A research body funded by donors.",
        )
        assert found("iqsx") == [organisation]
        assert found("quasar") == [organisation]
        assert found("donors") == [organisation]

    def test_organisation_name_outranks_description(self):
        described = OrganisationFactory(name="Harbour Trust", description="Runs a marimba school")
        named = OrganisationFactory(name="Marimba Society")
        assert found("marimba") == [named, described]

    def test_event_by_name_and_description(self):
        event = EventFactory(name="Vortexia Summit", description="Two days of talks on ports.")
        assert found("vortexia") == [event]
        assert found("ports") == [event]

    def test_first_page_shows_a_few_of_each_kind_with_a_link_to_more(self, client):
        for number in range(PREVIEW_SIZE + 1):
            PersonFactory(display_name=f"Ombrella Person {number}")
        results = search("ombrella")
        (group,) = [group for group in results.groups if group.hits]
        assert group.kind.name == "person"
        assert len(group.hits) == PREVIEW_SIZE
        assert group.has_more
        assert len(found("ombrella", kind="person")) == PREVIEW_SIZE + 1
        html = get_search(client, q="ombrella").content.decode()
        assert "kind=person" in html


class TestFilters:
    def test_kind(self):
        article = ArticleFactory(headline="Saffron robotics")
        person = PersonFactory(display_name="Saffron Lee")
        organisation = OrganisationFactory(name="Saffron Capital")
        event = EventFactory(name="Saffron Expo")
        assert set(found("saffron")) == {article, person, organisation, event}
        assert found("saffron", kind="article") == [article]
        assert found("saffron", kind="person") == [person]
        assert found("saffron", kind="organisation") == [organisation]
        assert found("saffron", kind="event") == [event]

    def test_unknown_kind_is_refused(self):
        with pytest.raises(ValueError, match="Unknown kind"):
            search("anything", kind="photo")

    def test_section_narrows_to_its_articles(self):
        science = SectionFactory(name="Science")
        policy = SectionFactory(name="Policy")
        wanted = ArticleFactory(headline="Lumen satellite", section=science)
        ArticleFactory(headline="Lumen tax", section=policy)
        PersonFactory(display_name="Lumen Chan")
        assert hits("lumen", section=science) == [("article", wanted)]

    def test_dates_narrow_articles_and_events(self):
        now = timezone.now()
        recent = ArticleFactory(headline="Corvid drones", published_at=now - 2 * HOUR)
        ArticleFactory(headline="Corvid lab", published_at=now - datetime.timedelta(days=40))
        today = timezone.localdate()
        event = EventFactory(name="Corvid Day", start_date=today)
        EventFactory(name="Corvid Fair", start_date=today - datetime.timedelta(days=90))
        PersonFactory(display_name="Corvid Ho")
        week_ago = today - datetime.timedelta(days=7)
        assert set(found("corvid", date_from=week_ago)) == {recent, event}
        assert set(found("corvid", date_from=week_ago, date_to=today)) == {recent, event}
        assert len(found("corvid", date_to=week_ago)) == 2

    def test_view_applies_the_filters(self, client):
        science = SectionFactory(name="Science")
        ArticleFactory(headline="Basalt study", section=science)
        ArticleFactory(headline="Basalt quarry", section=SectionFactory(name="Policy"))
        html = get_search(client, q="basalt", section=science.slug).content.decode()
        assert "<mark>Basalt</mark> study" in html
        assert "quarry" not in html

    @pytest.mark.parametrize(
        "params",
        [
            {"date_from": "yesterday"},
            {"date_to": "2026-13-45"},
            {"date_from": "2026-05-02", "date_to": "2026-05-01"},
            {"kind": "photo"},
            {"section": "no-such-section"},
            {"section": "bad\x00slug"},
            {"page": "0"},
            {"page": "many"},
            {"q": "x" * 201},
            {"q": "null\x00byte"},
        ],
    )
    def test_bad_parameters_give_a_form_error_not_a_server_error(self, client, params):
        ArticleFactory(headline="Onyx")
        response = get_search(client, **{"q": "onyx", **params})
        assert response.status_code == 400
        html = response.content.decode()
        assert 'role="alert"' in html
        assert "search-results" not in html


HOSTILE_QUERIES = [
    '"',
    '""',
    '"unclosed phrase',
    "*",
    "kestrel*",
    "NEAR(kestrel plan)",
    "kestrel NEAR plan",
    "-",
    "--",
    "-kestrel",
    ":",
    "headline:kestrel",
    "^kestrel",
    "(",
    "(kestrel",
    ")",
    "AND",
    "OR",
    "NOT",
    "kestrel AND OR NOT",
    "kestrel OR",
    "OR kestrel",
    "kestrel NOT",
    "{headline standfirst}: kestrel",
    "kestrel + plan",
    "'; DROP TABLE articles_article; --",
    "kestrel & plan | !x <-> y",
    "%",
    "_",
    "\\",
    "kestrel\\",
    "ünïcödé 東京 kestrel",
    "😀",
    "kestrel " * 100,
    "k" * 200,
    "   ",
    "!@#$%^&*()",
]


@pytest.mark.parametrize("query", HOSTILE_QUERIES)
def test_hostile_queries_never_fail(client, query):
    ArticleFactory(headline="Kestrel plan approved", body="<p>Plan details.</p>")
    PersonFactory(display_name="Kestrel Wu")
    response = get_search(client, q=query)
    # Too long a query is refused with the form's message (400), never a server error.
    assert response.status_code == (400 if len(query) > 200 else 200)
    for kind in ("article", "person", "organisation", "event"):
        search(query, kind=kind)


def test_a_search_and_a_story_name_their_words_as_the_engine_reads_them():
    story = ArticleFactory(
        headline="Batteries for ferries", standfirst="", body="<p>Harbour <em>news</em></p>"
    )
    held = {term_key(ARTICLES, term) for term in row_entries(ARTICLES, story.pk)}
    # Stemmed by the engine on both sides, whatever the form typed.
    assert query_keys(ARTICLES, "battery") <= held
    assert query_keys(ARTICLES, "ferry") <= held
    assert query_keys(ARTICLES, "news") <= held
    # Every word of a phrase and of an excluded word counts, with where it is.
    keys = query_keys(ARTICLES, '"harbour news" -ferries')
    assert keys == {
        places_key(ARTICLES, term)
        for word in ("harbour", "news", "ferries")
        for term in row_entries(ARTICLES, story.pk)
        if term_key(ARTICLES, term) in query_keys(ARTICLES, word)
    }
    assert term_key(ARTICLES, "zzzunheard") not in held
    assert row_entries(ARTICLES, 0) == {}


def test_query_syntax_is_read_like_a_web_search():
    # No generated standfirst or body: a random "plans" there would match "plan".
    plain = {"standfirst": "", "body": ""}
    both = ArticleFactory(headline="Kestrel plan approved", **plain)
    only_kestrel = ArticleFactory(headline="Kestrel sighted", **plain)
    other = ArticleFactory(headline="Falcon plan shelved", **plain)
    assert found('"kestrel plan"') == [both]
    assert found('"plan kestrel"') == []
    assert found("kestrel -plan") == [only_kestrel]
    assert set(found("sighted or shelved")) == {only_kestrel, other}
    assert found("-kestrel") == []


def test_fts5_expression_quotes_every_word():
    assert fts5_match('NEAR(a b) "c d" -e f* OR g:h') == (
        '(("NEAR a" AND "b" AND "c d" AND "f") NOT "e") OR ("g h")'
    )
    assert fts5_match("- * ^ ( )") is None


class TestVisibility:
    def test_hidden_articles_never_appear_in_results_or_snippets(self, client):
        hidden = hidden_articles(
            standfirst="Contains the word snarkleberry.",
            body="<p>The snarkleberry embargo text.</p>",
        )
        hidden.append(
            ArticleFactory(
                status=Article.Status.IN_REVIEW,
                headline="In review: pending",
                body="<p>snarkleberry</p>",
            )
        )
        ArticleFactory(headline="Public story", body="<p>Ordinary text about embargo.</p>")
        assert found("snarkleberry") == []
        assert [a.headline for a in found("embargo")] == ["Public story"]
        html = get_search(client, q="snarkleberry embargo").content.decode()
        assert "Contains the word" not in html
        assert "embargo text" not in html
        for article in hidden:
            assert article.get_absolute_url() not in html

    def test_scheduled_article_appears_once_its_time_comes(self):
        at = timezone.now() + HOUR
        article = ArticleFactory(
            status=Article.Status.SCHEDULED, published_at=at, headline="Tachyon launch"
        )
        assert found("tachyon") == []
        with time_machine.travel(at + datetime.timedelta(minutes=1), tick=False):
            assert found("tachyon") == [article]


class TestIndexFollowsChanges:
    def test_edited_headline(self):
        article = ArticleFactory(headline="Obsidian chips")
        article.headline = "Feldspar chips"
        article.save()
        assert found("obsidian") == []
        assert found("feldspar") == [article]

    def test_queryset_update(self):
        article = ArticleFactory(headline="Obsidian chips")
        Article.objects.filter(pk=article.pk).update(body="<p>Now about garnets.</p>")
        assert found("garnets") == [article]

    def test_unpublished(self):
        article = ArticleFactory(headline="Obsidian chips")
        article.status = Article.Status.UNPUBLISHED
        article.save()
        assert found("obsidian") == []

    def test_deleted(self):
        article = ArticleFactory(headline="Obsidian chips")
        person = PersonFactory(display_name="Obsidian Lau")
        article.delete()
        person.delete()
        assert found("obsidian") == []

    def test_entity_edits(self):
        person = PersonFactory(display_name="Mica Tsang")
        person.aliases = ["Dr Mica"]
        person.save()
        organisation = OrganisationFactory(name="Mica Works")
        Organisation.objects.filter(pk=organisation.pk).update(short_name="MWX")
        event = EventFactory(name="Mica Fair")
        event.name = "Topaz Fair"
        event.save()
        assert found("dr", kind="person") == [person]
        assert found("mwx") == [organisation]
        assert found("topaz") == [event]
        assert event not in found("mica")

    def test_bulk_created_rows_are_found(self):
        section = SectionFactory(name="Innovation")
        Article.objects.bulk_create(
            [
                Article(
                    headline=f"Zirconia story {n}",
                    slug=f"zirconia-{n}",
                    body="<p>Bulk body.</p>",
                    section=section,
                    status=Article.Status.PUBLISHED,
                    published_at=timezone.now() - HOUR,
                )
                for n in range(3)
            ]
        )
        Person.objects.bulk_create([Person(display_name="Zirconia Ng", slug="zirconia-ng")])
        Organisation.objects.bulk_create([Organisation(name="Zirconia Ltd", slug="zirconia")])
        Event.objects.bulk_create(
            [Event(name="Zirconia Week", slug="zirconia-week", start_date=datetime.date.today())]
        )
        kinds = [kind for kind, _ in hits("zirconia")]
        assert kinds.count("article") == 3
        assert {"person", "organisation", "event"} <= set(kinds)


class TestIndexSchema:
    def test_every_index_exists_after_migrations(self):
        """A later migration that rebuilds one of these tables on SQLite drops its
        triggers; this says so, and `rebuild_search_index` puts them back."""
        indexes = [ARTICLES, PEOPLE, ORGANISATIONS, EVENTS]
        with connection.cursor() as cursor:
            if connection.vendor == "sqlite":
                cursor.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'trigger')")
                names = {row[0] for row in cursor.fetchall()}
                for index in indexes:
                    assert {index.fts_table, *index.trigger_names} <= names
            else:
                cursor.execute("SELECT indexname FROM pg_indexes")
                names = {row[0] for row in cursor.fetchall()}
                assert {index.gin_index for index in indexes} <= names

    @pytest.mark.skipif(
        connection.vendor != "postgresql", reason="SQLite keeps its index in a table apart"
    )
    def test_a_storys_vector_is_kept_in_its_row(self):
        # Moved out to the TOAST table, a search read it from there for every row.
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT attstorage FROM pg_attribute "
                "WHERE attrelid = %s::regclass AND attname = %s",
                [ARTICLES.table, VECTOR_COLUMN],
            )
            assert cursor.fetchone() == ("m",)

    @pytest.mark.skipif(
        connection.vendor != "sqlite", reason="only SQLite rebuilds a table to alter a column"
    )
    def test_migrate_puts_back_triggers_a_table_rebuild_dropped(self):
        with connection.cursor() as cursor:
            for name in PEOPLE.trigger_names:
                cursor.execute(f"DROP TRIGGER {name}")
        missed = PersonFactory(display_name="Tungsten Lam")
        assert found("tungsten") == []

        assert schema.restore_sqlite_triggers(connection) == ["entities_person"]

        later = PersonFactory(display_name="Tungsten Ho")
        assert set(found("tungsten")) == {missed, later}
        assert schema.restore_sqlite_triggers(connection) == []

    def test_rebuild_restores_dropped_indexes(self):
        article = ArticleFactory(headline="Cobalt refinery")
        person = PersonFactory(display_name="Cobalt Yip")
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                # The test's transaction holds deferred foreign key checks,
                # and PostgreSQL alters no table with checks pending.
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            for index in (ARTICLES, PEOPLE):
                for sql in schema.drop_sql(connection.vendor, index):
                    cursor.execute(sql)
        out = StringIO()
        call_command("rebuild_search_index", stdout=out)
        assert "Stories: 1 indexed." in out.getvalue()
        assert "People: 1 indexed." in out.getvalue()
        assert found("cobalt") == [article, person]
        # Still kept current afterwards.
        ArticleFactory(headline="Cobalt prices")
        assert len(found("cobalt", kind="article")) == 2

    def test_rebuild_refuses_an_unknown_kind(self):
        with pytest.raises(CommandError, match="Unknown kind: photos"):
            call_command("rebuild_search_index", "photos")


class TestPage:
    def test_empty_query_shows_the_form_without_results(self, client):
        response = get_search(client)
        html = response.content.decode()
        assert response.status_code == 200
        assert 'name="q"' in html
        assert "search-results" not in html
        assert '<meta name="robots" content="noindex">' in html

    def test_results_link_to_their_pages(self, client):
        article = ArticleFactory(headline="Gallium nitride fab")
        person = PersonFactory(display_name="Gallium Ko")
        organisation = OrganisationFactory(name="Gallium Partners")
        event = EventFactory(name="Gallium Forum")
        response = get_search(client, q="gallium")
        html = response.content.decode()
        assert '<meta name="robots" content="noindex">' in html
        for obj in (article, person, organisation, event):
            assert f'href="{obj.get_absolute_url()}"' in html
        assert article.section.get_absolute_url() in html
        assert "No more results" not in html and "Nothing matches" not in html

    def test_no_match_says_so(self, client):
        html = get_search(client, q="nonexistentword").content.decode()
        assert "Nothing matches your search" in html

    def test_masthead_has_a_search_box(self, client):
        html = client.get(reverse("articles:home")).content.decode()
        assert f'action="{reverse("articles:search")}"' in html
        assert '<label class="masthead__search-label">Search <input type="search" name="q"' in html

    def test_pages_of_results(self, client):
        for number in range(PAGE_SIZE + 5):
            ArticleFactory(headline=f"Beryl update {number}")
        first = search("beryl")
        assert len(first.groups[0].hits) == PAGE_SIZE
        assert first.has_next and not first.has_previous
        second = search("beryl", page=2)
        assert len(second.groups[0].hits) == 5
        assert second.has_previous and not second.has_next
        seen = {hit.object.pk for r in (first, second) for hit in r.groups[0].hits}
        assert len(seen) == PAGE_SIZE + 5
        html = get_search(client, q="beryl", page=2).content.decode()
        assert 'rel="prev"' in html and 'rel="next"' not in html

    def test_sections_come_from_the_kept_list_and_follow_every_change(
        self, client, django_assert_num_queries
    ):
        section = SectionFactory(name="Harbour desk")
        ArticleFactory(headline="Dolomite shipment", section=section)
        html = get_search(client, q="dolomite").content.decode()
        assert f'<option value="{section.slug}">Harbour desk</option>' in html
        assert f'href="{section.get_absolute_url()}">Harbour desk</a>' in html
        # Warm: each kind's matches are kept, and the sections come with the masthead.
        with django_assert_num_queries(0):
            get_search(client, q="dolomite")
        section.name = "Port desk"
        section.save()
        html = get_search(client, q="dolomite", section=section.slug).content.decode()
        assert f'<option value="{section.slug}" selected>Port desk</option>' in html
        assert f'href="{section.get_absolute_url()}">Port desk</a>' in html
        assert "Harbour desk" not in html

    @pytest.mark.parametrize("count", [1, 30])
    def test_query_count_does_not_grow_with_results(
        self, client, count, django_assert_max_num_queries
    ):
        for number in range(count):
            ArticleFactory(
                headline=f"Cinnabar report {number}", section=SectionFactory(name=f"S{number}")
            )
            PersonFactory(display_name=f"Cinnabar Person {number}")
            OrganisationFactory(name=f"Cinnabar Group {number}")
            EventFactory(name=f"Cinnabar Meet {number}")
        with django_assert_max_num_queries(10):
            response = get_search(client, q="cinnabar")
        assert response.content.decode().count("search-result__title") == min(
            count, PAGE_SIZE
        ) + 3 * min(count, PREVIEW_SIZE)
        with django_assert_max_num_queries(10):
            get_search(client, q="cinnabar", kind="event", page=1)


@pytest.mark.parametrize(
    "moment",
    [
        datetime.datetime(2026, 1, 5, 20, 30, tzinfo=datetime.UTC),  # the 6th in Hong Kong
        datetime.datetime(1999, 12, 31, 15, 59, 59, 123456, tzinfo=datetime.UTC),
        datetime.datetime(2031, 9, 9, 0, 0, tzinfo=datetime.UTC),
    ],
)
def test_a_storys_day_reads_as_the_date_filters_write_it(moment):
    from django.template import Context, Template

    from articles.search import published_day

    filters = Template(
        """<time datetime="{{ moment|date:'c' }}">{{ moment|date:"j F Y" }}</time>"""
    )
    assert published_day(moment) == filters.render(Context({"moment": moment}))
