"""Distances between homes and facilities (great-circle, on a spherical Earth)."""

from __future__ import annotations

from dataclasses import dataclass
from math import asin, cos, radians, sin, sqrt
from typing import Protocol

DISTANCE_ZERO_KM = 100.0  # a home this far from the facility or farther scores 0


class Located(Protocol):
    @property
    def latitude(self) -> float | None: ...
    @property
    def longitude(self) -> float | None: ...


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    dlat, dlon = radians(lat2 - lat1), radians(lon2 - lon1)
    a = sin(dlat / 2) ** 2 + cos(radians(lat1)) * cos(radians(lat2)) * sin(dlon / 2) ** 2
    return 2 * 6371.0 * asin(min(1.0, sqrt(a)))


def distance_km(person: Located, facility: Located | None) -> float | None:
    if facility is None:
        return None
    lat1, lon1, lat2, lon2 = (
        person.latitude,
        person.longitude,
        facility.latitude,
        facility.longitude,
    )
    if lat1 is None or lon1 is None or lat2 is None or lon2 is None:
        return None
    return haversine_km(lat1, lon1, lat2, lon2)


def distance_value(km: float) -> float:
    return max(0.0, 1.0 - km / DISTANCE_ZERO_KM)


@dataclass(frozen=True)
class Place:
    """A point with its trigonometry done once, for many distances from it."""

    lat: float  # radians
    lon: float
    cos_lat: float

    @classmethod
    def of(cls, thing: Located) -> Place | None:
        if thing.latitude is None or thing.longitude is None:
            return None
        lat = radians(thing.latitude)
        return cls(lat, radians(thing.longitude), cos(lat))

    def km_to(self, other: Place) -> float:
        a = (
            sin((other.lat - self.lat) / 2) ** 2
            + self.cos_lat * other.cos_lat * sin((other.lon - self.lon) / 2) ** 2
        )
        return 2 * 6371.0 * asin(min(1.0, sqrt(a)))
