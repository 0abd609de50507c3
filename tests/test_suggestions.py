import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.factories import (
    ArticleAuthorFactory,
    ArticleFactory,
    ArticlePhotoFactory,
    MentionFactory,
    PhotoFactory,
)
from articles.models import Mention
from articles.suggestions import SNIPPET_LENGTH, snippet, suggest_mentions
from entities import matching
from entities.factories import EventFactory, OrganisationFactory, PersonFactory
from entities.matching import EntityMatcher

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_matcher(monkeypatch):
    # The shared matcher outlives a test's database rows; never reuse one.
    monkeypatch.setattr(matching, "_built", (None, None))
    matching.names_changed()


def suggested(article):
    return {
        (m.entity.pk, m.snippet)
        for m in Mention.objects.filter(article=article, status=Mention.Status.SUGGESTED)
    }


def test_each_named_entity_is_suggested_with_the_words_that_matched():
    person = PersonFactory(display_name="Tim Cheng Kwang-ting")
    org = OrganisationFactory(name="Hong Kong Polytechnic University", short_name="PolyU")
    event = EventFactory(name="Greater Bay Area Innovation Forum")
    PersonFactory(display_name="Someone Else Entirely")
    article = ArticleFactory(
        headline="PolyU opens a robotics lab",
        standfirst="Tim Cheng Kwang-ting spoke.",
        body="<p>At the Greater Bay Area Innovation Forum, speakers were upbeat.</p>",
    )
    created = suggest_mentions(article)
    assert {m.entity for m in created} == {person, org, event}
    assert Mention.objects.filter(article=article).count() == 3
    assert suggested(article) == {
        (org.pk, "PolyU opens a robotics lab"),
        (person.pk, "Tim Cheng Kwang-ting spoke."),
        (event.pk, "At the Greater Bay Area Innovation Forum, speakers were upbeat."),
    }


def test_the_body_is_read_as_text():
    person = PersonFactory(display_name="Anne-Marie O'Neill")
    article = ArticleFactory(body="<p>Says <b>Anne-Marie</b> O&#x27;Neill &amp; others.</p>")
    suggest_mentions(article)
    assert suggested(article) == {(person.pk, "Says Anne-Marie O'Neill & others.")}


def test_a_rejected_suggestion_is_not_made_again():
    person = PersonFactory(display_name="Wu Junhua")
    article = ArticleFactory(body="<p>Wu Junhua said so.</p>")
    MentionFactory(article=article, person=person, status=Mention.Status.REJECTED)
    assert suggest_mentions(article) == []
    assert list(Mention.objects.filter(article=article).values_list("status", flat=True)) == [
        Mention.Status.REJECTED
    ]


def test_a_confirmed_mention_is_left_as_it_is():
    person = PersonFactory(display_name="Wu Junhua")
    other = PersonFactory(display_name="Lee Kai-fu")
    article = ArticleFactory(body="<p>Wu Junhua and Lee Kai-fu spoke.</p>")
    MentionFactory(
        article=article, person=person, status=Mention.Status.CONFIRMED, snippet="By hand"
    )
    assert [m.person for m in suggest_mentions(article)] == [other]
    confirmed = Mention.objects.get(article=article, person=person)
    assert (confirmed.status, confirmed.snippet) == (Mention.Status.CONFIRMED, "By hand")


def test_scanning_twice_adds_nothing_the_second_time():
    PersonFactory(display_name="Wu Junhua")
    article = ArticleFactory(body="<p>Wu Junhua said so.</p>")
    suggest_mentions(article)
    assert suggest_mentions(article) == []
    assert Mention.objects.filter(article=article).count() == 1


def test_captions_of_the_lead_and_placed_photos_are_scanned():
    lead = PersonFactory(display_name="Wu Junhua")
    placed = PersonFactory(display_name="Lee Kai-fu")
    overridden = PersonFactory(display_name="Tim Cheng Kwang-ting")
    hidden = PersonFactory(display_name="Margaret Chan")
    article = ArticleFactory(
        body="<p>No names here.</p>",
        lead_photo=PhotoFactory(caption="Wu Junhua at the lectern."),
    )
    ArticlePhotoFactory(article=article, photo=PhotoFactory(caption="Lee Kai-fu on stage."))
    ArticlePhotoFactory(
        article=article,
        photo=PhotoFactory(caption="Margaret Chan, in the caption no one sees."),
        caption_override="Tim Cheng Kwang-ting on a panel.",
    )
    suggest_mentions(article)
    assert {pk for pk, _ in suggested(article)} == {lead.pk, placed.pk, overridden.pk}
    assert hidden.pk not in {pk for pk, _ in suggested(article)}


def test_an_author_is_suggested_only_when_the_text_names_them():
    author = PersonFactory(display_name="Wu Junhua")
    article = ArticleFactory(body="<p>The forum closed on Thursday.</p>")
    ArticleAuthorFactory(article=article, person=author)
    assert suggest_mentions(article) == []
    article.body = "<p>Wu Junhua, who wrote this, was also on the panel.</p>"
    assert [m.person for m in suggest_mentions(article)] == [author]


def test_the_first_occurrence_gives_the_snippet_and_paragraphs_are_kept_apart():
    person = PersonFactory(display_name="Wu Junhua")
    article = ArticleFactory(
        headline="A quiet day",
        standfirst="",
        body="<p>It ended.</p><p>Wu Junhua opened it.</p><p>Wu Junhua closed it.</p>",
    )
    suggest_mentions(article)
    assert suggested(article) == {(person.pk, "Wu Junhua opened it.")}


def test_an_entity_deleted_after_the_matcher_was_built_is_not_suggested():
    person = PersonFactory(display_name="Wu Junhua")
    matcher = EntityMatcher.from_database()
    person.delete()
    assert suggest_mentions(ArticleFactory(body="<p>Wu Junhua</p>"), matcher=matcher) == []


def _article_naming(count, prefix="Speaker"):
    people = [PersonFactory(display_name=f"{prefix} Number{n:02d}") for n in range(count)]
    body = "".join(f"<p>Then {p.display_name} spoke.</p>" for p in people)
    article = ArticleFactory(body=body, lead_photo=PhotoFactory(caption="The panel."))
    ArticlePhotoFactory(article=article)
    return article


def _queries_to_suggest(article):
    matching.get_matcher()  # built already; building is not the scan
    with CaptureQueriesContext(connection) as queries:
        created = suggest_mentions(article)
    return len(created), len(queries)


@pytest.mark.parametrize("count", [1, 30])
def test_a_scan_takes_a_bounded_number_of_queries(count, django_assert_max_num_queries):
    article = _article_naming(count)
    matching.get_matcher()
    # Placements, lead photo, decided mentions, one existence check, the insert.
    with django_assert_max_num_queries(5):
        assert len(suggest_mentions(article)) == count


def test_the_number_of_queries_does_not_grow_with_the_matches():
    one = _queries_to_suggest(_article_naming(1, prefix="Panellist"))
    thirty = _queries_to_suggest(_article_naming(30, prefix="Delegate"))
    assert (one[0], thirty[0]) == (1, 30)
    assert one[1] == thirty[1]


class TestSnippet:
    def test_context_is_cut_at_whole_words_and_marked(self):
        text = "word " * 30 + "Wu Junhua" + " more" * 30
        start = text.index("Wu")
        result = snippet(text, start, start + len("Wu Junhua"))
        assert result.startswith("…word ") and result.endswith(" more…")
        assert "Wu Junhua" in result
        assert len(result) <= 2 * 60 + len("Wu Junhua") + 2

    def test_a_very_long_name_still_fits(self):
        text = "x" * 400
        assert len(snippet(text, 0, 400)) == SNIPPET_LENGTH
