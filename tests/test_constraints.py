import datetime

import pytest
from django.db import IntegrityError, transaction

from articles.factories import (
    ArticleFactory,
    MentionFactory,
    PhotoFactory,
    PhotoPersonFactory,
    RelatedLinkFactory,
)
from articles.models import Article, Mention, RelatedLink
from entities.factories import (
    AppearanceFactory,
    EventFactory,
    OrganisationFactory,
    PersonFactory,
    PositionFactory,
)
from entities.models import Appearance, Event, Person

pytestmark = pytest.mark.django_db


def assert_refused(create):
    with pytest.raises(IntegrityError), transaction.atomic():
        create()


class TestSlugs:
    def test_slug_is_derived_from_the_name(self):
        assert PersonFactory(display_name="Tim Cheng Kwang-ting").slug == "tim-cheng-kwang-ting"

    def test_same_name_gets_a_distinct_slug(self):
        first = PersonFactory(display_name="Wu Junhua")
        second = PersonFactory(display_name="Wu Junhua")
        assert (first.slug, second.slug) == ("wu-junhua", "wu-junhua-2")

    def test_organisation_slug_prefers_the_short_name(self):
        org = OrganisationFactory(
            name="Hong Kong University of Science and Technology", short_name="HKUST"
        )
        assert org.slug == "hkust"

    @pytest.mark.parametrize(
        "factory",
        [PersonFactory, OrganisationFactory, EventFactory, ArticleFactory],
        ids=["person", "organisation", "event", "article"],
    )
    def test_duplicate_slug_is_refused_by_the_database(self, factory):
        factory(slug="taken")
        assert_refused(lambda: factory(slug="taken"))

    def test_explicit_slug_is_kept(self):
        assert ArticleFactory(headline="Anything", slug="chosen").slug == "chosen"


class TestEventDates:
    def test_end_before_start_is_refused(self):
        assert_refused(
            lambda: EventFactory(
                start_date=datetime.date(2026, 1, 22), end_date=datetime.date(2026, 1, 21)
            )
        )

    def test_one_day_and_multi_day_events_are_allowed(self):
        EventFactory(start_date=datetime.date(2026, 1, 22), end_date=None)
        EventFactory(start_date=datetime.date(2026, 1, 22), end_date=datetime.date(2026, 1, 22))
        EventFactory(start_date=datetime.date(2026, 1, 22), end_date=datetime.date(2026, 1, 24))
        assert Event.objects.count() == 3

    def test_model_validation_reports_the_constraint(self):
        from django.core.exceptions import ValidationError

        event = Event(
            name="Broken",
            start_date=datetime.date(2026, 1, 22),
            end_date=datetime.date(2026, 1, 1),
        )
        with pytest.raises(ValidationError, match="cannot end before it starts"):
            event.full_clean()


class TestAppearances:
    def test_same_person_event_and_role_twice_is_refused(self):
        first = AppearanceFactory(role=Appearance.Role.PANELLIST)
        assert_refused(
            lambda: AppearanceFactory(
                person=first.person, event=first.event, role=Appearance.Role.PANELLIST
            )
        )

    def test_same_person_may_have_two_roles_at_one_event(self):
        first = AppearanceFactory(role=Appearance.Role.SPEAKER)
        AppearanceFactory(person=first.person, event=first.event, role=Appearance.Role.PANELLIST)
        assert first.event.appearances.count() == 2


class TestPositions:
    def test_position_ending_before_it_starts_is_refused(self):
        assert_refused(
            lambda: PositionFactory(
                start_date=datetime.date(2025, 1, 1), end_date=datetime.date(2024, 1, 1)
            )
        )


class TestPlacementsAndMentions:
    def test_a_person_is_shown_once_per_photo(self):
        shown = PhotoPersonFactory()
        assert_refused(lambda: PhotoPersonFactory(photo=shown.photo, person=shown.person))

    def test_a_mention_names_exactly_one_entity(self):
        article, person = ArticleFactory(), PersonFactory()
        assert_refused(lambda: Mention.objects.create(article=article))
        assert_refused(
            lambda: Mention.objects.create(
                article=article, person=person, organisation=OrganisationFactory()
            )
        )

    def test_an_entity_is_mentioned_once_per_article(self):
        mention = MentionFactory()
        assert_refused(lambda: MentionFactory(article=mention.article, person=mention.person))
        other = ArticleFactory()
        assert MentionFactory(article=other, person=mention.person).kind == "person"

    def test_related_link_needs_exactly_one_target(self):
        article = ArticleFactory()
        assert_refused(lambda: RelatedLink.objects.create(article=article, title="Nowhere"))
        assert_refused(
            lambda: RelatedLink.objects.create(
                article=article, target_article=ArticleFactory(), url="https://example.org/"
            )
        )

    def test_the_same_article_is_linked_once(self):
        link = RelatedLinkFactory()
        assert_refused(
            lambda: RelatedLinkFactory(article=link.article, target_article=link.target_article)
        )


def test_live_article_needs_a_publication_time():
    assert_refused(lambda: ArticleFactory(status=Article.Status.PUBLISHED, published_at=None))
    assert_refused(lambda: ArticleFactory(status=Article.Status.SCHEDULED, published_at=None))
    assert ArticleFactory(draft=True).published_at is None


def test_a_person_used_in_a_photo_cannot_be_deleted_silently():
    from django.db.models import ProtectedError

    shown = PhotoPersonFactory(photo=PhotoFactory())
    with pytest.raises(ProtectedError):
        shown.person.delete()
    assert Person.objects.filter(pk=shown.person.pk).exists()
