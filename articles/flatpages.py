"""The site's standing pages (About, Contact, Corrections policy, Privacy).

Editors change them in the admin (Flat pages); this only creates the ones that
are missing, with starting text for a newsroom to make its own.
"""

FLAT_PAGES = [
    {
        "slug": "about",
        "title": "About us",
        "content": """
<p>Newsdesk reports on innovation in Hong Kong and the Greater Bay Area: the research
coming out of the universities, the companies turning it into products, the money
behind them and the forums where all of them meet.</p>
<p>Besides our stories, the site keeps a record of who is who. Every person,
organisation and event we write about has a page of its own, linked from each story
that names them, so that a reader can follow a speaker from one forum to the next, see
which reports were launched where, and read everything they said to us.</p>
<h2>How we work</h2>
<p>Our reporters attend the events we cover whenever they can. Where a story draws on
another outlet's reporting or a company's announcement, we say so. Titles are given as
they stood on the day a person spoke.</p>
<p>This text is a starting point: editors can change it in the admin, under Flat pages.</p>
""",
    },
    {
        "slug": "contact",
        "title": "Contact",
        "content": """
<p>Story ideas, event invitations and reports for review are welcome at the news desk:
<a href="mailto:desk@example.org">desk@example.org</a>.</p>
<p>To point out a mistake, write to
<a href="mailto:corrections@example.org">corrections@example.org</a> with the address
of the story and what you believe is wrong; see our corrections policy.</p>
<p>Organisers can send programmes, speaker lists and changes of date to
<a href="mailto:events@example.org">events@example.org</a>; the events calendar and its
subscriptions follow the changes we make.</p>
""",
    },
    {
        "slug": "corrections-policy",
        "title": "Corrections policy",
        "content": """
<p>We correct errors of fact as soon as we have checked them, in the story itself.</p>
<ul>
<li>A correction changes the text and says, at the foot of the story, what was wrong
and when it was put right.</li>
<li>A misspelt name or a wrong title is corrected on the person's or organisation's page
too, and so everywhere the site shows it.</li>
<li>We do not remove stories because someone would rather they were not there. We may
update a story when events move on, and say so.</li>
</ul>
<p>Send corrections to <a href="mailto:corrections@example.org">corrections@example.org</a>.
An editor who did not write the story decides on each request and replies.</p>
""",
    },
    {
        "slug": "privacy",
        "title": "Privacy",
        "content": """
<p>Reading this site needs no account and sets no cookie. We use no advertising or
analytics scripts, and the share links under each story are plain links: nothing is
sent to a social network unless you follow one.</p>
<p>Our web server keeps ordinary access logs (address, time, page asked for) for up to
30 days, to keep the site running and secure; they are not shared.</p>
<p>Staff who sign in to edit the site get a session cookie for that purpose only.</p>
<p>Questions about your data: <a href="mailto:privacy@example.org">privacy@example.org</a>.</p>
""",
    },
]


def ensure_flat_pages(page_model=None):
    """Create whichever standing pages are missing; returns how many were created."""
    if page_model is None:
        from articles.models import Page as page_model
    created = 0
    for spec in FLAT_PAGES:
        _, made = page_model.objects.get_or_create(
            slug=spec["slug"],
            defaults={"title": spec["title"], "content": " ".join(spec["content"].split())},
        )
        created += made
    return created
