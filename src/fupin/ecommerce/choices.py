"""Codes of the e-commerce and commerce programmes (docs/ecommerce.md)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class ProgrammeKind(models.TextChoices):
    """The commerce programmes of the seed: e-commerce is the richest instance."""

    ECOMMERCE = "ecommerce", _("E-commerce poverty alleviation (电商扶贫)")
    DOMESTIC_SERVICE = "domestic_service", _("Domestic-service training and placement (家政扶贫)")
    LABOUR = "labour", _("Labour placement (劳务扶贫)")
    BORDER_TRADE = "border_trade", _("Border trade (边贸扶贫)")


class SiteLevel(models.TextChoices):
    """The three levels of the service system; each binds to a division of that level."""

    COUNTY_CENTRE = "county_centre", _("County public service centre")
    TOWNSHIP_STATION = "township_station", _("Township service station")
    VILLAGE_POINT = "village_point", _("Village service point")


#: The division code length each site level binds to (6 county, 9 township, 12 village).
SITE_LEVEL_CODE_LENGTH = {SiteLevel.COUNTY_CENTRE: 6, SiteLevel.TOWNSHIP_STATION: 9,
                          SiteLevel.VILLAGE_POINT: 12}


class SiteService(models.TextChoices):
    PURCHASE = "purchase", _("Purchase on behalf (代购)")
    SALES = "sales", _("Sales (代销)")
    PARCELS = "parcels", _("Parcel pick-up (收发快递)")
    PAYMENT = "payment", _("Payment (缴费)")
    TRAINING = "training", _("Training (培训)")


class SiteStatus(models.TextChoices):
    WORKING = "working", _("Working")
    SUSPENDED = "suspended", _("Suspended")
    CLOSED = "closed", _("Closed")


class EnterpriseKind(models.TextChoices):
    PLATFORM = "platform", _("Platform")
    ECOMMERCE_FIRM = "ecommerce_firm", _("E-commerce firm")
    COOPERATIVE = "cooperative", _("Co-operative")
    SHOP = "shop", _("Shop")
    LOGISTICS = "logistics", _("Logistics")


class LinkageForm(models.TextChoices):
    """Benefit-linkage forms (利益联结, docs/ecommerce.md)."""

    ORDER_DIVIDEND = "order_dividend", _("Order purchase + dividend (订单收购+分红)")
    LAND_HIRING = "land_hiring", _("Land transfer + priority hiring (土地流转+优先雇用)")
    SHARES = "shares", _("Shares with guaranteed return (入股保底分红)")
    EMPLOYMENT = "employment", _("Employment (就业)")
    CONSIGNMENT = "consignment", _("Consignment sales (代销)")
    TRAINING = "training", _("Training (培训)")


#: Where each yearly linkage amount lands in the household's economy (snapshot v1):
#: purchases of the household's produce are operating income, wages wage income,
#: dividends and rent property income.
LINKAGE_ECONOMY = {"purchase_value": "operating", "wages": "wage", "dividends": "property",
                   "rent": "property"}


class Sector(models.TextChoices):
    """Supply-chain sectors the 2018 notice names (diversified supply chains)."""

    AGRICULTURE = "agriculture", _("Agricultural and sideline products")
    TOURISM = "tourism", _("Rural tourism")
    CATERING = "catering", _("Catering")
    CRAFTS = "crafts", _("Folk crafts")


class ProductCategory(models.TextChoices):
    GRAIN_OIL = "grain_oil", _("Grain and oil")
    FRUIT_VEG = "fruit_veg", _("Fruit and vegetables")
    LIVESTOCK = "livestock", _("Livestock, poultry and eggs")
    AQUATIC = "aquatic", _("Aquatic products")
    TEA_HERBS = "tea_herbs", _("Tea and medicinal herbs")
    PROCESSED = "processed", _("Processed food")
    CRAFTS = "crafts", _("Folk crafts")
    TOURISM = "tourism", _("Rural tourism and catering services")
    OTHER = "other", _("Other")


class SalesChannel(models.TextChoices):
    """Online and offline channels (线上线下互动) the seed names."""

    ONLINE = "online", _("Online platform")
    TRADE_FAIR = "trade_fair", _("Poverty-product zone at a trade fair")
    TRANSPORT_HUB = "transport_hub", _("Counter in a transport hub")
    CANTEEN = "canteen", _("Canteen purchasing (消费扶贫)")
    OTHER_OFFLINE = "other_offline", _("Other offline channel")


class Outcome(models.TextChoices):
    """What a programme did for a beneficiary in a year."""

    TRAINED = "trained", _("Trained")
    OPENED_SHOP = "opened_shop", _("Opened an online shop")
    EMPLOYED = "employed", _("Employed")
    PLACED = "placed", _("Placed in a job")
    TRADING = "trading", _("Trading (border trade)")
