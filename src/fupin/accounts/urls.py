"""User management for administrators (included under ``accounts/``)."""

from django.urls import path

from fupin.accounts import views

urlpatterns = [
    path("users/", views.UserListView.as_view(), name="user-list"),
    path("users/new/", views.UserCreateView.as_view(), name="user-create"),
    path("users/<int:pk>/", views.UserDetailView.as_view(), name="user-detail"),
    path("users/<int:pk>/active/", views.UserActiveView.as_view(), name="user-active"),
    path("users/<int:pk>/password/", views.UserPasswordView.as_view(), name="user-password"),
]
