from unittest import mock

import pytest
from django.core.cache import cache

from entities import matching
from entities.factories import EventFactory, OrganisationFactory, PersonFactory
from entities.matching import EntityMatcher, get_matcher


def found(names, text):
    return [(m.kind, m.pk, m.text) for m in EntityMatcher(names).find(text)]


class TestWordBoundaries:
    def test_a_name_inside_a_longer_word_is_not_found(self):
        names = [("person", 1, "Lin")]
        assert found(names, "Linda flew to Berlin to meet Colin.") == []

    def test_a_whole_word_is_found_in_any_case_with_its_offsets(self):
        [match] = EntityMatcher([("person", 1, "Lin")]).find("Then LIN spoke.")
        assert (match.text, match.start, match.end) == ("LIN", 5, 8)

    @pytest.mark.parametrize("apostrophe", ["'", "\u2019"], ids=["straight", "curly"])
    def test_a_possessive_still_matches(self, apostrophe):
        names = [("organisation", 1, "Huawei")]
        assert found(names, f"Huawei{apostrophe}s engineers") == [("organisation", 1, "Huawei")]

    def test_a_curly_apostrophe_in_the_text_matches_a_straight_one_in_the_name(self):
        names = [("person", 1, "Sean O'Brien")]
        assert found(names, "Sean O\u2019Brien said") == [("person", 1, "Sean O\u2019Brien")]

    def test_punctuation_and_hyphens_are_boundaries(self):
        names = [("organisation", 1, "Tencent")]
        assert len(found(names, "(Tencent) and Tencent-backed firms, Tencent.")) == 3

    def test_names_too_short_are_skipped(self):
        assert found([("person", 1, "Li")], "Li spoke about Li policy.") == []

    def test_a_name_across_a_line_break_or_double_space_still_matches(self):
        names = [("person", 1, "Tim Cheng")]
        assert found(names, "said Tim\nCheng and Tim  Cheng") == [
            ("person", 1, "Tim\nCheng"),
            ("person", 1, "Tim  Cheng"),
        ]

    def test_a_chinese_name_needs_no_spaces_around_it(self):
        assert found([("person", 1, "王小明")], "记者王小明报道") == [("person", 1, "王小明")]

    def test_case_folding_that_changes_lengths_keeps_the_offsets_right(self):
        [match] = EntityMatcher([("organisation", 1, "Straße Institut")]).find(
            "Die STRASSE INSTITUT sagt"
        )
        assert (match.text, match.start, match.end) == ("STRASSE INSTITUT", 4, 20)


class TestLongestMatch:
    NAMES = [
        ("person", 1, "Tim Cheng Kwang-ting"),
        ("person", 2, "Tim Cheng"),
        ("person", 3, "Cheng Kwang-ting"),
    ]

    def test_the_longest_name_wins_where_names_overlap(self):
        assert found(self.NAMES, "Professor Tim Cheng Kwang-ting said") == [
            ("person", 1, "Tim Cheng Kwang-ting")
        ]

    def test_shorter_names_still_match_on_their_own(self):
        assert found(self.NAMES, "Tim Cheng met Cheng Kwang-ting.") == [
            ("person", 2, "Tim Cheng"),
            ("person", 3, "Cheng Kwang-ting"),
        ]


class TestAcronyms:
    NAMES = [("organisation", 7, "ZTE"), ("organisation", 8, "HKUST")]

    def test_an_acronym_matches_only_as_written(self):
        assert found(self.NAMES, "zte, Zte and ZTE") == [("organisation", 7, "ZTE")]

    def test_an_acronym_does_not_match_inside_a_word(self):
        assert found(self.NAMES, "ZTEs and HKUSTian alumni") == []

    def test_an_acronym_with_a_possessive_or_hyphen_matches(self):
        assert found(self.NAMES, "HKUST's lab, a ZTE-led team") == [
            ("organisation", 8, "HKUST"),
            ("organisation", 7, "ZTE"),
        ]

    def test_short_acronyms_are_kept_despite_the_minimum_length(self):
        assert found([("organisation", 1, "3M")], "3M said") == [("organisation", 1, "3M")]

    def test_a_longer_upper_case_name_matches_in_any_case(self):
        assert found([("organisation", 1, "SENSETIME")], "SenseTime said") == [
            ("organisation", 1, "SenseTime")
        ]

    def test_an_entity_also_known_by_a_mixed_case_form_matches_in_any_case(self):
        names = [("organisation", 1, "NASA"), ("organisation", 1, "Nasa")]
        assert found(names, "nasa said") == [("organisation", 1, "nasa")]


class TestAmbiguity:
    def test_a_shared_name_gives_a_match_for_each_entity(self):
        names = [("person", 1, "Wu Junhua"), ("person", 2, "Wu Junhua")]
        assert found(names, "Wu Junhua spoke.") == [
            ("person", 1, "Wu Junhua"),
            ("person", 2, "Wu Junhua"),
        ]

    def test_an_entity_known_twice_by_the_same_name_matches_once(self):
        names = [("person", 1, "Wu Junhua"), ("person", 1, "wu junhua")]
        assert found(names, "Wu Junhua spoke.") == [("person", 1, "Wu Junhua")]

    def test_an_empty_matcher_finds_nothing(self):
        assert EntityMatcher([]).find("Anything at all") == []


@pytest.mark.django_db
class TestFromDatabase:
    def test_every_form_of_every_name_is_matched(self):
        person = PersonFactory(display_name="Tim Cheng Kwang-ting", aliases=["Professor Cheng"])
        org = OrganisationFactory(
            name="Hong Kong University of Science and Technology",
            short_name="HKUST",
            aliases=["the University of Science and Technology"],
        )
        event = EventFactory(name="Greater Bay Area Innovation Forum")
        text = (
            "Professor Cheng of HKUST, speaking at the Greater Bay Area Innovation Forum, said "
            "Tim Cheng Kwang-ting and the University of Science and Technology agreed."
        )
        matches = EntityMatcher.from_database().find(text)
        assert [(m.kind, m.pk, m.text) for m in matches] == [
            ("person", person.pk, "Professor Cheng"),
            ("organisation", org.pk, "HKUST"),
            ("event", event.pk, "Greater Bay Area Innovation Forum"),
            ("person", person.pk, "Tim Cheng Kwang-ting"),
            ("organisation", org.pk, "the University of Science and Technology"),
        ]

    def test_names_are_read_in_a_fixed_number_of_queries(self, django_assert_num_queries):
        PersonFactory.create_batch(5)
        OrganisationFactory.create_batch(5)
        EventFactory.create_batch(5)
        with django_assert_num_queries(3):
            EntityMatcher.from_database()


@pytest.fixture
def fresh_matcher(monkeypatch):
    """No matcher or version left over from another test."""
    cache.delete(matching.VERSION_CACHE_KEY)
    monkeypatch.setattr(matching, "_built", (None, None))


@pytest.fixture
def builds(fresh_matcher):
    with mock.patch.object(
        EntityMatcher, "from_database", wraps=EntityMatcher.from_database
    ) as from_database:
        yield from_database


def text_of(matches):
    return [m.text for m in matches]


@pytest.mark.django_db
class TestSharedMatcher:
    def test_unchanged_names_reuse_the_matcher_without_a_query(
        self, builds, django_assert_num_queries
    ):
        PersonFactory(display_name="Wu Junhua")
        first = get_matcher()
        with django_assert_num_queries(0):
            assert get_matcher() is first
        assert builds.call_count == 1

    def test_a_new_alias_is_seen_by_the_next_call(self, builds):
        person = PersonFactory(display_name="Wu Junhua")
        assert get_matcher().find("Dr Wu said") == []
        person.aliases = ["Dr Wu"]
        person.save()
        assert text_of(get_matcher().find("Dr Wu said")) == ["Dr Wu"]
        assert builds.call_count == 2

    @pytest.mark.parametrize(
        "change",
        [
            lambda: OrganisationFactory(name="Example Robotics"),
            lambda: EventFactory(name="Example Robotics"),
        ],
        ids=["organisation", "event"],
    )
    def test_other_kinds_of_name_invalidate_too(self, builds, change):
        get_matcher()
        change()
        assert text_of(get_matcher().find("Example Robotics")) == ["Example Robotics"]

    def test_a_deleted_person_is_no_longer_matched(self, builds):
        person = PersonFactory(display_name="Wu Junhua")
        assert get_matcher().find("Wu Junhua") != []
        person.delete()
        assert get_matcher().find("Wu Junhua") == []

    def test_a_save_of_other_fields_only_keeps_the_matcher(self, builds):
        person = PersonFactory(display_name="Wu Junhua")
        get_matcher()
        person.bio = "An engineer."
        person.save(update_fields=["bio"])
        get_matcher()
        assert builds.call_count == 1

    def test_other_processes_are_told_again_once_the_change_is_committed(
        self, fresh_matcher, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            PersonFactory(display_name="Wu Junhua")
        before_commit = cache.get(matching.VERSION_CACHE_KEY)
        for callback in callbacks:
            callback()
        assert cache.get(matching.VERSION_CACHE_KEY) != before_commit

    def test_a_lost_version_forces_a_rebuild(self, builds):
        get_matcher()
        cache.delete(matching.VERSION_CACHE_KEY)
        get_matcher()
        assert builds.call_count == 2


# Admin autocomplete: the person meant comes first in a big table.


def _autocomplete(client, term, model_name="quote", field_name="person"):
    from django.urls import reverse

    response = client.get(
        reverse("admin:autocomplete"),
        {"term": term, "app_label": "articles", "model_name": model_name, "field_name": field_name},
    )
    assert response.status_code == 200
    return [result["text"] for result in response.json()["results"]]


def _crowd(size):
    """`size` people; about one in eight a Cheng, in both name orders, with aliases."""
    from entities.models import Person

    given = ["Wai-man", "Ka-ming", "Siu-fung", "Mei-ling", "Chi-keung", "Hoi-yan", "Tak-ming"]
    english = ["Alice", "Ben", "Carmen", "David", "Emily", "Grace", "Henry", "Irene"]
    family = ["Chan", "Wong", "Lee", "Ho", "Lam", "Lau", "Ng", "Cheng"]
    people = []
    for n in range(size):
        surname = family[n % len(family)]
        forename = f"{given[n % len(given)]}"
        name = f"{surname} {forename}"
        aliases = []
        if n % 3 == 0:
            first = english[n % len(english)]
            name = f"{first} {surname} {forename}"
            aliases = [f"{first} {surname}", f"{surname} {forename}"]
        people.append(
            Person(
                display_name=f"{name} {n}",
                slug=f"crowd-{n}",
                family_name=surname,
                given_names=forename,
                aliases=aliases,
            )
        )
    Person.objects.bulk_create(people, batch_size=2000)


@pytest.mark.django_db
def test_autocomplete_puts_the_person_meant_on_the_first_page_of_20000(
    admin_client, django_assert_max_num_queries
):
    from articles.factories import ArticleFactory
    from articles.models import Mention

    _crowd(20_000)
    tim = PersonFactory(
        display_name="Tim Cheng Kwang-ting",
        family_name="Cheng",
        given_names="Kwang-ting",
        english_name="Tim",
        aliases=["Tim Cheng", "Cheng Kwang-ting"],
    )
    for _ in range(3):
        Mention.objects.create(article=ArticleFactory(), person=tim)

    with django_assert_max_num_queries(6):
        first_page = _autocomplete(admin_client, "Cheng")

    assert first_page[0] == "Tim Cheng Kwang-ting"
    assert _autocomplete(admin_client, "Tim Cheng")[0] == "Tim Cheng Kwang-ting"
    assert _autocomplete(admin_client, "Cheng Kwang-ting")[0] == "Tim Cheng Kwang-ting"


@pytest.mark.django_db
def test_autocomplete_ranks_exact_then_prefix_then_the_rest(admin_client):
    rest = PersonFactory(display_name="Mary Lincolnshire", family_name="Lincolnshire")
    prefix = PersonFactory(display_name="Lin Xiaoyun", family_name="Lin")
    exact = PersonFactory(display_name="Someone Else", aliases=["Lin"])
    word = PersonFactory(display_name="Anna Lin", family_name="Lin")

    assert _autocomplete(admin_client, "lin") == [
        exact.display_name,
        prefix.display_name,
        word.display_name,
        rest.display_name,
    ]
