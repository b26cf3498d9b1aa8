from django.urls import path

from reviews import preview_views, views

app_name = "reviews"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("reviews/<slug:slug>/", views.ReviewDetailView.as_view(), name="review-detail"),
    path("films/<slug:slug>/", views.FilmDetailView.as_view(), name="film-detail"),
    path("people/<slug:slug>/", views.PersonDetailView.as_view(), name="person-detail"),
    path("critics/<slug:slug>/", views.CriticDetailView.as_view(), name="critic-detail"),
    path("genres/<slug:slug>/", views.GenreDetailView.as_view(), name="genre-detail"),
    path(
        "preview/reviews/<int:pk>/",
        preview_views.StaffReviewPreviewView.as_view(),
        name="review-preview",
    ),
    path(
        "preview/<str:token>/",
        preview_views.SharedReviewPreviewView.as_view(),
        name="review-shared-preview",
    ),
]
