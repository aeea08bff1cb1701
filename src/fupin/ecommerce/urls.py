"""URLs of the e-commerce app (included at the root by the project's URLs), one block per
area so that the areas grow independently."""

from django.urls import path

from fupin.ecommerce.views import linkages, products, programme  # noqa: F401

# --- County and province programme pages, service system, pairings, training (programme)
programme_urls = [
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
]



urlpatterns = [*programme_urls, *product_urls, *linkage_urls]
