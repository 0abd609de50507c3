from django.urls import path

from articles import views

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
]
