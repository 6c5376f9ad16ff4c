"""Names people type for countries that ISO 3166 (and pycountry) do not give.

ISO's short names are what the standard says ("Iran, Islamic Republic of",
"Russian Federation", "Türkiye"); curators and readers type "Iran", "Russia",
"Turkey", "UK". pycountry supplies a common name for a few countries
(``common_name``: Iran, South Korea, Syria…) and an official name for many;
``generate_countries`` stores those as aliases, together with this table:
common English short names, former names and common abbreviations, kept by hand.

Rules for adding a row: the name must point to exactly one current country (no
"Congo", no "Korea"); abbreviations are the ones English-language news uses; a
former name is listed only when it is still in use in sources (Turkey, Burma,
Swaziland). An abbreviation that is typed exactly (``UK``) finds only its country,
never one whose name merely starts with it (Ukraine): see
``selectors.countries_matching``.
"""

from __future__ import annotations

COUNTRY_ALIASES: dict[str, tuple[str, ...]] = {
    "ARE": ("UAE", "Emirates"),
    "BIH": ("Bosnia",),
    "CHN": ("PRC",),
    "CIV": ("Ivory Coast",),
    "COD": ("DRC", "DR Congo", "Congo-Kinshasa", "Zaire"),
    "COG": ("Congo-Brazzaville",),
    "CPV": ("Cape Verde",),
    "CZE": ("Czech Republic",),
    "DEU": ("FRG",),
    "GBR": ("UK", "U.K.", "Britain", "Great Britain"),
    "IRN": ("Persia",),
    "KOR": ("ROK",),
    "LKA": ("Ceylon",),
    "MKD": ("Macedonia",),
    "MMR": ("Burma",),
    "NLD": ("Holland",),
    "PRK": ("DPRK",),
    "PSE": ("Palestine",),
    "RUS": ("Russia",),
    "SWZ": ("Swaziland",),
    "TLS": ("East Timor",),
    "TUR": ("Turkey", "Turkiye"),
    "USA": ("US", "U.S.", "America", "United States of America"),
    "VAT": ("Vatican", "Holy See"),
}
