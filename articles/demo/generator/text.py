"""Headlines, standfirsts and bodies in plain generated sentences.

A story names exactly the people, organisations and events its mentions point
to, so the mention scanner and the pages agree with what the text says.
"""

from django.utils.html import escape

from articles.demo.generator import words


def _fill(template, rng):
    return template.format(topic=rng.choice(words.TOPICS))


def headline(rng, subject):
    text = (
        f"{subject} {rng.choice(words.VERBS)} {rng.choice(words.ADJECTIVES)} "
        f"{rng.choice(words.TOPICS)} {rng.choice(words.NOUNS)}"
    )
    return text[0].upper() + text[1:]


def standfirst(rng, subject):
    return f"{subject} says {_fill(rng.choice(words.CLAIMS), rng)}."


def claim(rng):
    text = _fill(rng.choice(words.CLAIMS), rng)
    return text[0].upper() + text[1:] + "."


def body(rng, people, organisations, events, quotes):
    """Paragraphs of HTML: `people` are (name, title or ''), `quotes` (name, text)."""
    paragraphs = []
    for organisation in organisations:
        paragraphs.append(
            f"{organisation} announced a {rng.choice(words.ADJECTIVES)} "
            f"{rng.choice(words.NOUNS)} on {rng.choice(words.TOPICS)}. "
            + _fill(rng.choice(words.STOCK_SENTENCES), rng)
        )
    for event in events:
        paragraphs.append(
            f"The plans were discussed at {event}. " + _fill(rng.choice(words.STOCK_SENTENCES), rng)
        )
    for name, title in people:
        introduced = f"{name}, {title}," if title else name
        paragraphs.append(
            f"{introduced} {rng.choice(words.SAYING)} that {_fill(rng.choice(words.CLAIMS), rng)}."
        )
    for name, text in quotes:
        paragraphs.append(f"“{text}” {name} {rng.choice(words.SAYING)}.")
    paragraphs.append(_fill(rng.choice(words.STOCK_SENTENCES), rng))
    return "".join(f"<p>{escape(paragraph)}</p>" for paragraph in paragraphs)
