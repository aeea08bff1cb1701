"""E-commerce and commerce programmes (电商扶贫 and 百城万村家政, 劳务, 边贸扶贫).

One :class:`Programme` model covers every commerce programme of a county; e-commerce is its
richest instance, with a service system (:class:`Site`, :class:`LogisticsYear`), enterprises
paired with the county (:class:`Enterprise`, :class:`Pairing`), benefit linkages with
households (:class:`Linkage`), certified poverty-alleviation products with their supply
chains, batches and sales, and training. Every row belongs to a division and sits behind the
region gate, except enterprises, which are public business-registry facts (docs/ecommerce.md).
Writes go through ``ecommerce.services`` and are on the audit ledger.
"""

from fupin.ecommerce.models.enterprises import Enterprise, Pairing, PairingYear
from fupin.ecommerce.models.linkages import Linkage, LinkageYear
from fupin.ecommerce.models.products import Product, Sale, SupplyChain, TraceBatch
from fupin.ecommerce.models.programmes import Beneficiary, Programme, TrainingSession
from fupin.ecommerce.models.service import LogisticsYear, Site

__all__ = [
    "Beneficiary", "Enterprise", "Linkage", "LinkageYear", "LogisticsYear", "Pairing",
    "PairingYear", "Product", "Programme", "Sale", "Site", "SupplyChain", "TraceBatch",
    "TrainingSession",
]
