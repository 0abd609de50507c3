"""The structured blocks under a story, read together in one query."""

from django.db.models import CharField, F, TextField, Value

from articles.models import KeyIssue, ProsConsPoint, QAPair

# Each block's fields as the same five columns, so that one UNION reads them all.
COLUMNS = ("block", "key", "first", "second", "position")


def _rows(model, block, first, second, article):
    return (
        model.objects.filter(article=article)
        .order_by()
        .annotate(
            block=block,
            key=F("pk"),
            first=F(first),
            second=second if isinstance(second, Value) else F(second),
            position=F("order"),
        )
        .values_list(*COLUMNS)
    )


def story_blocks(article):
    """{"qa_pairs", "key_issues", "pros", "cons"}: the article's blocks, each in its order."""
    qa = _rows(QAPair, Value("qa", output_field=CharField()), "question", "answer", article)
    issues = _rows(KeyIssue, Value("issue", output_field=CharField()), "title", "text", article)
    points = _rows(ProsConsPoint, F("kind"), "text", Value("", output_field=TextField()), article)
    blocks = {"qa": [], "issue": [], ProsConsPoint.Kind.PRO: [], ProsConsPoint.Kind.CON: []}
    for block, pk, first, second, order in sorted(
        qa.union(issues, points, all=True), key=lambda row: (row[4], row[1])
    ):
        if block == "qa":
            item = QAPair(pk=pk, article=article, question=first, answer=second, order=order)
        elif block == "issue":
            item = KeyIssue(pk=pk, article=article, title=first, text=second, order=order)
        else:
            item = ProsConsPoint(pk=pk, article=article, kind=block, text=first, order=order)
        blocks[block].append(item)
    return {
        "qa_pairs": blocks["qa"],
        "key_issues": blocks["issue"],
        "pros": blocks[ProsConsPoint.Kind.PRO],
        "cons": blocks[ProsConsPoint.Kind.CON],
    }
