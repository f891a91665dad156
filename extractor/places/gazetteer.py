"""Vietnam's administrative units, offline, before and after the merger of 1 July 2025.

The data is the MIT-licensed `vietnamadminunits` package (version pinned in pyproject.toml): its
SQLite file holds the official codes of 63 provinces, 696 districts and 10,035 communes before the
merger and of 34 provinces and 3,321 communes after it; its converter file says which old communes
each new one was formed from. Only those two data files are read (with sqlite3 and json): the
package's own parser is never imported, so nothing here can reach the network.
"""

from __future__ import annotations

import importlib.util
import json
import sqlite3
from collections import defaultdict
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

from extractor.syllables import ascii_key, final_c_key, loose_name_key, name_key

DATA_PACKAGE = "vietnamadminunits"
NEW = "2025"  # units in force from 1 July 2025
OLD = "pre-2025"  # units before the merger
LEVEL_RANK = {"commune": 0, "district": 1, "province": 2}
LEVELS = ("province", "district", "commune")
MAX_ABBREVIATION = 3  # letters of a province abbreviation the data lists ("hn", "hcm")


@dataclass(frozen=True)
class AdminUnit:
    code: str  # official code; codes of the two vintages overlap, so (code, vintage) is the key
    type: str  # lower case: "xã", "phường", "thị trấn", "đặc khu", "huyện", "quận", "thị xã", "thành phố", "tỉnh"
    name: str  # official spelling, without the type: "Mai Sơn"
    level: str  # "province" | "district" | "commune"
    vintage: str  # NEW | OLD
    province_code: str
    province: str  # "tỉnh Sơn La"
    district_code: str | None = None  # old communes and districts only
    district: str | None = None
    successor_code: str | None = None  # old commune or province → the unit it became (the main one if divided)
    predecessor_codes: tuple[str, ...] = field(default=())  # new commune or province ← the old ones
    aliases: tuple[str, ...] = field(default=(), compare=False)  # written abbreviations ("hcm" in "TP HCM")
    former_names: tuple[tuple[str, str], ...] = field(default=(), compare=False)  # (type, name): ("tỉnh", "Thừa Thiên Huế")

    def former_name(self, written: str) -> str | None:
        """The former full name ("tỉnh Thừa Thiên Huế") the written name spells, if it spells one."""
        key = name_key(written)
        return next((f"{unit_type} {name}" for unit_type, name in self.former_names if name_key(name) == key), None)

    @property
    def full_name(self) -> str:
        return f"{self.type} {self.name}"

    def as_dict(self) -> dict:
        return {
            "name": self.full_name, "code": self.code, "level": self.level, "vintage": self.vintage,
            "province": self.province, "province_code": self.province_code,
            "district": self.district, "district_code": self.district_code,
            "successor_code": self.successor_code,
        }


class Gazetteer:
    """Units indexed by level and name key (``spell``: lower case, one tone placement)."""

    def __init__(self, units: list[AdminUnit], absorbed=None):
        """``absorbed()``: (level, province code, code) of a pre-2025 unit → the ascii keys of the
        units merged into it before the snapshot ("huyendateh"); read when first asked."""
        self._absorbed_source = absorbed
        self._absorbing: dict[str, list[AdminUnit]] | None = None
        self.units = units
        self._by_name: dict[tuple[str, str], list[AdminUnit]] = defaultdict(list)
        self._by_code: dict[tuple[str, str, str], AdminUnit] = {}
        self._by_key: dict = {}  # key function → units by (level, key of the name), built when first asked
        for unit in units:
            self._by_name[(unit.level, name_key(unit.name))].append(unit)
            for alias in (*unit.aliases, *(name for _, name in unit.former_names)):
                self._by_name[(unit.level, name_key(alias))].append(unit)
            self._by_code[(unit.level, unit.vintage, unit.code)] = unit
        self.max_name_syllables = max(len(unit.name.split()) for unit in units)

    def absorbing(self, unit_type: str, name: str) -> list[AdminUnit]:
        """The pre-2025 units a unit the gazetteer does not hold was merged into, by its type and
        name ("huyện Đạ Tẻh" → huyện Đạ Huoai in 2024): the data package lists the names of the units
        each absorbed, without their tone marks."""
        if self._absorbing is None:
            absorbing = defaultdict(list)
            for (level, _, code), keys in (self._absorbed_source() if self._absorbed_source else {}).items():
                unit = self.unit(level, OLD, code)
                for key in keys if unit is not None else ():
                    absorbing[key].append(unit)
            self._absorbing = absorbing
        return self._absorbing.get(ascii_key(f"{unit_type} {name}"), [])

    def named(self, level: str, name: str) -> list[AdminUnit]:
        return self._by_name.get((level, name_key(name)), [])

    def named_loosely(self, level: str, name: str) -> list[AdminUnit]:
        """The units of ``level`` whose name is ``name`` but for the marks on its vowels, when
        they all bear one name ("Đắk Glong" → huyện Đăk Glong); else none. When no spelling with
        its "đ" kept answers, "đ" written "d" ("Ia Kđăm" / "Ia KDăm", "Dak Mil" / "Đắk Mil": a
        minority language's syllable; "Nam Đan" stays "Nam Đàn"); then a final "k" written "c" ("Đắc Lắc")."""
        found = self._units_by(loose_name_key).get((level, loose_name_key(name)), []) \
            or self._units_by(ascii_key).get((level, ascii_key(name)), []) \
            or self._units_by(final_c_key).get((level, final_c_key(name)), [])
        return found if len({name_key(unit.name) for unit in found}) == 1 else []

    def _units_by(self, key) -> dict[tuple[str, str], list[AdminUnit]]:
        """The units by (level, ``key`` of their name), built once when first asked."""
        if key not in self._by_key:
            index = defaultdict(list)
            for unit in self.units:
                index[(unit.level, key(unit.name))].append(unit)
            self._by_key[key] = index
        return self._by_key[key]

    def unit(self, level: str, vintage: str, code: str | None) -> AdminUnit | None:
        return self._by_code.get((level, vintage, code)) if code else None

    def province_of(self, unit: AdminUnit) -> AdminUnit | None:
        return self.unit("province", unit.vintage, unit.province_code)

    def district_of(self, unit: AdminUnit) -> AdminUnit | None:
        return self.unit("district", unit.vintage, unit.district_code)

    def successor(self, unit: AdminUnit) -> AdminUnit | None:
        return self.unit(unit.level, NEW, unit.successor_code) if unit.vintage == OLD else None

    def predecessors(self, unit: AdminUnit) -> list[AdminUnit]:
        found = (self.unit(unit.level, OLD, code) for code in unit.predecessor_codes)
        return [old for old in found if old is not None]


class GazetteerUnavailable(RuntimeError):
    pass


def _data_dir() -> Path:
    spec = importlib.util.find_spec(DATA_PACKAGE)  # locates the package without importing it
    if spec is None or not spec.submodule_search_locations:
        raise GazetteerUnavailable(f"the gazetteer needs the Python package '{DATA_PACKAGE}' (pip install {DATA_PACKAGE})")
    return Path(next(iter(spec.submodule_search_locations))) / "data"


UNIT_TYPES = ("thành phố", "thị trấn", "thị xã", "đặc khu", "phường", "huyện", "quận", "tỉnh", "xã")


def _type_and_name(full: str) -> tuple[str, str]:
    """("Thị trấn Hát Lót") → ("thị trấn", "Hát Lót"); the data's short names are not always the
    bare name ("Hát Lót (Thị trấn)" where a district has two units of that name)."""
    for unit_type in UNIT_TYPES:
        if full.lower().startswith(unit_type + " "):
            return unit_type, full[len(unit_type) + 1:].strip()
    raise ValueError(f"unknown unit type in the gazetteer data: {full!r}")


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """The gazetteer, read once per process (immutable: no document state lives in it)."""
    data = _data_dir()
    with sqlite3.connect(f"file:{data / 'dataset.db'}?mode=ro", uri=True) as connection:
        old_rows = connection.execute(
            "select province, provinceShort, provinceCode, provinceKey, district, districtShort, districtCode,"
            " districtKey, ward, wardShort, wardCode, wardKey from admin_units_legacy").fetchall()
        new_rows = connection.execute(
            "select province, provinceShort, provinceCode, provinceKey, ward, wardShort, wardCode, wardKey"
            " from admin_units").fetchall()
        alias_rows = connection.execute(
            "select distinct provinceCode, provinceAlias from admin_units_legacy where provinceAlias is not null").fetchall()
    converter = json.loads((data / "converter_2025.json").read_text(encoding="utf-8"))

    new_code_of = {(row[3], row[7]): row[6] for row in new_rows}  # (province key, ward key) → code
    old_code_of = {f"{row[3]}_{row[7]}_{row[11]}": row[10] for row in old_rows if row[8]}
    new_province_code = {row[3]: row[2] for row in new_rows}
    old_province_code = {row[3]: row[2] for row in old_rows}
    successor, predecessors = {}, defaultdict(list)
    for new_province, wards in converter["DICT_PROVINCE_WARD_NO_DIVIDED"].items():
        for ward_key, old_keys in wards.items():
            new_code = new_code_of.get((new_province, ward_key))
            for old_key in old_keys:
                if old_key in old_code_of and new_code:
                    successor[old_code_of[old_key]] = new_code
                    predecessors[new_code].append(old_code_of[old_key])
    for new_province, divided in converter["DICT_PROVINCE_WARD_DIVIDED"].items():
        for old_key, parts in divided.items():
            for part in parts:
                new_code = new_code_of.get((new_province, part["newWardKey"]))
                if old_key in old_code_of and new_code:
                    predecessors[new_code].append(old_code_of[old_key])
                    if part.get("isDefaultNewWard"):
                        successor[old_code_of[old_key]] = new_code
    province_successor, province_predecessors = {}, defaultdict(list)
    for new_province, old_keys in converter["DICT_PROVINCE"].items():
        for old_key in old_keys:
            province_successor[old_province_code[old_key]] = new_province_code[new_province]
            province_predecessors[new_province_code[new_province]].append(old_province_code[old_key])

    province_aliases = {code: tuple(a for a in json.loads(aliases) if len(a) <= MAX_ABBREVIATION)
                        for code, aliases in alias_rows}  # "hn", "hcm"; longer ones are accent-less spellings
    units: list[AdminUnit] = []
    seen_provinces: set[tuple[str, str]] = set()
    seen_districts: set[str] = set()
    for province, province_short, province_code, _, district, district_short, district_code, _, ward, ward_short, ward_code, _ in old_rows:
        province_type, province_name = _type_and_name(province)
        province_full = f"{province_type} {province_name}"
        if (OLD, province_code) not in seen_provinces:
            seen_provinces.add((OLD, province_code))
            units.append(AdminUnit(province_code, province_type, province_name, "province", OLD, province_code,
                                   province_full, successor_code=province_successor.get(province_code),
                                   aliases=province_aliases.get(province_code, ())))
        district_type, district_name = _type_and_name(district)
        if district_code not in seen_districts:
            seen_districts.add(district_code)
            units.append(AdminUnit(district_code, district_type, district_name, "district", OLD, province_code,
                                   province_full))
        if ward:
            ward_type, ward_name = _type_and_name(ward)
            units.append(AdminUnit(ward_code, ward_type, ward_name, "commune", OLD, province_code, province_full,
                                   district_code, f"{district_type} {district_name}", successor.get(ward_code)))
    for province, province_short, province_code, _, ward, ward_short, ward_code, _ in new_rows:
        province_type, province_name = _type_and_name(province)
        province_full = f"{province_type} {province_name}"
        if (NEW, province_code) not in seen_provinces:
            seen_provinces.add((NEW, province_code))
            units.append(AdminUnit(province_code, province_type, province_name, "province", NEW, province_code,
                                   province_full, predecessor_codes=tuple(province_predecessors.get(province_code, ())),
                                   aliases=province_aliases.get(province_code, ())))
        ward_type, ward_name = _type_and_name(ward)
        units.append(AdminUnit(ward_code, ward_type, ward_name, "commune", NEW, province_code, province_full,
                               predecessor_codes=tuple(predecessors.get(ward_code, ()))))
    units = _with_former_names(units)
    return Gazetteer(units, lambda: _absorbed_names(json.loads((data / "parser_legacy.json").read_text(encoding="utf-8")), units))


ABSORBED_TYPES = {"district": ("huyen", "quan", "thixa", "thanhpho"), "commune": ("xa", "phuong", "thitran")}


def _absorbed_names(legacy: dict, units: list[AdminUnit]) -> dict[tuple[str, str, str], tuple[str, ...]]:
    """The typed keywords of a pre-2025 district or commune that name no unit of the snapshot: the
    units it absorbed ("huyendateh" under huyện Đạ Huoai)."""
    held = {ascii_key(unit.full_name) for unit in units if unit.vintage == OLD and unit.level in ABSORBED_TYPES}
    found: dict[tuple[str, str, str], tuple[str, ...]] = {}

    def keep(level: str, province_code: str, code: str, keywords) -> None:
        typed = tuple(key for key in keywords if key.startswith(ABSORBED_TYPES[level]) and key not in held)
        if typed:
            found[(level, province_code, code)] = typed

    province_codes = {key: entry["provinceCode"] for key, entry in legacy["DICT_PROVINCE"].items()}
    for province_key, districts in legacy["DICT_PROVINCE_DISTRICT"].items():
        for entry in districts.values():
            keep("district", province_codes[province_key], entry["districtCode"], entry["districtKeywords"])
    for province_key, districts in legacy["DICT_PROVINCE_DISTRICT_WARD_NO_ACCENTED"].items():
        for wards in districts.values():
            for entry in wards.values():
                keep("commune", province_codes[province_key], entry["wardCode"], entry["wardKeywords"])
    return found


def _with_former_names(units: list[AdminUnit]) -> list[AdminUnit]:
    """Units the pre-2025 snapshot lists by a later name also answer to their former one
    (``places/former_names.json``: "tỉnh Thừa Thiên Huế" is the unit 46, "thành phố Huế")."""
    from extractor.rules import RuleFileError, load_rules

    former = defaultdict(list)
    for rule in load_rules("extractor.places", "former_names.json")["renamed_units"]:
        former[(rule["level"], rule["code"])].append(rule)
    renamed = []
    for unit in units:
        rules = former.pop((unit.level, unit.code), []) if unit.vintage == OLD else []
        renamed.append(replace(unit, former_names=tuple((rule["type"], rule["name"]) for rule in rules)) if rules else unit)
    if former:
        rule = next(iter(former.values()))[0]
        raise RuleFileError(f"extractor/places/former_names.json: rule {rule['id']!r}: no pre-2025 {rule['level']} has the code {rule['code']}")
    return renamed
