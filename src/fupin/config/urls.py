from django.contrib.auth import views as auth_views
from django.templatetags.static import static
from django.urls import include, path
from django.views.generic import RedirectView
from django.views.i18n import JavaScriptCatalog

from fupin.cases import views as case_views
from fupin.config.api import api
from fupin.core import views as core_views
from fupin.dashboards import views as dashboard_views
from fupin.households import views as household_views
from fupin.monitoring import views as monitoring_views

urlpatterns = [
    path("", core_views.home, name="home"),
    path("favicon.ico", RedirectView.as_view(url=static("fupin/favicon.svg")), name="favicon"),
    path("login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("dashboard/", dashboard_views.DashboardView.as_view(), name="dashboard"),
    path("households/", household_views.HouseholdListView.as_view(), name="household-list"),
    path("households/<str:household_id>/", household_views.HouseholdDetailView.as_view(),
         name="household-detail"),
    path("members/<int:member_id>/reveal/", household_views.RevealIdNumberView.as_view(),
         name="member-reveal"),
    path("exchange/", include("fupin.core.exchange_urls")),
    path("monitoring/", monitoring_views.RunListView.as_view(), name="monitoring-runs"),
    path("monitoring/start/", monitoring_views.StartRunView.as_view(), name="monitoring-start"),
    path("monitoring/runs/<int:pk>/", monitoring_views.RunDetailView.as_view(),
         name="monitoring-run"),
    path("monitoring/households/<str:household_id>/assessment/",
         monitoring_views.HouseholdAssessmentView.as_view(),
         name="monitoring-household-assessment"),
    path("monitoring/households/<str:household_id>/guarantees/",
         monitoring_views.HouseholdGuaranteesView.as_view(),
         name="monitoring-household-guarantees"),
    path("monitoring/what-if/", monitoring_views.WhatIfView.as_view(),
         name="monitoring-what-if"),
    path("cases/", case_views.InboxView.as_view(), name="case-inbox"),
    path("inbox/notifications/<int:pk>/read/", case_views.NotificationReadView.as_view(),
         name="notification-read"),
    path("cases/dashboard/", case_views.CaseDashboardView.as_view(), name="case-dashboard"),
    path("cases/notices/", case_views.NoticeListView.as_view(), name="case-notices"),
    path("cases/feeds/", case_views.FeedView.as_view(), name="case-feed"),
    path("cases/<int:pk>/", case_views.CaseView.as_view(), name="case-detail"),
    path("cases/<int:pk>/step/", case_views.StepView.as_view(), name="case-step"),
    path("cases/<int:pk>/measures/", case_views.MeasureView.as_view(), name="case-measure"),
    path("cases/<int:pk>/visits/", case_views.VisitView.as_view(), name="case-visit"),
    path("cases/report/<str:household_id>/", case_views.SelfReportView.as_view(),
         name="case-self-report"),
    path("cases/households/<str:household_id>/", case_views.HouseholdTimelineView.as_view(),
         name="case-household-timeline"),
    path("audit/", core_views.AuditListView.as_view(), name="audit-list"),
    path("audit/verify/", core_views.AuditVerifyView.as_view(), name="audit-verify"),
    path("api/", api.urls),
]
