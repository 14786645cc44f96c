"""Input validation: real files pass; broken copies fail with file, row and column named."""
from __future__ import annotations

import gzip
import shutil
from pathlib import Path

import pytest

from sufficiency.core.errors import InputError
from sufficiency.core.paths import DATA_RAW
from sufficiency.data.validate import FILE_CHECKS, READER_CHECKS, FileCheck, validate_file, validate_public_inputs

RATE = "cla_dfe_ees/cla_number_and_rate_per_10k_children.csv"
RATE_CHECK = next(c for c in FILE_CHECKS if c.path == RATE)
HEADER = ("source_release,time_period,time_identifier,geographic_level,country_code,country_name,region_code,"
          "region_name,old_la_code,la_name,new_la_code,population_type,population_estimate,children_count,"
          "rate_per_10000")
GOOD_ROWS = [
    "R2025,2025,Reporting year,Local authority,E92000001,England,E13000001,Inner London,209,Lewisham,E09000023,"
    "Children looked after on 31 March each year,62052,439,71",
    "R2025,2025,Reporting year,Local authority,E92000001,England,E13000001,Inner London,209,Lewisham,E09000023,"
    "Children starting to be looked after each year,62052,166,27",
    "R2025,2025,Reporting year,Local authority,E92000001,England,E13000001,Inner London,201,City of London,"
    "E09000001,Children looked after on 31 March each year,847,c,c",
]


def write(tmp_path, lines, name="rates.csv"):
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def check(tmp_path, lines, year_max=2025):
    return validate_file(write(tmp_path, lines), RATE_CHECK, year_max)


def test_small_good_file_passes_and_markers_are_allowed(tmp_path):
    assert check(tmp_path, [HEADER] + GOOD_ROWS) == f"{RATE}: 3 rows, years 2025-2025 used, OK"


def test_real_small_files_pass():
    lines = validate_public_inputs(2025, checks=[RATE_CHECK] + [c for c in FILE_CHECKS if "neighbours" in c.path])
    assert lines[0] == f"{RATE}: 3,510 rows, years 2019-2025 used, OK"
    assert all(line.endswith("OK") for line in lines)


def test_year_max_is_reported(tmp_path):
    assert check(tmp_path, [HEADER] + GOOD_ROWS, year_max=2024).endswith("no years up to 2024 (first year 2025)")
    lines = validate_public_inputs(2024, checks=[RATE_CHECK])
    assert lines == [f"{RATE}: 3,510 rows, years 2019-2024 used (later years to 2025 ignored), OK"]


@pytest.mark.slow
def test_every_real_file_passes():
    lines = validate_public_inputs(2025)
    assert len(lines) == len(FILE_CHECKS) + len(READER_CHECKS) and all(line.endswith("OK") for line in lines)


def test_missing_column(tmp_path):
    header = HEADER.replace(",children_count", "")
    rows = [r.rsplit(",", 2)[0] + "," + r.rsplit(",", 1)[1] for r in GOOD_ROWS]
    with pytest.raises(InputError) as caught:
        check(tmp_path, [header] + rows)
    message = str(caught.value)
    assert "rates.csv" in message and "header row" in message and "children_count" in message


def test_text_in_a_number_column(tmp_path):
    rows = GOOD_ROWS[:1] + [GOOD_ROWS[1].replace(",166,", ",about 160,")] + GOOD_ROWS[2:]
    with pytest.raises(InputError) as caught:
        check(tmp_path, [HEADER] + rows)
    message = str(caught.value)
    assert "rates.csv, row 3, column 'children_count'" in message
    assert "'about 160'" in message and "a number or a DfE marker" in message


def test_negative_count(tmp_path):
    rows = GOOD_ROWS[:2] + [GOOD_ROWS[2].replace(",847,", ",-847,")]
    with pytest.raises(InputError, match=r"rates.csv, row 4, column 'population_estimate': found '-847'; "
                                         r"expected a count or share of zero or more"):
        check(tmp_path, [HEADER] + rows)


def test_duplicated_rows(tmp_path):
    rows = GOOD_ROWS + [GOOD_ROWS[0].replace(",439,", ",440,")]
    with pytest.raises(InputError) as caught:
        check(tmp_path, [HEADER] + rows)
    message = str(caught.value)
    assert "rates.csv, row 5" in message and "first at row 2" in message and "old_la_code='209'" in message


def test_bad_year(tmp_path):
    rows = [GOOD_ROWS[0].replace("R2025,2025,", "R2025,2025-26,")] + GOOD_ROWS[1:]
    with pytest.raises(InputError, match=r"row 2, column 'time_period': found '2025-26'"):
        check(tmp_path, [HEADER] + rows)


def test_empty_file(tmp_path):
    path = tmp_path / "rates.csv"
    path.write_text("")
    with pytest.raises(InputError, match="rates.csv: the file is empty"):
        validate_file(path, RATE_CHECK)


def test_header_only(tmp_path):
    with pytest.raises(InputError, match="rates.csv: the file has a header but no data rows"):
        check(tmp_path, [HEADER])


def test_wrong_encoding(tmp_path):
    path = tmp_path / "rates.csv"
    text = "\n".join([HEADER] + [GOOD_ROWS[0].replace("Lewisham", "Lewisham Café")]) + "\n"
    path.write_bytes(text.encode("cp1252"))
    with pytest.raises(InputError) as caught:
        validate_file(path, RATE_CHECK)
    message = str(caught.value)
    assert "rates.csv" in message and "byte" in message and "UTF-8" in message


def test_missing_file(tmp_path):
    with pytest.raises(InputError, match="the file is missing"):
        validate_file(tmp_path / "nope.csv", RATE_CHECK)


def test_gzipped_copy_with_a_broken_cell(tmp_path):
    source = DATA_RAW / "statistical_neighbours" / "statistical_neighbours_2025_long.csv"
    lines = source.read_text(encoding="utf-8").splitlines()
    lines[10] = lines[10].replace(",", ",x", 2).replace(",x", ",", 1)   # sn_rank becomes 'x…'
    lines[10] = ",".join(part if i != 2 else "ten" for i, part in enumerate(lines[10].split(",")))
    path = tmp_path / "sn.csv.gz"
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        fh.write("\n".join(lines) + "\n")
    sn_check = FileCheck("sn.csv.gz", ["la_number", "sn_rank"], ["sn_rank"], ["sn_rank"], year=None)
    with pytest.raises(InputError, match=r"sn.csv.gz, row 11, column 'sn_rank': found 'ten'"):
        validate_file(path, sn_check)


def test_validate_public_inputs_stops_at_the_first_broken_file(tmp_path):
    raw = tmp_path / "raw"
    (raw / "cla_dfe_ees").mkdir(parents=True)
    shutil.copy(DATA_RAW / RATE, raw / RATE)
    with open(raw / RATE, "a", encoding="utf-8") as fh:
        fh.write(GOOD_ROWS[0].replace(",439,", ",lots,") + "\n")
    with pytest.raises(InputError, match=r"row 3512, column 'children_count': found 'lots'"):
        validate_public_inputs(2025, raw=raw, checks=[RATE_CHECK])


def test_a_year_missing_from_a_published_series_is_reported(tmp_path):
    """Dropping 2023 from the stability file used to pass unnoticed (the chart joined 2022 to 2024)."""
    check = next(c for c in FILE_CHECKS if c.path.endswith("la_cla_placement_stability.csv.gz"))
    lines = gzip.decompress((DATA_RAW / check.path).read_bytes()).decode("utf-8").splitlines(keepends=True)
    kept = [lines[0]] + [ln for ln in lines[1:] if ln.split(",")[1] != "2023"]
    assert len(kept) < len(lines)
    path = tmp_path / "la_cla_placement_stability.csv.gz"
    path.write_bytes(gzip.compress("".join(kept).encode("utf-8")))
    summary = validate_file(path, check, 2025)
    assert "years 2018-2025 used; no rows for 2023: the series has a gap there" in summary
    assert "no rows for" not in validate_file(DATA_RAW / check.path, check, 2025)


def test_the_uasc_transfer_file_is_checked(tmp_path):
    check = next(c for c in FILE_CHECKS if c.path.startswith("uasc_nts/"))
    text = (DATA_RAW / check.path).read_text(encoding="utf-8").splitlines()
    text[1] = text[1].rsplit(",", 1)[0] + ",several"
    path = tmp_path / "nts.csv"
    path.write_text("\n".join(text) + "\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        validate_file(path, check, 2025)
    assert "row 2, column 'Transfers into LA from port/intake unit'" in str(err.value)
    assert "'several'" in str(err.value)


@pytest.mark.slow
def test_every_published_file_the_book_reads_is_checked_by_validate():
    """A bad value in a file no check covered (the UASC transfers) used to pass `validate` and then
    fail the build; every file a page of the default edition read must be one `validate` checks."""
    import json

    from sufficiency.core.paths import PROJECT_ROOT
    from sufficiency.data.validate import is_checked

    records = sorted((PROJECT_ROOT / ".cache" / "editions").glob("209-20??/*.json"))
    if not records:
        pytest.skip("the default book has not been built (run `make book` first)")
    reads = {path for record in records for path in json.loads(record.read_text())["reads"]}
    raw = [Path(p).resolve().relative_to(DATA_RAW.resolve()).as_posix() for p in reads
           if Path(p).resolve().is_relative_to(DATA_RAW.resolve())]
    assert len(raw) > 20
    assert [r for r in raw if not is_checked(r)] == []


def test_the_price_indices_are_checked(tmp_path):
    """validate reads both ONS indices as the cost chapter does: a quarter it cannot read stops it,
    naming the file, row and column."""
    (tmp_path / "prices").mkdir()
    for name in ("ons_gdp_deflator_ybgb.csv", "ons_cpih_l522.csv"):
        shutil.copy(DATA_RAW / "prices" / name, tmp_path / "prices" / name)
    assert READER_CHECKS["prices/"](tmp_path, 2025) == (
        "prices: ons_gdp_deflator_ybgb.csv (YBGB, 158 periods to 2025 Q1); "
        "ons_cpih_l522.csv (L522, 119 periods to 2025 Q2), OK")
    broken = tmp_path / "broken"    # another folder: the reader keeps what it read from the first
    shutil.copytree(tmp_path / "prices", broken / "prices")
    path = broken / "prices" / "ons_gdp_deflator_ybgb.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[-1] = lines[-1].replace(",2025 Q1,", ",2025 Q5,")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        READER_CHECKS["prices/"](broken, 2025)
    assert str(err.value).endswith(f"row {len(lines)}, column 'period': found '2025 Q5'; expected a year such as "
                                   "2024 or a quarter such as 2024 Q3, matching period_type.")


def test_the_revenue_outturn_is_checked(tmp_path):
    """A figure that is neither money nor one of MHCLG's bracketed notes stops validate, naming the
    sheet, row and column (a small workbook laid out as MHCLG's, to keep the test quick)."""
    import pandas as pd

    from sufficiency.data.published.spending import RO3, RO3_LINES, RO3_SHEET

    header = ["E-code", "ONS Code", "Local authority", *RO3_LINES]
    rows = [["Title of the table"] + [None] * (len(header) - 1), header,
            ["E5018", "E09000023", "Lewisham", "75897", "36702", "18456", "[note 4]", "20739", "2847"],
            ["E5019", "E09000024", "Merton", "about 40000", "1", "1", "0", "1", "1"]]
    good = tmp_path / "good" / "expenditure"
    good.mkdir(parents=True)
    pd.DataFrame(rows[:3]).to_excel(good / RO3.name, sheet_name=RO3_SHEET, header=False, index=False, engine="odf")
    assert READER_CHECKS["expenditure/"](good.parent, 2025) == (
        "expenditure/RO3_LA_Data_2024-25_data_by_LA.ods: 1 rows of 2024-25 looked-after spending, OK")
    folder = tmp_path / "expenditure"
    folder.mkdir()
    pd.DataFrame(rows).to_excel(folder / RO3.name, sheet_name=RO3_SHEET, header=False, index=False, engine="odf")
    with pytest.raises(InputError) as err:
        READER_CHECKS["expenditure/"](tmp_path, 2025)
    assert str(err.value).endswith(
        f"sheet {RO3_SHEET}, row 4, column \"Children's social care - Children Looked After - Total Expenditure "
        "(C3 = C1 + C2)\": found 'about 40000'; expected spending in £ thousand or a bracketed note such as [x].")
