from articles.views.listings import (
    ArchiveView,
    ArticleListView,
    DayArchive,
    MonthArchive,
    TagDetailView,
    YearArchive,
)
from articles.views.preview import ArticlePreviewView, RevisionPreviewView, SharedPreviewView
from articles.views.public import (
    ArticleDetailView,
    HomeView,
    PageView,
    PhotoDetailView,
    SectionDetailView,
)
from articles.views.quotes import QuoteListView
from articles.views.search import SearchView

__all__ = [
    "ArchiveView",
    "ArticleDetailView",
    "ArticleListView",
    "ArticlePreviewView",
    "DayArchive",
    "HomeView",
    "MonthArchive",
    "PageView",
    "PhotoDetailView",
    "QuoteListView",
    "RevisionPreviewView",
    "SearchView",
    "SectionDetailView",
    "SharedPreviewView",
    "TagDetailView",
    "YearArchive",
]
