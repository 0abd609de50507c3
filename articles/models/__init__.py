from articles.models.articles import Article, ArticleAuthor, RelatedLink
from articles.models.blocks import KeyIssue, ProsConsPoint, QAPair
from articles.models.copydesk import CopyDeskItem
from articles.models.frontpage import FrontPagePin
from articles.models.mentions import Mention
from articles.models.photos import ArticlePhoto, Photo, PhotoPerson
from articles.models.quotes import Quote
from articles.models.renditions import Rendition
from articles.models.sections import Section
from articles.models.wire import WirePhoto
from articles.models.workflow import EditSession, ShareLink, StaffNote, Transition

__all__ = [
    "Article",
    "ArticleAuthor",
    "ArticlePhoto",
    "CopyDeskItem",
    "EditSession",
    "FrontPagePin",
    "KeyIssue",
    "Mention",
    "Photo",
    "PhotoPerson",
    "ProsConsPoint",
    "QAPair",
    "Quote",
    "RelatedLink",
    "Rendition",
    "Section",
    "ShareLink",
    "StaffNote",
    "Transition",
    "WirePhoto",
]
