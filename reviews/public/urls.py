from django.contrib.sitemaps import views as sitemap_views
from django.urls import path

from reviews.public import feeds, previews, views
from reviews.public.sitemaps import SITEMAPS

app_name = "reviews"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("reviews/", views.ArchiveView.as_view(), name="archive"),
    path("reviews/<slug:slug>/", views.ReviewDetailView.as_view(), name="review-detail"),
    path("films/<slug:slug>/", views.FilmDetailView.as_view(), name="film-detail"),
    path("people/<slug:slug>/", views.PersonDetailView.as_view(), name="person-detail"),
    path("critics/<slug:slug>/", views.CriticDetailView.as_view(), name="critic-detail"),
    path("genres/<slug:slug>/", views.GenreDetailView.as_view(), name="genre-detail"),
    path("search/", views.SearchView.as_view(), name="search"),
    path("corrections/", views.CorrectionListView.as_view(), name="corrections"),
    path("feeds/reviews.rss", feeds.LatestReviewsFeed(), name="feed-rss"),
    path("feeds/reviews.atom", feeds.LatestReviewsAtomFeed(), name="feed-atom"),
    path("feeds/corrections.rss", feeds.CorrectionsFeed(), name="corrections-feed-rss"),
    path("feeds/corrections.atom", feeds.CorrectionsAtomFeed(), name="corrections-feed-atom"),
    path("feeds/critics/<slug:slug>.rss", feeds.CriticFeed(), name="critic-feed-rss"),
    path("feeds/critics/<slug:slug>.atom", feeds.CriticAtomFeed(), name="critic-feed-atom"),
    path("feeds/genres/<slug:slug>.rss", feeds.GenreFeed(), name="genre-feed-rss"),
    path("feeds/genres/<slug:slug>.atom", feeds.GenreAtomFeed(), name="genre-feed-atom"),
    path(
        "sitemap.xml",
        sitemap_views.index,
        {"sitemaps": SITEMAPS, "sitemap_url_name": "reviews:sitemap-section"},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        sitemap_views.sitemap,
        {"sitemaps": SITEMAPS},
        name="sitemap-section",
    ),
    path("robots.txt", views.robots_txt, name="robots"),
    path(
        "preview/reviews/<int:pk>/",
        previews.StaffReviewPreviewView.as_view(),
        name="review-preview",
    ),
    path(
        "preview/<str:token>/",
        previews.SharedReviewPreviewView.as_view(),
        name="review-shared-preview",
    ),
]
