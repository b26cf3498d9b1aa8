from django.urls import path

from reviews.stills.desk import views

app_name = "desk"

urlpatterns = [
    path("", views.LibraryView.as_view(), name="library"),
    path("upload/", views.UploadView.as_view(), name="upload"),
    path("upload/metadata/", views.StillMetadataView.as_view(), name="still-metadata"),
    path("stills/<int:pk>/", views.StillEditView.as_view(), name="still-edit"),
    path("stills/<int:pk>/delete/", views.StillDeleteView.as_view(), name="still-delete"),
    path(
        "stills/<int:pk>/file/<int:width>/",
        views.StillFileView.as_view(),
        name="still-file",
    ),
    path(
        "stills/<int:pk>/renditions/",
        views.StillRenditionsView.as_view(),
        name="still-renditions",
    ),
]
