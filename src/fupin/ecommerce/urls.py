"""URLs of the e-commerce app (included at the root by the project's URLs), one block per
area so that the areas grow independently."""

from django.urls import path  # noqa: F401

from fupin.ecommerce.views import linkages, products, programme  # noqa: F401

# --- County and province programme pages, service system, pairings, training (programme)
from fupin.ecommerce.views import programme_lists  # noqa: E402

programme_urls = [
    path("ecommerce/programme/", programme.CountyProgrammeView.as_view(),
         name="programme-county"),
    path("ecommerce/programme/province/", programme.ProvinceProgrammeView.as_view(),
         name="programme-province"),
    path("ecommerce/programme/nation/", programme.NationProgrammeView.as_view(),
         name="programme-nation"),
    path("ecommerce/programme/list/", programme_lists.ProgrammeList.as_view(),
         name="programme-list"),
    path("ecommerce/sites/", programme_lists.SiteList.as_view(), name="programme-sites"),
    path("ecommerce/logistics/", programme_lists.LogisticsList.as_view(),
         name="programme-logistics"),
    path("ecommerce/enterprises/", programme_lists.EnterpriseList.as_view(),
         name="programme-enterprises"),
    path("ecommerce/pairings/", programme_lists.PairingList.as_view(),
         name="programme-pairings"),
    path("ecommerce/training/", programme_lists.TrainingList.as_view(),
         name="programme-training"),
    path("ecommerce/beneficiaries/", programme_lists.BeneficiaryList.as_view(),
         name="programme-beneficiaries"),
]



# --- Product certification, supply chains, batches and sales (products)
product_urls = [
]



# --- Benefit linkages (linkages)
linkage_urls = [
]



urlpatterns = [*programme_urls, *product_urls, *linkage_urls]
