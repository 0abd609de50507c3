"""The structured blocks some wire services append: Q&A, issues, pros and cons."""

import re

from .story import Issue, ParsedStory, QAPair
from .text import DASHES

FAQ, ISSUES, PROS_CONS = "faq", "issues", "pros_cons"

HEADINGS = {
    "important questions and answers": FAQ,
    "questions and answers": FAQ,
    "q&a": FAQ,
    "main issues or controversies": ISSUES,
    "main issues and controversies": ISSUES,
    "key issues": ISSUES,
    "pros and cons": PROS_CONS,
}
_PROS = {"benefits", "pros", "advantages", "strengths"}
_CONS = {"disadvantages", "cons", "drawbacks", "risks", "weaknesses"}

_NUMBERED = re.compile(r"^\d{1,2}[.)]\s*(?P<rest>.+)$")
_POINT_SEPARATOR = re.compile(rf"(?:^|\s)[{DASHES}](?=\s|$)")
_STARTS_WITH_DASH = re.compile(rf"^[{DASHES}]\s")
_SIDE = re.compile(r"^(?P<side>[A-Za-z]+):\s*(?P<rest>.*)$")


def heading(paragraph: str) -> str | None:
    return HEADINGS.get(paragraph.rstrip(":").strip().lower())


def points(paragraph: str) -> list[str]:
    return [p.strip() for p in _POINT_SEPARATOR.split(paragraph) if p.strip()]


class BlockReader:
    """Reads the paragraphs of a block until one does not belong to it."""

    def __init__(self, story: ParsedStory) -> None:
        self.story = story
        self.kind: str | None = None
        self.side: str | None = None

    def take(self, paragraph: str) -> bool:
        """True when `paragraph` is part of a block (heading included) and was recorded."""
        if kind := heading(paragraph):
            self.kind, self.side = kind, None
            return True
        if self.kind == FAQ and (match := _NUMBERED.match(paragraph)):
            self._question(match["rest"])
            return True
        if self.kind in (ISSUES, PROS_CONS) and _STARTS_WITH_DASH.match(paragraph):
            for point in points(paragraph):
                self._issue(point) if self.kind == ISSUES else self._pro_or_con(point)
            return True
        self.kind = None
        return False

    def _question(self, text: str) -> None:
        question, mark, answer = text.partition("?")
        if not mark or not answer.strip():
            self.story.warnings.append(f"Q&A item without a question and an answer: {text!r}")
            return
        self.story.faq.append(QAPair(f"{question.strip()}?", answer.strip()))

    def _issue(self, point: str) -> None:
        title, colon, text = point.partition(":")
        if not colon or not text.strip():
            self.story.warnings.append(f"Issue without a 'Title: text' form: {point!r}")
            return
        self.story.issues.append(Issue(title.strip(), text.strip()))

    def _pro_or_con(self, point: str) -> None:
        if (match := _SIDE.match(point)) and match["side"].lower() in _PROS | _CONS:
            self.side = "pros" if match["side"].lower() in _PROS else "cons"
            point = match["rest"].strip()
            if not point:
                return
        if self.side is None:
            self.story.warnings.append(
                f"Pro or con before 'Benefits:' or 'Disadvantages:': {point!r}"
            )
            return
        getattr(self.story, self.side).append(point)
