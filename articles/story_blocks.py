"""The structured blocks under a story, read together in one query."""

from django.db.models import CharField, F, TextField, Value
from taggit.models import Tag, TaggedItem

from articles.models import Article, ArticleAuthor, KeyIssue, ProsConsPoint, QAPair
from entities.models import Person

# Each block's fields as the same five columns, so that one UNION reads them all.
COLUMNS = ("block", "key", "first", "second", "position")


def _rows(model, block, first, second, article, position="order", **lookup):
    return (
        model.objects.filter(**(lookup or {"article": article}))
        .order_by()
        .annotate(
            block=block,
            key=F("pk"),
            first=F(first),
            second=second if isinstance(second, Value) else F(second),
            position=F(position),
        )
        .values_list(*COLUMNS)
    )


def story_blocks(article):
    """{"qa_pairs", "key_issues", "pros", "cons"}: the article's blocks, each in its order.

    The article's tags and bylines come in the same query and are set as if
    prefetched, so `article.tags.all()` and `article.bylines.all()` (the byline,
    the tag list, the JSON-LD) need no query of their own.
    """
    qa = _rows(QAPair, Value("qa", output_field=CharField()), "question", "answer", article)
    issues = _rows(KeyIssue, Value("issue", output_field=CharField()), "title", "text", article)
    points = _rows(ProsConsPoint, F("kind"), "text", Value("", output_field=TextField()), article)
    # The bylines too, each with its person's name and address.
    bylines = (
        ArticleAuthor.objects.filter(article=article)
        .order_by()
        .annotate(
            block=Value("byline", output_field=CharField()),
            key=F("person_id"),
            first=F("person__display_name"),
            second=F("person__slug"),
            position=F("order"),
        )
        .values_list(*COLUMNS)
    )
    tags = _rows(
        TaggedItem,
        Value("tag", output_field=CharField()),
        "tag__name",
        "tag__slug",
        article,
        position="tag_id",
        # By name, not get_for_model(): a joined lookup costs no query of its own.
        content_type__app_label=Article._meta.app_label,
        content_type__model=Article._meta.model_name,
        object_id=article.pk,
    )
    blocks = {
        "qa": [],
        "issue": [],
        "tag": [],
        "byline": [],
        **{kind: [] for kind in ProsConsPoint.Kind},
    }
    for block, pk, first, second, order in sorted(
        qa.union(issues, points, bylines, tags, all=True), key=lambda row: (row[4], row[1])
    ):
        if block == "byline":
            person = Person(pk=pk, display_name=first, slug=second)
            blocks["byline"].append(ArticleAuthor(article=article, person=person, order=order))
            continue
        if block == "tag":
            blocks["tag"].append(Tag(pk=order, name=first, slug=second))
            continue
        if block == "qa":
            item = QAPair(pk=pk, article=article, question=first, answer=second, order=order)
        elif block == "issue":
            item = KeyIssue(pk=pk, article=article, title=first, text=second, order=order)
        else:
            item = ProsConsPoint(pk=pk, article=article, kind=block, text=first, order=order)
        blocks[block].append(item)
    tag_list = Tag.objects.all()
    tag_list._result_cache = sorted(blocks["tag"], key=lambda tag: tag.name.lower())
    tag_list._prefetch_done = True
    byline_list = ArticleAuthor.objects.filter(article=article)
    byline_list._result_cache = blocks["byline"]
    byline_list._prefetch_done = True
    if not hasattr(article, "_prefetched_objects_cache"):
        article._prefetched_objects_cache = {}
    article._prefetched_objects_cache["tags"] = tag_list
    article._prefetched_objects_cache["bylines"] = byline_list
    return {
        "qa_pairs": blocks["qa"],
        "key_issues": blocks["issue"],
        "pros": blocks[ProsConsPoint.Kind.PRO],
        "cons": blocks[ProsConsPoint.Kind.CON],
    }
