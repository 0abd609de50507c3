from articles.models.articles import Article, ArticleAuthor, RelatedLink
from articles.models.blocks import KeyIssue, ProsConsPoint, QAPair
from articles.models.copydesk import CopyDeskItem
from articles.models.corrections import Correction
from articles.models.frontpage import FrontPagePin
from articles.models.mentions import Mention
from articles.models.pages import Page
from articles.models.photos import ArticlePhoto, Photo, PhotoPerson
from articles.models.quotes import Quote
from articles.models.renditions import Rendition
from articles.models.sections import Section
from articles.models.wire import WirePhoto
from articles.models.workflow import EditSession, ShareLink, StaffNote, Transition

# Models of the API and webhook packages, so that Django finds them.
from articles.api.models import PartnerKey, RateLimitCounter  # isort: skip
from articles.webhooks.models import (  # isort: skip
    WebhookAttempt,
    WebhookDelivery,
    WebhookEndpoint,
    WebhookEvent,
)

__all__ = [
    "Article",
    "ArticleAuthor",
    "ArticlePhoto",
    "CopyDeskItem",
    "Correction",
    "EditSession",
    "FrontPagePin",
    "KeyIssue",
    "Mention",
    "Page",
    "PartnerKey",
    "Photo",
    "PhotoPerson",
    "ProsConsPoint",
    "QAPair",
    "Quote",
    "RateLimitCounter",
    "RelatedLink",
    "Rendition",
    "Section",
    "ShareLink",
    "StaffNote",
    "Transition",
    "WebhookAttempt",
    "WebhookDelivery",
    "WebhookEndpoint",
    "WebhookEvent",
    "WirePhoto",
]
