"""URLs of the e-commerce app (included at the root by the project's URLs), one block per
area so that the areas grow independently."""

from django.urls import path

from fupin.ecommerce.views import linkages, products, programme

# --- County and province programme pages, service system, pairings, training (programme)
programme_urls = [
    path("ecommerce/programme/", programme.CountyProgrammeView.as_view(),
         name="programme-county"),
    path("ecommerce/programme/province/", programme.ProvinceProgrammeView.as_view(),
         name="programme-province"),
    path("ecommerce/programme/nation/", programme.NationProgrammeView.as_view(),
         name="programme-nation"),
    path("ecommerce/programme/list/", programme.ProgrammeList.as_view(),
         name="programme-list"),
    path("ecommerce/sites/", programme.SiteList.as_view(), name="programme-sites"),
    path("ecommerce/logistics/", programme.LogisticsList.as_view(),
         name="programme-logistics"),
    path("ecommerce/enterprises/", programme.EnterpriseList.as_view(),
         name="programme-enterprises"),
    path("ecommerce/pairings/", programme.PairingList.as_view(),
         name="programme-pairings"),
    path("ecommerce/training/", programme.TrainingList.as_view(),
         name="programme-training"),
    path("ecommerce/beneficiaries/", programme.BeneficiaryList.as_view(),
         name="programme-beneficiaries"),
]



# --- Product certification, supply chains, batches and sales (products)
product_urls = [
    path("ecommerce/products/", products.ProductListView.as_view(), name="ecommerce-products"),
    path("ecommerce/products/apply/", products.ProductApplyView.as_view(),
         name="ecommerce-product-apply"),
    path("ecommerce/products/<int:pk>/", products.ProductView.as_view(),
         name="ecommerce-product"),
    path("ecommerce/products/<int:pk>/step/", products.ProductStepView.as_view(),
         name="ecommerce-product-step"),
    path("ecommerce/chains/", products.ChainListView.as_view(), name="ecommerce-chains"),
    path("ecommerce/chains/<int:pk>/", products.ChainView.as_view(), name="ecommerce-chain"),
    path("ecommerce/batches/", products.BatchListView.as_view(), name="ecommerce-batches"),
    path("ecommerce/sales/", products.SaleListView.as_view(), name="ecommerce-sales"),
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
