from django.urls import include, path

from articles import views
from articles.views.corrections import CorrectionListView

app_name = "articles"
urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("articles/<slug:slug>/", views.ArticleDetailView.as_view(), name="article_detail"),
    path("sections/<slug:slug>/", views.SectionDetailView.as_view(), name="section_detail"),
    path("photos/<int:pk>/", views.PhotoDetailView.as_view(), name="photo_detail"),
    path("preview/articles/<int:pk>/", views.ArticlePreviewView.as_view(), name="preview"),
    path(
        "preview/articles/<int:pk>/revisions/<int:history_id>/",
        views.RevisionPreviewView.as_view(),
        name="preview_revision",
    ),
    path("preview/shared/<str:token>/", views.SharedPreviewView.as_view(), name="shared_preview"),
    path("feeds/", include("articles.feed_urls")),
    path("articles/", views.ArticleListView.as_view(), name="article_list"),
    path("tags/<slug:slug>/", views.TagDetailView.as_view(), name="tag_detail"),
    path("search/", views.SearchView.as_view(), name="search"),
    path("corrections/", CorrectionListView.as_view(), name="correction_list"),
    path("quotes/", views.QuoteListView.as_view(), name="quote_list"),
    # The standing pages the footer links, edited in the admin (articles/flatpages.py).
    *(
        path(f"{slug}/", views.PageView.as_view(), {"slug": slug}, name=name)
        for slug, name in (
            ("about", "about"),
            ("contact", "contact"),
            ("corrections-policy", "corrections_policy"),
            ("privacy", "privacy"),
        )
    ),
    path("pages/<slug:slug>/", views.PageView.as_view(), name="page"),
    path("archive/", views.ArchiveView.as_view(), name="archive"),
    path("archive/<int:year>/", views.YearArchive.as_view(), name="archive_year"),
    path("archive/<int:year>/<int:month>/", views.MonthArchive.as_view(), name="archive_month"),
    path(
        "archive/<int:year>/<int:month>/<int:day>/",
        views.DayArchive.as_view(),
        name="archive_day",
    ),
]
