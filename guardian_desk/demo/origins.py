"""Where the children come from, which languages they speak, and the mediators who speak them.

Weights follow the make-up of unaccompanied children on the Western Balkan route in recent
years: Afghanistan and Syria first, then Pakistan, Morocco, Iraq, Bangladesh, Egypt, Algeria,
Eritrea and Somalia. Languages are ISO 639-3 codes that pycountry knows (tests check this):
Syrian children speak Levantine Arabic (apc), Iraqi children Mesopotamian Arabic (acm),
Egyptians arz, Moroccans ary, Algerians arq, and most learnt Standard Arabic (arb) at school.
"""

from __future__ import annotations

from dataclasses import dataclass

from guardian_desk.demo import names_africa as af
from guardian_desk.demo import names_asia as asia
from guardian_desk.demo import names_mena as mena
from guardian_desk.demo.tables import Table
from guardian_desk.domain.enums import Proficiency

B, W, F, N = Proficiency.BASIC, Proficiency.WORKING, Proficiency.FLUENT, Proficiency.NATIVE


@dataclass(frozen=True)
class Extra:
    """A further language: spoken with probability ``chance``, at one of ``levels``."""

    code: str
    chance: float
    levels: tuple[Proficiency, ...]


@dataclass(frozen=True)
class Origin:
    key: str
    nationality: str  # ISO 3166-1 alpha-2
    weight: float
    native: str
    extras: tuple[Extra, ...]
    male: Table
    female: Table
    family: Table
    female_share: float
    dob_estimated: float  # how often the birth date is an estimate (written as 1 January)
    no_family_name: float = 0.0
    stayed_in: tuple[str, ...] = ()  # countries where children of this origin often lived first


ORIGINS: dict[str, Origin] = {
    o.key: o
    for o in (
        Origin(
            "af-dari", "AF", 22, "prs",
            (Extra("pus", 0.15, (B, W)), Extra("eng", 0.3, (B, B, W)), Extra("tur", 0.05, (B,))),
            asia.DARI_MALE, asia.DARI_FEMALE, asia.DARI_FAMILY,
            female_share=0.08, dob_estimated=0.8, no_family_name=0.05,
            stayed_in=("Iran", "Turkey", "Pakistan"),
        ),
        Origin(
            "af-pashto", "AF", 13, "pus",
            (Extra("prs", 0.5, (W, F)), Extra("urd", 0.2, (B, W)), Extra("eng", 0.2, (B,))),
            asia.PASHTO_MALE, asia.PASHTO_FEMALE, asia.PASHTO_FAMILY,
            female_share=0.03, dob_estimated=0.85, no_family_name=0.08,
            stayed_in=("Pakistan", "Iran", "Turkey"),
        ),
        Origin(
            "sy-arabic", "SY", 19, "apc",
            (Extra("arb", 0.8, (W, F)), Extra("eng", 0.3, (B, W)), Extra("tur", 0.25, (B, W))),
            mena.SYRIAN_MALE, mena.SYRIAN_FEMALE, mena.SYRIAN_FAMILY,
            female_share=0.15, dob_estimated=0.35,
            stayed_in=("Turkey", "Lebanon", "Jordan"),
        ),
        Origin(
            "sy-kurmanji", "SY", 3, "kmr",
            (Extra("apc", 0.9, (W, F)), Extra("arb", 0.4, (W,)), Extra("tur", 0.3, (B, W))),
            mena.KURMANJI_MALE, mena.KURMANJI_FEMALE, mena.KURMANJI_FAMILY,
            female_share=0.15, dob_estimated=0.4,
            stayed_in=("Turkey", "Iraq"),
        ),
        Origin(
            "iq-arabic", "IQ", 5, "acm",
            (Extra("arb", 0.8, (W, F)), Extra("eng", 0.3, (B, W)), Extra("tur", 0.1, (B,))),
            mena.IRAQI_MALE, mena.IRAQI_FEMALE, mena.IRAQI_FAMILY,
            female_share=0.1, dob_estimated=0.4,
            stayed_in=("Turkey", "Jordan"),
        ),
        Origin(
            "iq-sorani", "IQ", 4, "ckb",
            (Extra("arb", 0.5, (B, W)), Extra("eng", 0.35, (B, W)), Extra("kmr", 0.1, (W,))),
            mena.SORANI_MALE, mena.SORANI_FEMALE, mena.SORANI_FAMILY,
            female_share=0.15, dob_estimated=0.4,
            stayed_in=("Turkey",),
        ),
        Origin(
            "pk-urdu", "PK", 3.5, "urd",
            (Extra("eng", 0.55, (B, W)), Extra("pnb", 0.2, (W,))),
            asia.URDU_MALE, asia.URDU_FEMALE, asia.URDU_FAMILY,
            female_share=0.02, dob_estimated=0.4,
            stayed_in=("Iran", "Turkey"),
        ),
        Origin(
            "pk-punjabi", "PK", 4.5, "pnb",
            (Extra("urd", 1.0, (F,)), Extra("eng", 0.45, (B, W))),
            asia.URDU_MALE, asia.URDU_FEMALE, asia.URDU_FAMILY,
            female_share=0.02, dob_estimated=0.4,
            stayed_in=("Iran", "Turkey"),
        ),
        Origin(
            "bd", "BD", 5, "ben",
            (Extra("eng", 0.5, (B, W)),),
            asia.BENGALI_MALE, asia.BENGALI_FEMALE, asia.BENGALI_FAMILY,
            female_share=0.02, dob_estimated=0.4,
            stayed_in=("Libya", "Turkey"),
        ),
        Origin(
            "ma-arabic", "MA", 5, "ary",
            (Extra("arb", 0.7, (W,)), Extra("fra", 0.45, (B, W)), Extra("spa", 0.2, (B,))),
            mena.MOROCCAN_MALE, mena.MOROCCAN_FEMALE, mena.MOROCCAN_FAMILY,
            female_share=0.03, dob_estimated=0.5,
            stayed_in=("Turkey",),
        ),
        Origin(
            "ma-amazigh", "MA", 1.5, "zgh",
            (Extra("ary", 1.0, (F,)), Extra("arb", 0.5, (W,)), Extra("fra", 0.3, (B,))),
            mena.MOROCCAN_MALE, mena.MOROCCAN_FEMALE, mena.MOROCCAN_FAMILY,
            female_share=0.03, dob_estimated=0.5,
            stayed_in=("Turkey",),
        ),
        Origin(
            "dz-arabic", "DZ", 2.5, "arq",
            (Extra("arb", 0.7, (W,)), Extra("fra", 0.6, (B, W, F))),
            mena.ALGERIAN_MALE, mena.ALGERIAN_FEMALE, mena.ALGERIAN_FAMILY,
            female_share=0.03, dob_estimated=0.4,
            stayed_in=("Turkey",),
        ),
        Origin(
            "dz-kabyle", "DZ", 1, "kab",
            (Extra("arq", 1.0, (F,)), Extra("fra", 0.7, (W, F)), Extra("arb", 0.3, (W,))),
            mena.ALGERIAN_MALE, mena.ALGERIAN_FEMALE, mena.ALGERIAN_FAMILY,
            female_share=0.03, dob_estimated=0.4,
            stayed_in=("Turkey",),
        ),
        Origin(
            "eg", "EG", 4, "arz",
            (Extra("arb", 0.75, (W, F)), Extra("eng", 0.4, (B, W))),
            mena.EGYPTIAN_MALE, mena.EGYPTIAN_FEMALE, mena.EGYPTIAN_FAMILY,
            female_share=0.02, dob_estimated=0.3,
            stayed_in=("Libya", "Turkey"),
        ),
        Origin(
            "er", "ER", 3, "tir",
            (Extra("amh", 0.2, (W,)), Extra("arb", 0.25, (B,)), Extra("eng", 0.35, (B, W))),
            af.TIGRINYA_MALE, af.TIGRINYA_FEMALE, af.TIGRINYA_FATHERS,
            female_share=0.3, dob_estimated=0.7,
            stayed_in=("Ethiopia", "Sudan", "Egypt"),
        ),
        Origin(
            "so", "SO", 2, "som",
            (Extra("arb", 0.4, (B, W)), Extra("eng", 0.4, (B, W))),
            af.SOMALI_MALE, af.SOMALI_FEMALE, af.SOMALI_FATHERS,
            female_share=0.3, dob_estimated=0.75,
            stayed_in=("Ethiopia", "Turkey"),
        ),
    )
}  # fmt: skip


@dataclass(frozen=True)
class MediatorProfile:
    """Mediators of a language community: the language they interpret and what else they speak."""

    origin: str  # key of ORIGINS: where their names come from
    weight: float
    native: str
    extras: tuple[Extra, ...]
    dialects: tuple[str, ...]


MEDIATOR_PROFILES: tuple[MediatorProfile, ...] = (
    MediatorProfile(
        "af-dari", 22, "prs", (Extra("pus", 0.4, (W, F)), Extra("urd", 0.15, (W,))),
        ("Kabuli", "Herati", "Hazaragi", "Mazari"),
    ),
    MediatorProfile(
        "sy-arabic", 15, "apc", (Extra("arb", 1.0, (F,)), Extra("tur", 0.3, (W, F))),
        ("Damascene", "Aleppine", "Homsi"),
    ),
    MediatorProfile(
        "af-pashto", 10, "pus", (Extra("prs", 0.9, (F, N)), Extra("urd", 0.4, (W, F))),
        ("Kandahari (southern)", "Yusufzai (northern)", "Peshawari"),
    ),
    MediatorProfile(
        "pk-urdu", 8, "urd", (Extra("pnb", 0.5, (N,)), Extra("eng", 1.0, (F,))),
        ("Lahori", "Karachi Urdu"),
    ),
    MediatorProfile(
        "iq-arabic", 5, "acm", (Extra("arb", 1.0, (F,)), Extra("ckb", 0.15, (W,))),
        ("Baghdadi", "Mosuli", "Basrawi"),
    ),
    MediatorProfile(
        "iq-sorani", 5, "ckb", (Extra("arb", 0.7, (F,)), Extra("kmr", 0.35, (W,))),
        ("Sulaymani", "Hewlêrî (Erbil)", "Mukriyani"),
    ),
    MediatorProfile(
        "ma-arabic", 5, "ary",
        (Extra("arb", 1.0, (F,)), Extra("zgh", 0.25, (F,)), Extra("fra", 0.6, (F,))),
        ("Casablanca", "Northern (Tangier)", "Oriental (Oujda)"),
    ),
    MediatorProfile(
        "bd", 4, "ben", (Extra("eng", 0.8, (F,)), Extra("syl", 0.3, (N,))),
        ("Standard (Dhaka)", "Sylheti", "Chittagonian"),
    ),
    MediatorProfile(
        "er", 4, "tir",
        (Extra("amh", 0.5, (F,)), Extra("arb", 0.3, (W,)), Extra("eng", 0.8, (F,))),
        ("Asmara", "Hamasien", "Akele Guzai", "Seraye"),
    ),
    MediatorProfile(
        "eg", 4, "arz", (Extra("arb", 1.0, (F,)),), ("Cairene", "Sa'idi", "Alexandrian"),
    ),
    MediatorProfile(
        "sy-kurmanji", 3, "kmr",
        (Extra("apc", 0.8, (F,)), Extra("arb", 0.4, (F,)), Extra("tur", 0.4, (F,))),
        ("Badini", "Botani", "Serhedi"),
    ),
    MediatorProfile(
        "dz-arabic", 3, "arq",
        (Extra("arb", 1.0, (F,)), Extra("kab", 0.3, (F,)), Extra("fra", 0.8, (F,))),
        ("Algiers", "Oran", "Constantine"),
    ),
    MediatorProfile(
        "so", 3, "som", (Extra("arb", 0.5, (F,)), Extra("eng", 0.8, (F,))),
        ("Northern (Maxaa tiri)", "Benadiri", "Maay"),
    ),
)  # fmt: skip

ORGANISATIONS = (
    "Bridgeword Interpreting Cooperative",
    "Common Thread Mediation Network",
    "Lanterna Community Interpreters",
    "Mosaic Voices Association",
    "Open Table Cultural Mediation",
    "Two Shores Interpreting",
    "Independent (freelance)",
)
"""Invented names: no real organisation is meant or claimed."""

CERTIFICATIONS = (
    "Community interpreting course, 120 hours ({year})",
    "Certified court interpreter ({year})",
    "Cultural mediation training for child protection ({year})",
    "Child-friendly interviewing and interpreting ({year})",
    "BA in Translation and Interpreting ({year})",
    "Medical interpreting certificate ({year})",
)
