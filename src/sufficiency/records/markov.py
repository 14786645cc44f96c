"""Movements between placement types, year on year, and a stock-and-flow projection.

Each child looked after on 31 March of a year is followed to 31 March of the next: in
the same or another placement type, in the same or the next age band, or out of care.
Children who entered during the year and are still looked after at its end are the
year's *entries*. Pooling a few recent years gives:

- annual transition rates from (age band, placement type) to (age band, placement type)
  or to leaving care;
- the mean number of entries into each (age band, placement type) a year.

The projection is a stock-and-flow (Markov chain) model, in the manner of the Social
Finance children's services demand model: next year's stock is this year's stock moved
by the transition rates, plus the mean entries. Its output, by year, is the expected
number looked after on 31 March by placement type (measure
``projected_cla_by_placement_type``) and by age band (``projected_cla_by_age``), each
with its total as breakdown ''.

Assumptions, in plain words:

- **The recent past holds.** Rates and entries are the averages of the ``history``
  years up to the origin (3 by default) and stay fixed over the projection.
- **Ageing comes from the data.** Transitions are counted between observed states, so
  a 15-year-old who turns 16 moves from "10 to 15 years" to "16 years and over" because
  that is what was recorded; young people leave care at 18 the same way. This assumes
  the ages of children *within* each band stay much as they were over the history.
  :func:`ageing` tabulates these moves (children only ever stay in a band or move up one).
- **Short stays are invisible.** Children who enter and leave within the same year
  never appear in a 31 March stock, so they are in neither the rates nor the entries
  (they do not change the stocks).
- **A state nobody was in** during the history has no rates: anyone projected into it
  is assumed to stay put.
- **Uncertainty** (``intervals=True``): 80% ranges from a seeded simulation that draws
  the rates and entries from what the history allows (Dirichlet and gamma draws from the
  counts) and then moves each child at random (multinomial moves, Poisson entries).
  This covers chance and the limited history, not a change in policy or practice, so
  the ranges are a lower bound on the real uncertainty: :mod:`.backtest` reports how
  often they held the actual figure.

>>> sorted(SHORT_NAMES.values())[:3]
['Adoption', "Children's homes", 'Foster']
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass

import numpy as np
import pandas as pd

from sufficiency.core.assumptions import RECORDS_SIMULATION_DRAWS, RECORDS_SIMULATION_SEED
from sufficiency.core.errors import InputError
from sufficiency.records.indicators import AGE_BANDS, age_on, band, looked_after_on, prepare
from sufficiency.records.read import Extract, censor

LEFT = "Left care"
ENTERED = "Entered care"
#: Short names for the placement-type groups, for tables of transitions.
SHORT_NAMES = {
    "Foster placements": "Foster",
    "Placed for adoption": "Adoption",
    "Placed with parents or other person with parental responsibility": "With parents",
    "Independent and semi-independent living arrangements/supported accommodation": "Supported/independent",
    "Secure homes and children's homes": "Children's homes",
    "Other residential settings": "Other residential",
    "Residential schools": "Residential school",
    "Other placements": "Other",
}
AGE_LABELS = [label for _, label in AGE_BANDS]
PLACEMENT_LABELS = list(SHORT_NAMES.values())
#: Tidy measures of :func:`project`.
BY_PLACEMENT = "projected_cla_by_placement_type"
BY_AGE = "projected_cla_by_age"
#: Fixed seed and number of draws for the simulated ranges: same inputs, same outputs.
SIMULATION_SEED = RECORDS_SIMULATION_SEED
SIMULATION_DRAWS = RECORDS_SIMULATION_DRAWS
STATES = pd.MultiIndex.from_product([AGE_LABELS, PLACEMENT_LABELS], names=["age_band", "placement"])


def stock(prepared: pd.DataFrame, year: int) -> pd.DataFrame:
    """Children looked after on 31 March ``year``: CHILD, age_band, placement (short name)."""
    day = pd.Timestamp(year, 3, 31)
    known = prepared[prepared["DECOM"] <= day]
    rows = looked_after_on(known, day)
    return pd.DataFrame({"CHILD": rows["CHILD"].to_numpy(),
                         "age_band": np.asarray(band(age_on(rows["DOB"], day), AGE_BANDS)),
                         "placement": rows["group"].map(SHORT_NAMES).to_numpy()})


def first_complete_stock(extract: Extract) -> int:
    """The earliest 31 March whose stock the extract holds in full.

    An annual return holds every episode open at some time in its year, so the first
    return (say 2019-20) holds everyone looked after on 31 March 2019. Its earliest end
    date (DEC) falls in that first year: the stock on the 31 March before it is complete.
    A single file with a long history gives an early year the same way.
    """
    ends = extract.episodes["DEC"].dropna()
    first = ends.min() if len(ends) else extract.episodes["DECOM"].max()
    return int(first.year + (first.month > 3)) - 1


def last_complete_stock(extract: Extract) -> int:
    """The latest 31 March the extract covers (its collection year, or the one holding the last start)."""
    if extract.year is not None:
        return int(extract.year)
    last = extract.episodes["DECOM"].max()
    return int(last.year + (last.month > 3))


def movements(extract: Extract, years, *, prepared: pd.DataFrame | None = None) -> pd.DataFrame:
    """Counts of children by year, from (age band, placement) on 31 March of the year before to the
    same on 31 March of ``year`` (or ``Left care``); entries have from_placement ``Entered care``."""
    prepared = prepare(extract) if prepared is None else prepared
    parts = []
    for year in years:
        before, after = stock(prepared, year - 1), stock(prepared, year)
        both = before.merge(after, on="CHILD", how="outer", suffixes=("_from", "_to"))
        both["placement_from"] = both["placement_from"].fillna(ENTERED)
        both["age_band_from"] = both["age_band_from"].fillna("")
        both["placement_to"] = both["placement_to"].fillna(LEFT)
        both["age_band_to"] = both["age_band_to"].fillna("")
        counts = both.groupby(["age_band_from", "placement_from", "age_band_to", "placement_to"]).size()
        parts.append(counts.rename("children").reset_index().assign(year=year))
    columns = ["year", "age_band_from", "placement_from", "age_band_to", "placement_to", "children"]
    return pd.concat(parts, ignore_index=True)[columns] if parts else pd.DataFrame(columns=columns)


def transition_rates(moves: pd.DataFrame) -> pd.DataFrame:
    """Pooled annual rates: the share of children in each (age band, placement) a year later in each
    (age band, placement) or out of care. Entries are left out (see :func:`entries`)."""
    stayed = moves[moves["placement_from"] != ENTERED]
    key_from = ["age_band_from", "placement_from"]
    pooled = stayed.groupby(key_from + ["age_band_to", "placement_to"], as_index=False)["children"].sum()
    pooled["rate"] = pooled["children"] / pooled.groupby(key_from)["children"].transform("sum")
    return pooled


def entries(moves: pd.DataFrame) -> pd.DataFrame:
    """Mean entries a year (still looked after at the year's end) by age band and placement."""
    years = moves["year"].nunique()
    entered = moves[moves["placement_from"] == ENTERED]
    mean = entered.groupby(["age_band_to", "placement_to"], as_index=False)["children"].sum()
    mean["children"] = mean["children"] / max(years, 1)
    return mean


def ageing(moves: pd.DataFrame) -> pd.DataFrame:
    """Children who stayed in care, by age band a year before and at 31 March (pooled over years).

    Columns ``age_band_from, age_band_to, children, share`` (share of the band a year before
    that stayed in care). A band can only be kept or left for the next one up.
    """
    stayed = moves[(moves["placement_from"] != ENTERED) & (moves["placement_to"] != LEFT)]
    table = stayed.groupby(["age_band_from", "age_band_to"], as_index=False)["children"].sum()
    table["share"] = table["children"] / table.groupby("age_band_from")["children"].transform("sum")
    order = {label: i for i, label in enumerate(AGE_LABELS)}
    return table.sort_values(["age_band_from", "age_band_to"], key=lambda s: s.map(order)).reset_index(drop=True)


@dataclass
class StockFlowModel:
    """A fitted stock-and-flow model at an origin (31 March ``origin``).

    ``counts`` are the pooled transitions (states × states, then a last column for leaving
    care); ``entry_counts`` the entries into each state summed over ``years``; ``start``
    the stock at the origin. States are :data:`STATES` (age band × placement type).
    """

    origin: int
    years: list[int]
    counts: np.ndarray
    entry_counts: np.ndarray
    start: np.ndarray

    @property
    def transition(self) -> np.ndarray:
        """Annual rates between states (rows add up to 1 − the leaving rate); unseen states stay put."""
        totals = self.counts.sum(axis=1)
        rates = np.divide(self.counts[:, :-1], totals[:, None], out=np.zeros_like(self.counts[:, :-1]),
                          where=totals[:, None] > 0)
        unseen = np.flatnonzero(totals == 0)
        rates[unseen, unseen] = 1.0
        return rates

    @property
    def inflow(self) -> np.ndarray:
        return self.entry_counts / max(len(self.years), 1)


def fit(extract: Extract, year: int, *, history: int = 3, prepared: pd.DataFrame | None = None) -> StockFlowModel:
    """Pool transitions and entries over the ``history`` years to 31 March ``year``; stock at ``year``."""
    prepared = prepare(extract) if prepared is None else prepared
    # Only years whose starting stock the extract holds in full: an incomplete stock has too few
    # children in it, which would understate leaving and overstate the projection.
    first = first_complete_stock(extract) + 1
    years = list(range(max(year - history + 1, first), year + 1))
    if not years:
        raise InputError("SSDA903 extract", problem=f"it holds no two 31 Marches in full up to {year}, so moves "
                         "between years cannot be counted", expected="at least two annual returns, or one file "
                         "with more than a year of history")
    moves = movements(extract, years, prepared=prepared)
    stayed = moves[moves["placement_from"] != ENTERED]
    targets = pd.MultiIndex.from_tuples([*STATES, ("", LEFT)], names=["age_band", "placement"])
    counts = (stayed.pivot_table(index=["age_band_from", "placement_from"], columns=["age_band_to", "placement_to"],
                                 values="children", aggfunc="sum", fill_value=0)
              .reindex(index=STATES, columns=targets, fill_value=0)) if len(stayed) else \
        pd.DataFrame(0, index=STATES, columns=targets)
    entered = moves[moves["placement_from"] == ENTERED]
    entry_counts = (entered.groupby(["age_band_to", "placement_to"])["children"].sum()
                    .reindex(STATES, fill_value=0))
    now = stock(prepared, year).groupby(["age_band", "placement"]).size().reindex(STATES, fill_value=0)
    return StockFlowModel(year, years, counts.to_numpy(dtype=float), entry_counts.to_numpy(dtype=float),
                          now.to_numpy(dtype=float))


def _tidy(year: int, vectors: np.ndarray) -> pd.DataFrame:
    """Rows for both measures from state vectors (draws × states, or one vector)."""
    vectors = np.atleast_2d(vectors)
    cube = vectors.reshape(len(vectors), len(AGE_LABELS), len(PLACEMENT_LABELS))
    total = cube.sum(axis=(1, 2))[:, None]
    parts = [(BY_PLACEMENT, PLACEMENT_LABELS, cube.sum(axis=1)), (BY_AGE, AGE_LABELS, cube.sum(axis=2))]
    frames = [pd.DataFrame({"year": year, "measure": measure, "breakdown": ["", *labels],
                            "values": list(np.hstack([total, by]).T)}) for measure, labels, by in parts]
    return pd.concat(frames, ignore_index=True)


def simulate(model: StockFlowModel, horizon: int = 3, *, draws: int = SIMULATION_DRAWS,
             seed: int = SIMULATION_SEED) -> list[np.ndarray]:
    """Simulated stocks (draws × states) for each year ahead: rates and entries drawn from the
    history's counts, then each child moved at random (see the module's notes)."""
    rng = np.random.default_rng(seed)
    states = len(STATES)
    weights = rng.gamma(model.counts, size=(draws, *model.counts.shape))   # a zero count stays zero
    totals = weights.sum(axis=2, keepdims=True)
    probabilities = np.divide(weights, totals, out=np.zeros_like(weights), where=totals > 0)
    unseen = np.flatnonzero(model.counts.sum(axis=1) == 0)
    probabilities[:, unseen, unseen] = 1.0                                  # nobody seen there: stay put
    years = max(len(model.years), 1)
    entry_means = rng.gamma(model.entry_counts, 1.0 / years, size=(draws, states))
    current = np.broadcast_to(model.start.astype(np.int64), (draws, states))
    out = []
    for _ in range(horizon):
        moved = rng.multinomial(current, probabilities)
        current = moved[:, :, :states].sum(axis=1) + rng.poisson(entry_means)
        out.append(current.astype(float))
    return out


def project_model(model: StockFlowModel, horizon: int = 3, *, intervals: bool = False,
                  draws: int = SIMULATION_DRAWS, seed: int = SIMULATION_SEED) -> pd.DataFrame:
    """The projection of a fitted model (see :func:`project` for the output)."""
    vector, transition, inflow = model.start.copy(), model.transition, model.inflow
    simulated = simulate(model, horizon, draws=draws, seed=seed) if intervals else None
    parts = []
    for step in range(1, horizon + 1):
        vector = vector @ transition + inflow
        rows = _tidy(model.origin + step, vector)
        rows["value"] = [v[0] for v in rows.pop("values")]
        if simulated is not None:
            sims = np.vstack(_tidy(model.origin + step, simulated[step - 1])["values"].to_numpy())
            rows["lower_80"], rows["upper_80"] = np.percentile(sims, [10, 90], axis=1)
        parts.append(rows)
    return pd.concat(parts, ignore_index=True)


def project(extract: Extract, year: int, *, horizon: int = 3, history: int = 3,
            prepared: pd.DataFrame | None = None, intervals: bool = False,
            draws: int = SIMULATION_DRAWS, seed: int = SIMULATION_SEED) -> pd.DataFrame:
    """Children looked after on 31 March of each of the ``horizon`` years after ``year``.

    Rates and entries are pooled over the ``history`` years up to ``year``. Tidy output
    ``year, measure, breakdown, value``: measure ``projected_cla_by_placement_type``
    (breakdown: short placement name, '' for the total) and ``projected_cla_by_age``
    (breakdown: DfE age band, '' for the same total). Values are expected numbers of
    children (not whole). With ``intervals=True`` two more columns, ``lower_80`` and
    ``upper_80``, give the simulated 80% range (whole numbers; see the module's notes).
    """
    model = fit(extract, year, history=history, prepared=prepared)
    return project_model(model, horizon, intervals=intervals, draws=draws, seed=seed)


def as_known_at(extract: Extract, origin: int) -> Extract:
    """The extract as it stood on 31 March ``origin``: later episodes dropped, later ends blanked
    (:func:`.read.censor`, the cut :func:`.indicators.indicators` makes).

    Corrections that later annual files made to earlier episodes are still in ``extract``;
    to leave those out too, read the folder with ``read.read_extract(folder, year=origin)``.
    """
    return dataclasses.replace(extract, episodes=censor(extract.episodes, origin), year=origin)


def from_origin(extract: Extract, origin: int, *, horizon: int = 3, history: int = 3,
                intervals: bool = False, draws: int = SIMULATION_DRAWS, seed: int = SIMULATION_SEED) -> pd.DataFrame:
    """:func:`project` made with only what was known on 31 March ``origin`` (see :func:`as_known_at`)."""
    return project(as_known_at(extract, origin), origin, horizon=horizon, history=history,
                   intervals=intervals, draws=draws, seed=seed)
