"""The e-commerce dataset of the exchange (ADR 0021, ADR 0041): the twelve programme tables
— programmes, service sites, township logistics, enterprises, pairings and what they
delivered, supply chains, listed products, batches, sales, training sessions, beneficiaries —
imported from CSV (UTF-8 or GB18030), Parquet or one workbook holding any of them, checked
whole and written all or nothing; exported in the same shapes; a template workbook with
Chinese headers and drop-downs. Benefit linkages are a dataset of their own (eclink).
Registered from ``EcommerceConfig.ready``."""

from __future__ import annotations

from fupin.core import datasets
from fupin.ecommerce.datasets.exporter import export
from fupin.ecommerce.datasets.importer import EcommerceImporter
from fupin.ecommerce.datasets.tables import TABLES

ECOMMERCE = datasets.Dataset(
    name="ecommerce",
    label="E-commerce and commerce programmes (sites, logistics, enterprises, pairings, "
          "supply chains, products, batches, sales, training, beneficiaries)",
    label_zh="电商扶贫及商贸项目（站点、物流、企业、对口帮扶、供应链、产品、批次、销售、培训、受益对象）",
    tables=TABLES,
    importer=EcommerceImporter,
    exporter=export,
    import_permissions=("ecommerce.manage_programme",),
    export_permissions=("ecommerce.view_programme",),
)


def register() -> None:
    datasets.register(ECOMMERCE)
