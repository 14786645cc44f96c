"""MHCLG's revenue outturn for children's social care (RO3), 2024-25: what each council spent on
children looked after, split into residential care, fostering services, unaccompanied
asylum-seeking children and other, with the separate asylum seekers line (£).

The dashboard extract (``cla_dfe_csc_dashboard/cs_expenditure_2024_25.csv``) carries only the
looked-after total; this spreadsheet has the split. Figures are total expenditure (employees
plus running expenses), before income.
"""
from __future__ import annotations

from functools import lru_cache

import pandas as pd

from sufficiency.core import files
from sufficiency.core.errors import InputError
from sufficiency.core.paths import DATA_RAW

RO3 = DATA_RAW / "expenditure" / "RO3_LA_Data_2024-25_data_by_LA.ods"
RO3_YEAR = 2025     # the financial year 2024-25 ends in March 2025
RO3_SHEET = "RO3_LA_Data_202425"
#: RO3 columns (total expenditure, £ thousand) → column name in :func:`ro3_looked_after_lines`.
RO3_LINES = {
    "Children's social care - Children Looked After - Total Expenditure (C3 = C1 + C2)": "looked_after",
    "Children's social care - Children Looked After of which residential care - Total Expenditure (C3 = C1 + C2)":
        "residential",
    "Children's social care - Children Looked After of which fostering services - Total Expenditure (C3 = C1 + C2)":
        "fostering",
    "Children's social care - Children Looked After of which asylum seeking children who are looked after - "
    "Total Expenditure (C3 = C1 + C2)": "asylum_looked_after",
    "Children's social care - Children Looked After of which other - Total Expenditure (C3 = C1 + C2)": "other",
    "Children's social care - Asylum Seekers - Total Expenditure (C3 = C1 + C2)": "asylum_seekers",
}


@lru_cache(maxsize=1)
@files.disk_cached("published.spending.ro3")
def ro3_looked_after_lines(path=RO3) -> pd.DataFrame:
    """The 2024-25 looked-after lines of every council, £: ``ons_code, name`` and one column per
    :data:`RO3_LINES` value (NaN where MHCLG gives a bracketed note instead of a figure). Reading
    the spreadsheet takes half a minute, hence the caches."""
    path = files.record_read(path)
    if not path.exists():
        raise InputError(path, problem="the file is missing", hint="restore it from the repository")
    try:
        raw = pd.read_excel(path, engine="odf", sheet_name=RO3_SHEET, header=None, dtype=str)
    except ValueError:      # pandas' way of saying the sheet is not there
        raise InputError(path, problem=f"no sheet named {RO3_SHEET!r}",
                         expected="MHCLG's RO3 workbook for 2024-25 as published") from None
    header_rows = raw.index[raw[0].astype(str).str.strip() == "E-code"]
    if header_rows.empty:
        raise InputError(path, f"sheet {RO3_SHEET}, column A", "no header row starting 'E-code'",
                         "the revenue outturn table as MHCLG publishes it")
    head = int(header_rows[0])
    names = [str(v).strip() for v in raw.iloc[head]]
    missing = [c for c in ["ONS Code", "Local authority", *RO3_LINES] if c not in names]
    if missing:
        raise InputError(path, f"sheet {RO3_SHEET}, row {head + 1}", f"no column {missing[0]!r}",
                         "the looked-after lines of the 2024-25 revenue outturn (RO3)")
    body = raw.iloc[head + 1:].copy()
    body.columns = names
    body = body[body["ONS Code"].astype(str).str.match(r"^E\d{8}$")]
    out = pd.DataFrame({"ons_code": body["ONS Code"].str.strip(), "name": body["Local authority"]})
    for column, name in RO3_LINES.items():
        values = pd.to_numeric(body[column], errors="coerce")
        # MHCLG marks a missing figure with a bracketed note ('[x]', '[note 4]'): no figure, not an error.
        text = body[column].astype(str).str.strip()
        bad = values.isna() & ~(text.str.fullmatch(r"\[[^\]]+\]") | text.isin(["nan", ""]))
        if bad.any():
            label = bad.idxmax()
            raise InputError(path, f"sheet {RO3_SHEET}, row {label + 1}, column {column!r}",
                             repr(body.loc[label, column]), "spending in £ thousand or a bracketed note such as [x]")
        out[name] = values * 1000
    return out.reset_index(drop=True)
