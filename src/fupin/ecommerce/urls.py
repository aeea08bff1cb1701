"""URLs of the e-commerce app (included at the root by the project's URLs), one block per
area so that the areas grow independently."""

from django.urls import path

from fupin.ecommerce.views import linkages, products, programme  # noqa: F401

# --- County and province programme pages, service system, pairings, training (programme)
programme_urls = [
]



# --- Product certification, supply chains, batches and sales (products)
product_urls = [
]



# --- Benefit linkages (linkages)
linkage_urls = [
    path("ecommerce/linkages/", linkages.LinkageListView.as_view(), name="linkage-list"),
    path("ecommerce/linkages/<str:code>/", linkages.LinkageDetailView.as_view(),
         name="linkage-detail"),
    path("ecommerce/households/<str:household_id>/linkages/",
         linkages.HouseholdLinkagesView.as_view(), name="ecommerce-household-linkages"),
]



urlpatterns = [*programme_urls, *product_urls, *linkage_urls]
