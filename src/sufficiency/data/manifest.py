"""The data manifest: where every raw file came from, and a checksum to prove it is unchanged.

``data/manifest.csv`` has one row per file under ``data/raw`` with its publisher,
licence, origin (``repository@commit:path``, as in the folder's PROVENANCE.md),
years covered, SHA-256 checksum and size. :func:`build_manifest` writes it from
the table of sources below; :func:`verify_manifest` checks the files on disk
against it and returns a list of problems (empty when all is well).

>>> _origin_for("lait", "lait_data_dictionary.csv").startswith("dfe-analytical-services/")
True
"""
from __future__ import annotations

import csv
import fnmatch
import re
from dataclasses import dataclass
from pathlib import Path

from sufficiency.core.digests import file_digest
from sufficiency.core.errors import InputError
from sufficiency.core.paths import DATA_RAW, MANIFEST

COLUMNS = ["path", "source_folder", "publisher", "licence", "origin", "coverage", "sha256", "bytes"]

OGL = "Open Government Licence v3.0"

# Commits named in the PROVENANCE.md files (full hashes where the note gives them).
CSC = "dfe-analytical-services/CSC_outcomes_and_enablers@2f5d11a431050523dab58810083259d3313029ae"
CSC_2020 = "dfe-analytical-services/CSC_outcomes_and_enablers@1329930840af1494de032849c2f07a5d58e08f61"
LAIT = "dfe-analytical-services/local-authority-interactive-tool@2e30e3959a6ab8b2d22941b84764da41a40ac91b"
GOODAIR = "BenGoodair/childrens_social_care_data@ca4389abf37edc6531b03995b1d30be0e1a37807"
CARE_MARKETS = "BenGoodair/Care-Markets@0d19b24aadc68dfae380e9b00d15209884e02c04"
SMC = "ukgov-equality-hub/smc-son@0dcee7a850f927c3c2c6befb3745dd6711ff1c6d"
ASYLUM = "humaniverse/asylum@e7044ecf2a924a5fccc6bd1011ef71cf4e90c383"
EES_DIR = "Raw_Data/LA_level/Children_Placement_Characteristics"


@dataclass(frozen=True)
class Source:
    """What is known about the files matching ``pattern`` inside one raw folder.

    ``origin`` may contain ``{name}`` (the file name) and ``{stem}`` (name
    without ``.gz``), filled in per file.
    """

    folder: str
    pattern: str
    publisher: str
    origin: str
    coverage: str
    licence: str = OGL


# First matching row wins, so specific patterns come before a folder's catch-all.
DEFRA = "Defra-Data-Science-Centre-of-Excellence/DefraUtils@8a30bcaba1b40964a4225fc1cfb2746187728610"

SOURCES: list[Source] = [
    # --- provenance notes written when the data were gathered
    Source("*", "PROVENANCE.md", "this project (provenance note)", "written when the folder was assembled", "-",
           "Open Government Licence v3.0 (describes OGL data)"),
    # --- boundaries
    Source("boundaries", "ctyua_dec2022_england_buc.geojson", "Office for National Statistics",
           f"{SMC}:son/static/data/maps/Counties_and_Unitary_Authorities_(December_2022)_UK_BUC.geojson "
           "(England only, reprojected to EPSG:4326)", "December 2022 boundaries"),
    Source("boundaries", "utla_apr2023_england_buc_derived.geojson", "Office for National Statistics",
           f"derived from {SMC}:son/static/data/maps/Counties_and_Unitary_Authorities_(December_2022)_UK_BUC.geojson "
           "and Local_Authority_Districts_(May_2021)_UK_BUC.geojson (dissolves of 2023 unitaries)",
           "April 2023 boundaries"),
    Source("boundaries", "lad_may2021_england_buc.geojson", "Office for National Statistics",
           f"{SMC}:son/static/data/maps/Local_Authority_Districts_(May_2021)_UK_BUC.geojson "
           "(England only, reprojected to EPSG:4326)", "May 2021 boundaries"),
    Source("boundaries", "london_boroughs_buc.geojson", "Office for National Statistics",
           f"subset E09000001-E09000033 of {SMC}:son/static/data/maps/"
           "Counties_and_Unitary_Authorities_(December_2022)_UK_BUC.geojson", "December 2022 boundaries"),
    Source("boundaries", "ltla_utla_apr2023_lookup_ew.csv", "Office for National Statistics",
           f"{CSC}:data-raw/LTLA-UTLA_Apr23_Lookup_England-Wales.csv", "April 2023"),
    # --- DfE CSC outcomes and enablers dashboard extracts
    Source("cla_dfe_csc_dashboard", "cla_on_31_march_by_characteristics.csv.gz", "Department for Education",
           f"{CSC}:data/combined_cla_31_march_data.rds (2021-2025) + {CSC_2020}:data/combined_cla_31_march_data.rds "
           "(2020), converted from .rds", "2020-2025"),
    Source("cla_dfe_csc_dashboard", "cla_started_by_characteristics.csv.gz", "Department for Education",
           f"{CSC}:data/cla_placements.rds (converted from .rds)", "2020-2025"),
    Source("cla_dfe_csc_dashboard", "cla_ceased_by_characteristics.csv.gz", "Department for Education",
           f"{CSC}:data/ceased_cla_data.rds (converted from .rds)", "2021-2025"),
    Source("cla_dfe_csc_dashboard", "cs_expenditure_2024_25.csv", "Department for Education",
           f"{CSC}:data/spending_per_capita.rds + data/spending_data_no_cla.rds (converted from .rds)", "2024-25"),
    # --- DfE EES tables, stitched across releases
    Source("cla_dfe_ees", "national_2024_release/*", "Department for Education",
           f"{GOODAIR}:{EES_DIR}/post_2017_updated25/data/{{name}}", "to 2024 (release 2024)"),
    Source("cla_dfe_ees", "data-guidance_cla_2022_release.txt", "Department for Education",
           f"{GOODAIR}:{EES_DIR}/post_2017/data-guidance/", "release 2022"),
    Source("cla_dfe_ees", "data-guidance_cla_2023_release.txt", "Department for Education",
           f"{GOODAIR}:{EES_DIR}/post_2017_updated24/data-guidance/", "release 2023"),
    Source("cla_dfe_ees", "cla_number_and_rate_per_10k_children.csv", "Department for Education",
           f"{CSC}:data-raw/{{stem}} (R2025) + {GOODAIR}:{EES_DIR}/post_2017_updated25|post_2017_updated24/data/ "
           "(R2024, R2023); stitched, newest release wins", "2019-2025"),
    Source("cla_dfe_ees", "la_cla_who_started_to_be_looked_after.csv.gz", "Department for Education",
           f"{GOODAIR}:{EES_DIR}/post_2017/data/ (R2022)", "2018-2022"),
    Source("cla_dfe_ees", "la_cla_placement_stability.csv.gz", "Department for Education",
           f"{CSC}:data-raw/ (R2025) + {GOODAIR}:{EES_DIR}/post_2017*/data/ (R2022-R2024); stitched, newest "
           "release wins", "2018-2025"),
    Source("cla_dfe_ees", "la_cla_during_year_new_placements.csv.gz", "Department for Education",
           f"{CSC}:data-raw/ (R2025) + {GOODAIR}:{EES_DIR}/post_2017*/data/ (R2022-R2024); stitched, newest "
           "release wins", "2018-2025"),
    Source("cla_dfe_ees", "la_care_leavers_a*", "Department for Education",
           f"{CSC}:data-raw/ (R2025) + {GOODAIR}:{EES_DIR}/post_2017*/data/ (R2022-R2024); stitched, newest "
           "release wins", "2018-2025"),
    Source("cla_dfe_ees", "*", "Department for Education",
           f"{GOODAIR}:{EES_DIR}/post_2017*/data/{{stem}} (R2022-R2024); stitched, newest release wins",
           "2018-2024"),
    # --- pre-EES statistical first release underlying data
    Source("cla_sfr_underlying_2010_2017", "*", "Department for Education",
           f"{GOODAIR}:{EES_DIR}/{{name}} (spaces in names replaced by _)", "{year}"),
    # --- expenditure
    Source("expenditure", "*", "Ministry of Housing, Communities and Local Government",
           f"{CSC}:data-raw/{{name}}", "2024-25"),
    # --- LAIT
    Source("lait", "lait_bds_long.csv.gz", "Department for Education (compiling DfE, ONS, Ofsted and others)",
           f"{LAIT}:01_data/02_prod/bds_long_0.parquet (converted to CSV, data item forward-filled)",
           "2016-2025"),
    Source("lait", "la_code_list.csv", "Department for Education",
           f"{LAIT}:01_data/02_prod/la_code_list.xlsx (converted to CSV)", "current LAs"),
    Source("lait", "*", "Department for Education", f"{LAIT}:01_data/02_prod/{{name}}", "2016-2025"),
    # --- Ofsted
    Source("ofsted_providers", "ofsted_joiners_leavers_*", "Ofsted",
           f"{GOODAIR}:Raw_Data/Provider_level/joiners_leavers_{{yy}}.csv", "{year}"),
    Source("ofsted_providers", "*", "Ofsted",
           f"{CARE_MARKETS}:Data/Raw/provider_at_march_{{suffix}}.csv (gzipped)", "at 31 March {year}"),
    # --- population
    Source("population", "ons_mid-year_population_estimates_0_17_2012_to_2024.csv", "Office for National Statistics",
           f"{CSC}:data-raw/ons_mid-year_population_estimates_2012_to_2024.csv", "mid-2012 to mid-2024"),
    Source("population", "ons_census2021_ethnic_population_utla.csv", "Office for National Statistics",
           f"{CSC}:data-raw/ons-ethnic-population-la.csv", "Census 2021"),
    # --- statistical neighbours
    Source("statistical_neighbours", "statistical_neighbours_2025_*", "Department for Education",
           f"{LAIT}:01_data/02_prod/sn_may_2025.xlsx (converted to CSV)", "May 2025 model"),
    Source("statistical_neighbours", "statistical_neighbours_2021_*", "Department for Education",
           f"{LAIT}:01_data/02_prod/sn_april_2021.xlsx (converted to CSV)", "April 2021 model"),
    Source("statistical_neighbours", "dfe_csc_dashboard_*", "Department for Education",
           f"{CSC}:data-raw/{{dashboard_name}}", "{model} model"),
    # --- UASC National Transfer Scheme
    Source("uasc_nts", "*", "Home Office", f"{ASYLUM}:data-raw/nts.csv", "2016 Q3 to 2023 Q3"),
    # --- ONS price indices (costs carried to one price year)
    Source("prices", "ons_cpih_l522.csv", "Office for National Statistics",
           f"{DEFRA}:data-raw/cpih_deflators.csv (tidied to one row per period, values unchanged)",
           "1988-2024 years; 2005 Q1-2025 Q2"),
    Source("prices", "ons_gdp_deflator_ybgb.csv", "Office for National Statistics",
           f"{DEFRA}:data-raw/gdp_deflators.csv (tidied to one row per period, values unchanged)",
           "1948-2024 years; 2005 Q1-2025 Q1"),
]


def _fill(template: str, folder: str, relative: str) -> str:
    """Fill the per-file placeholders of an origin/coverage template."""
    name = Path(relative).name
    stem = name[:-3] if name.endswith(".gz") else name
    years = re.findall(r"(20\d\d)", relative)
    year = years[-1] if years else "-"
    suffix = stem.removeprefix("ofsted_provider_level_at_31_march_").removesuffix(".csv")
    return template.format(
        name=relative if folder == "cla_sfr_underlying_2010_2017" else name,
        stem=stem, year=year, yy=year[2:], suffix=suffix,
        dashboard_name=stem.removeprefix("dfe_csc_dashboard_"),
        model="May 2025" if "2025" in name else "April 2021",
    )


def _source_for(folder: str, relative: str) -> Source | None:
    for source in SOURCES:
        if source.folder in (folder, "*") and fnmatch.fnmatch(relative, source.pattern):
            return source
    return None


def _origin_for(folder: str, relative: str) -> str:
    source = _source_for(folder, relative)
    return _fill(source.origin, folder, relative) if source else ""


def sha256_of(path: Path) -> str:
    """SHA-256 of a file's bytes, read in blocks (the build's own digest)."""
    return file_digest(path)


def raw_files(raw: Path = DATA_RAW) -> list[Path]:
    """Every file under ``data/raw`` (hidden files and caches excluded), sorted."""
    return sorted(p for p in raw.rglob("*")
                  if p.is_file() and not any(part.startswith(".") or part == "__pycache__"
                                             for part in p.relative_to(raw).parts))


def manifest_rows(raw: Path = DATA_RAW) -> list[dict[str, str]]:
    """One manifest row per raw file, computed from the files and :data:`SOURCES`."""
    return [_row_for(raw, path) for path in raw_files(raw)]


def _row_for(raw: Path, path: Path) -> dict[str, str]:
    """The manifest row of one raw file: its source's publisher, licence, origin and coverage from
    :data:`SOURCES` (empty when no source matches), and its checksum and size."""
    folder, _, relative = path.relative_to(raw).as_posix().partition("/")
    source = _source_for(folder, relative)
    return {
        "path": path.relative_to(raw.parent).as_posix(),
        "source_folder": folder,
        "publisher": source.publisher if source else "",
        "licence": source.licence if source else "",
        "origin": _fill(source.origin, folder, relative) if source else "",
        "coverage": _fill(source.coverage, folder, relative) if source else "",
        "sha256": sha256_of(path),
        "bytes": str(path.stat().st_size),
    }


def _write(rows: list[dict[str, str]], manifest: Path) -> None:
    with open(manifest, "w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def build_manifest(raw: Path = DATA_RAW, manifest: Path = MANIFEST) -> Path:
    """Write ``data/manifest.csv`` afresh from the raw files; return its path."""
    _write(manifest_rows(raw), manifest)
    return manifest


def read_manifest(manifest: Path = MANIFEST) -> list[dict[str, str]]:
    """The manifest rows as dictionaries (no pandas needed)."""
    with open(manifest, newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def verify_manifest(raw: Path = DATA_RAW, manifest: Path = MANIFEST) -> list[str]:
    """Compare the raw files with the manifest; return one line per problem.

    Problems: the manifest is missing or lacks columns, a listed file is missing,
    its size or checksum differs, a raw file is not listed, a row lacks
    publisher/licence/origin.
    """
    if not manifest.exists():
        return [f"{manifest.name}: the manifest is missing; run build_manifest()"]
    rows = read_manifest(manifest)
    problems = []
    if rows and set(COLUMNS) - set(rows[0]):
        return [f"{manifest.name}: missing columns {sorted(set(COLUMNS) - set(rows[0]))}"]
    listed, unlisted = _walk(raw, rows)
    for number, row, path in listed:
        where = f"{manifest.name} row {number} ({row['path']})"
        for column in ("publisher", "licence", "origin"):
            if not row[column].strip():
                problems.append(f"{where}: empty {column}")
        if not path.is_file():
            problems.append(f"{where}: file is missing")
            continue
        if str(path.stat().st_size) != row["bytes"]:
            problems.append(f"{where}: size {path.stat().st_size} bytes, manifest says {row['bytes']}")
        if sha256_of(path) != row["sha256"]:
            problems.append(f"{where}: checksum differs from the manifest (file changed)")
    problems += [f"{relative}: not listed in {manifest.name}" for _, relative in unlisted]
    return problems


def _walk(raw: Path, rows: list[dict[str, str]]) -> tuple[list[tuple[int, dict, Path]], list[tuple[Path, str]]]:
    """The manifest's rows with their row numbers (the header is row 1) and files, and the raw
    files it does not list, each with its path relative to the data folder."""
    base = raw.parent
    listed = [(number, row, base / row["path"]) for number, row in enumerate(rows, start=2)]
    known = {row["path"] for row in rows}
    unlisted = [(path, path.relative_to(base).as_posix()) for path in raw_files(raw)]
    return listed, [(path, relative) for path, relative in unlisted if relative not in known]


def check_checksums(raw: Path = DATA_RAW, manifest: Path = MANIFEST, *, digest=file_digest) -> int:
    """Stop with an :class:`InputError` when a raw file is not the one the manifest records.

    Every build and ``sufficiency validate`` call this first, so a published file edited by hand (or
    damaged) is never read as if it were the publisher's. The message names the file, both
    digests, and the command that accepts a new release deliberately. ``digest`` may be a memo's
    (the build's) so unchanged files are not hashed again. Returns the number of files checked.
    """
    if not manifest.exists():
        raise InputError(manifest, problem="the data manifest is missing",
                         hint="restore it from version control, or write it afresh with "
                              "`python -m sufficiency.data.manifest` after checking every file's provenance")
    rows = read_manifest(manifest)
    if rows and set(COLUMNS) - set(rows[0]):
        raise InputError(manifest, "header", repr(sorted(rows[0])), f"the columns {COLUMNS}")
    accept = "if the publisher has released a new version, record it with `sufficiency accept-data {path}`"
    listed, unlisted = _walk(raw, rows)
    for number, row, path in listed:
        if not path.is_file():
            raise InputError(path, problem=f"this published file is listed in {manifest.name} (row {number}) "
                                           "but is missing", hint="restore it from version control")
        actual = digest(path)
        if actual != row["sha256"]:
            raise InputError(path, f"{manifest.name} row {number}", f"SHA-256 {actual[:16]}…",
                             f"{row['sha256'][:16]}…, the checksum recorded for the published file: it "
                             "has been changed since it was downloaded",
                             hint="restore it from version control; " + accept.format(path=row["path"]))
    if unlisted:
        path, relative = unlisted[0]
        raise InputError(path, problem=f"this file is not listed in {manifest.name}, so its source and "
                                       "licence are unknown",
                         hint="add a PROVENANCE.md note for it and " + accept.format(path=relative))
    return len(rows)


def accept_files(paths: list[str | Path], raw: Path = DATA_RAW, manifest: Path = MANIFEST, *,
                 origin: str | None = None, coverage: str | None = None) -> list[str]:
    """Record new checksums (and, when given, a new origin and coverage) for raw files: how a new
    release is accepted deliberately. A file not yet listed gets a row, with its publisher and
    licence from :data:`SOURCES`. Returns one line per file saying what changed."""
    rows = read_manifest(manifest) if manifest.exists() else []
    by_path = {row["path"]: row for row in rows}
    said = []
    for given in paths:
        path = Path(given)
        path = path if path.is_absolute() else (raw.parent / path if (raw.parent / path).exists() else path.resolve())
        if not path.is_file() or not path.resolve().is_relative_to(raw.resolve()):
            raise InputError(given, problem="not a file under data/raw", hint="name a published file, "
                             "such as data/raw/cla_dfe_ees/la_cla_placement_stability.csv.gz")
        fresh = _row_for(raw.resolve(), path.resolve())
        row = by_path.get(fresh["path"])
        if row is None:
            if not fresh["publisher"] and not origin:
                raise InputError(given, problem="no known source for this file",
                                 hint="say where it came from with --origin")
            row = by_path[fresh["path"]] = fresh
            rows.append(row)
            before = "not listed"
        else:
            before = f"was {row['sha256'][:16]}…"
            row["sha256"], row["bytes"] = fresh["sha256"], fresh["bytes"]
        relative = row["path"]
        if origin:
            row["origin"] = origin
        if coverage:
            row["coverage"] = coverage
        said.append(f"{relative}: recorded {row['sha256'][:16]}… ({before})")
    rows.sort(key=lambda r: r["path"])
    _write(rows, manifest)
    return said


if __name__ == "__main__":  # pragma: no cover - maintenance entry point
    print(build_manifest())
    print("\n".join(verify_manifest()) or "manifest OK")
