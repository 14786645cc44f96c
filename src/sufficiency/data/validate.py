"""Checks on the published input files before any chapter uses them.

:func:`validate_public_inputs` checks every file listed in :data:`FILE_CHECKS`:
the required columns are there, value columns hold numbers or DfE markers, counts
are not negative, and no area-year-measure-breakdown appears twice. The first
problem stops the build with an :class:`~sufficiency.core.errors.InputError` naming the
file, the row (as numbered in a spreadsheet: the header is row 1) and the column,
what was found and what was expected. When all is well it returns one summary
line per file.

>>> validate_public_inputs(2022, checks=FILE_CHECKS[:1])[0]
'cla_dfe_ees/cla_number_and_rate_per_10k_children.csv: 3,510 rows, years 2019-2022 used (later years to 2025 ignored), OK'
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from sufficiency.core import files
from sufficiency.core.errors import InputError
from sufficiency.core.markers import MARKER_LEGEND, invalid_cells, parse_series
from sufficiency.core.paths import DATA_RAW
from sufficiency.data.published.lait import lait_dictionary
from sufficiency.data.published.ofsted import childrens_homes
from sufficiency.data.published.prices import CPIH, GDP_DEFLATOR, price_index
from sufficiency.data.published.sfr import sfr_headline
from sufficiency.data.published.spending import RO3, ro3_looked_after_lines

EES_GEOGRAPHY = ["time_period", "geographic_level", "region_code", "old_la_code", "la_name"]
MARKERS_TEXT = "a number or a DfE marker (" + ", ".join(MARKER_LEGEND) + ")"


@dataclass(frozen=True)
class FileCheck:
    """What one raw file must look like.

    ``key`` columns together identify a row (no duplicates allowed); ``values``
    must be numbers or markers; ``counts`` (a subset) must also be zero or more.
    ``year`` names the column holding the reporting year, for the summary and
    the ``year_max`` check.
    """

    path: str                      # relative to data/raw
    key: list[str]
    values: list[str]
    counts: list[str] = field(default_factory=list)
    year: str | None = "time_period"
    required: list[str] = field(default_factory=list)   # other columns that must exist
    skip_unnamed_regions: bool = False   # regional rows with no region code cannot be keyed
    calendar_years: bool = False   # years are calendar years (not years ending 31 March): no year_max cut

    @property
    def columns(self) -> list[str]:
        return list(dict.fromkeys(self.key + self.values + self.required + ([self.year] if self.year else [])))


FILE_CHECKS: list[FileCheck] = [
    FileCheck("cla_dfe_ees/cla_number_and_rate_per_10k_children.csv", EES_GEOGRAPHY + ["population_type"],
              ["population_estimate", "children_count", "rate_per_10000"],
              ["population_estimate", "children_count", "rate_per_10000"], required=["source_release"]),
    FileCheck("cla_dfe_ees/la_cla_placement_stability.csv.gz", EES_GEOGRAPHY + ["cla_group", "placement_stability"],
              ["children_count", "children_percent"], ["children_count", "children_percent"],
              required=["source_release"]),
    FileCheck("cla_dfe_ees/la_cla_during_year_new_placements.csv.gz", EES_GEOGRAPHY + ["characteristic", "breakdown"],
              ["children_count", "children_percent"], ["children_count", "children_percent"],
              required=["source_release"]),
    FileCheck("cla_dfe_ees/la_children_who_ceased_during_the_year.csv.gz", EES_GEOGRAPHY + ["cla_group", "characteristic"],
              ["number", "percentage"], ["number", "percentage"], required=["source_release"]),
    FileCheck("cla_dfe_ees/la_care_leavers_accommodation_suitability.csv.gz",
              EES_GEOGRAPHY + ["care_leaver_age", "breakdown"], ["care_leaver_count", "care_leaver_percent"],
              ["care_leaver_count", "care_leaver_percent"], required=["source_release"]),
    FileCheck("cla_dfe_ees/la_care_leavers_activity.csv.gz",
              EES_GEOGRAPHY + ["care_leaver_age", "breakdown"], ["care_leaver_count", "care_leaver_percent"],
              ["care_leaver_count", "care_leaver_percent"], required=["source_release"]),
    FileCheck("cla_dfe_csc_dashboard/cla_on_31_march_by_characteristics.csv.gz",
              EES_GEOGRAPHY + ["cla_group", "characteristic"], ["number", "percentage"], ["number", "percentage"],
              required=["source"]),
    FileCheck("cla_dfe_csc_dashboard/cla_started_by_characteristics.csv.gz",
              EES_GEOGRAPHY + ["cla_group", "characteristic"], ["number", "percentage"], ["number", "percentage"]),
    FileCheck("cla_dfe_csc_dashboard/cla_ceased_by_characteristics.csv.gz",
              EES_GEOGRAPHY + ["cla_group", "characteristic"], ["number", "percentage"], ["number", "percentage"],
              skip_unnamed_regions=True),
    FileCheck("cla_dfe_ees/la_care_leavers_stayput.csv", EES_GEOGRAPHY + ["age", "stay_put"],
              ["number", "percentage"], ["number", "percentage"], required=["source_release"]),
    FileCheck("cla_dfe_ees/la_children_who_were_missing_or_away_from_placement_without_authorisation.csv.gz",
              EES_GEOGRAPHY + ["cla_group"], ["number"], ["number"], required=["source_release"]),
    FileCheck("cla_dfe_ees/national_2024_release/cla_time_series_1994_2024.csv",
              ["time_period", "geographic_level", "population_count"], ["number"], ["number"]),
    FileCheck("cla_dfe_ees/national_2024_release/"
              "national_cla_on_31_march_by_placement_provider_placement_type_and_locality.csv",
              ["time_period", "geographic_level", "placement_type", "placement_provider"],
              ["number", "percentage"], ["number", "percentage"]),
    FileCheck("cla_dfe_csc_dashboard/cs_expenditure_2024_25.csv", ["geographic_level", "area_name", "old_la_code"],
              ["childrens_services_expenditure_gbp000", "total_la_expenditure_gbp000", "childrens_services_share_pct",
               "cs_expenditure_per_child_gbp", "cla_expenditure_gbp000"],
              [], year=None),   # spending may be negative (a council's net outturn can be)
    FileCheck("lait/lait_bds_long.csv.gz", ["measure_short", "years", "la_number"], ["value"], year=None,
              required=["area_name", "data_item"]),
    FileCheck("population/ons_mid-year_population_estimates_0_17_2012_to_2024.csv",
              EES_GEOGRAPHY + ["age_group"], ["population_estimate"], ["population_estimate"]),
    FileCheck("uasc_nts/home_office_national_transfer_scheme_uasc_by_la_quarterly.csv",
              ["Date", "Region", "Local Authority or HSCT (NI)"],
              ["Transfers out of Local Authority", "Transfers into Local Authority",
               "Transfers into LA from port/intake unit"],
              ["Transfers out of Local Authority", "Transfers into Local Authority",
               "Transfers into LA from port/intake unit"], year="Year", calendar_years=True),
    FileCheck("population/ons_census2021_ethnic_population_utla.csv",
              ["2023 Upper tier local authorities Code", "Ethnic group (20 categories) Code"],
              ["Observation"], ["Observation"], year=None),
    FileCheck("statistical_neighbours/statistical_neighbours_2025_long.csv", ["la_number", "sn_rank"],
              ["sn_rank"], ["sn_rank"], year=None, required=["sn_la_number", "closeness"]),
    FileCheck("statistical_neighbours/statistical_neighbours_2021_long.csv", ["la_number", "sn_rank"],
              ["sn_rank"], ["sn_rank"], year=None, required=["sn_la_number", "closeness"]),
]


def _row(frame: pd.DataFrame, label) -> str:
    """Spreadsheet row number of a frame row (header = row 1)."""
    return f"row {frame.index.get_loc(label) + 2}"


def missing_years(years) -> list[int]:
    """Years inside the range of ``years`` that have no row: gaps in a published series.

    >>> missing_years([2019, 2020, 2022, 2024, 2024])
    [2021, 2023]
    """
    present = {int(y) for y in years}
    return [y for y in range(min(present), max(present) + 1) if y not in present] if present else []


def validate_file(path: Path, check: FileCheck, year_max: int | None = None) -> str:
    """Check one file; return a one-line summary or raise :class:`InputError`."""
    frame = files.read_csv(path, required_columns=check.columns)
    if frame.empty:
        raise InputError(path, problem="the file has a header but no data rows",
                         expected="at least one row of published figures")
    for column in check.values:
        bad = invalid_cells(frame[column])
        if bad.any():
            label = bad.idxmax()
            raise InputError(path, f"{_row(frame, label)}, column '{column}'",
                             repr(frame.loc[label, column].strip()), MARKERS_TEXT)
        values, _ = parse_series(frame[column])
        if column in check.counts:
            negative = values < 0
            if negative.any():
                label = negative.idxmax()
                raise InputError(path, f"{_row(frame, label)}, column '{column}'", repr(frame.loc[label, column]),
                                 "a count or share of zero or more")
    keyed = frame
    if check.skip_unnamed_regions and "geographic_level" in frame:
        keyed = frame[~((frame["geographic_level"] == "Regional") & frame["region_code"].fillna("").eq(""))]
    duplicated = keyed.duplicated(check.key, keep="first")
    if duplicated.any():
        label = duplicated.idxmax()
        first = keyed[(keyed[check.key] == keyed.loc[label, check.key]).fillna(
            keyed[check.key].isna() & pd.isna(keyed.loc[label, check.key])).all(axis=1)].index[0]
        shown = ", ".join(f"{c}={keyed.loc[label, c]!r}" for c in check.key)
        raise InputError(path, _row(frame, label), f"a second row for {shown} (first at {_row(frame, first)})",
                         "one row per area, year and category",
                         hint="Remove the repeated row, or keep only the newest release's row")
    summary = f"{check.path}: {len(frame):,} rows"
    if check.year and check.year in frame:
        years = pd.to_numeric(frame[check.year], errors="coerce")
        if years.isna().any():
            label = years.isna().idxmax()
            raise InputError(path, f"{_row(frame, label)}, column '{check.year}'",
                             repr(frame.loc[label, check.year]), "a four-digit year such as 2025")
        used = years[years <= year_max] if year_max is not None and not check.calendar_years else years
        if used.empty:
            return summary + f", no years up to {year_max} (first year {int(years.min())})"
        summary += f", years {int(used.min())}-{int(used.max())} used"
        gaps = missing_years(used)
        if gaps:
            summary += (f"; no rows for {', '.join(map(str, gaps))}: the series has a gap there, "
                        "shown as a gap in charts")
        if year_max is not None and not check.calendar_years and years.max() > year_max:
            summary += f" (later years to {int(years.max())} ignored)"
    return summary + ", OK"


def _boundaries(raw: Path, year_max: int | None) -> str:
    """Every boundary file is GeoJSON with features that carry a code and a shape."""
    folder = raw / "boundaries"
    paths = sorted(folder.glob("*.geojson"))
    for path in paths:
        try:
            features = json.loads(files.record_read(path).read_text(encoding="utf-8"))["features"]
        except (ValueError, KeyError, TypeError, UnicodeDecodeError):
            raise InputError(path, problem="the file is not GeoJSON with a list of features",
                             expected="the boundary file as published by the ONS") from None
        for number, feature in enumerate(features, start=1):
            if not isinstance(feature, dict) or not feature.get("geometry") or not feature.get("properties"):
                raise InputError(path, f"feature {number}", "a feature without a shape or properties",
                                 "every area with its boundary and its codes")
    return f"boundaries: {len(paths)} GeoJSON files, OK"


def _sfr(raw: Path, year_max: int | None) -> str:
    frame = sfr_headline(year_max)   # the reader names file, row and column of a bad value
    return f"cla_sfr_underlying_2010_2017: {len(frame):,} figures for {frame['year'].nunique()} years, OK"


def _ofsted(raw: Path, year_max: int | None) -> str:
    homes = childrens_homes(year_max)
    return f"ofsted_providers: {len(homes):,} children's home listings, OK"


def _lait_dictionary(raw: Path, year_max: int | None) -> str:
    return f"lait/lait_data_dictionary.csv: {len(lait_dictionary()):,} measures, OK"


def _prices(raw: Path, year_max: int | None) -> str:
    """Both ONS indices: every period readable, every value above zero, one row per period."""
    lines = []
    for path in (raw / "prices" / GDP_DEFLATOR.name, raw / "prices" / CPIH.name):
        frame = price_index(path)
        quarters = frame[frame["quarter"] > 0]
        lines.append(f"{path.name} ({frame['series_id'].iloc[0]}, {len(frame):,} periods to "
                     f"{quarters['period'].iloc[-1] if len(quarters) else frame['period'].iloc[-1]})")
    return "prices: " + "; ".join(lines) + ", OK"


def _expenditure(raw: Path, year_max: int | None) -> str:
    """MHCLG's revenue outturn, read as the cost chapter reads it (the reader names sheet, row and column)."""
    frame = ro3_looked_after_lines(raw / "expenditure" / RO3.name)
    return f"expenditure/{RO3.name}: {len(frame):,} rows of 2024-25 looked-after spending, OK"


#: Files whose layout varies by year or format (many SFR tables, Ofsted's workbooks turned into CSV
#: with header rows, GeoJSON): checked by reading them as the book does, which names the file, row
#: and column of anything it cannot read.
READER_CHECKS = {"cla_sfr_underlying_2010_2017/": _sfr, "ofsted_providers/": _ofsted,
                 "boundaries/": _boundaries, "lait/lait_data_dictionary.csv": _lait_dictionary,
                 "prices/": _prices, "expenditure/": _expenditure}


def is_checked(relative: str) -> bool:
    """Whether ``validate`` checks a raw file (a path relative to ``data/raw``)."""
    return (any(relative == check.path for check in FILE_CHECKS)
            or any(relative.startswith(prefix) for prefix in READER_CHECKS))


def validate_public_inputs(year_max: int | None = None, raw: Path = DATA_RAW,
                           checks: list[FileCheck] | None = None) -> list[str]:
    """Validate every raw input file; return summary lines, or raise on the first problem."""
    lines = [validate_file(raw / check.path, check, year_max) for check in (checks or FILE_CHECKS)]
    if checks is None:
        lines += [check(raw, year_max) for check in READER_CHECKS.values()]
    return lines
