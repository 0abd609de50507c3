from articles.views.preview import ArticlePreviewView, RevisionPreviewView, SharedPreviewView
from articles.views.public import (
    ArticleDetailView,
    HomeView,
    PhotoDetailView,
    SectionDetailView,
)

__all__ = [
    "ArticleDetailView",
    "ArticlePreviewView",
    "HomeView",
    "PhotoDetailView",
    "RevisionPreviewView",
    "SectionDetailView",
    "SharedPreviewView",
]
