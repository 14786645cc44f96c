"""build-all: which councils a national run builds, the national index, and (slow) the three
councils a new user found broken, built through Dask."""
from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from sufficiency.build import national as N
from sufficiency.core.errors import InputError
from sufficiency.data import councils


def _result(code: str, **values) -> N.CouncilResult:
    council = councils.resolve_council(code)
    return N.CouncilResult(council.code, council.name, council.region_name, **values)


def test_councils_of_a_year_are_those_that_published_figures_then():
    codes_2025 = {c.code for c in N.councils_for_year(2025)}
    assert len(codes_2025) == 153 and {"942", "943", "940", "839"} <= codes_2025
    assert not {"909", "928", "837"} & codes_2025, "abolished councils have no 2025 book"
    codes_2022 = {c.code for c in N.councils_for_year(2022)}
    assert len(codes_2022) == 152
    assert {"909", "940", "941", "839"} <= codes_2022, "Cumbria still existed; the Northamptonshires had begun"
    assert not {"942", "943", "928"} & codes_2022
    codes_2019 = {c.code for c in N.councils_for_year(2019)}
    assert {"835", "836", "837"} <= codes_2019 and not {"838", "839"} & codes_2019


def test_councils_are_chosen_by_code_name_or_file(tmp_path):
    assert [c.code for c in N.choose_councils("201, 420,Cumberland,201", 2024)] == ["201", "420", "942"]
    listing = tmp_path / "councils.txt"
    listing.write_text("# the three a new user tried\n420\nCity of London  # the smallest\n\n942\n")
    assert [c.code for c in N.choose_councils(str(listing), 2024)] == ["420", "201", "942"]
    assert len(N.choose_councils("all", 2025)) == 153
    with pytest.raises(InputError) as err:
        N.choose_councils("201,Atlantis", 2025)
    assert "Atlantis" in str(err.value)


def test_gaps_name_missing_and_suppressed_measures_with_their_markers():
    total, missing, marked = N.gaps_in_measures(councils.resolve_council("201"), 2025)
    assert total == 15      # the in-house foster share needs the council's own count, so it is not counted
    assert missing == ["ceased_within_6_months", "staying_put_18"]
    assert "uasc_count c" in marked and "share_foster_care c" in marked and "share_long_term_stable z" in marked
    total, missing, marked = N.gaps_in_measures(councils.resolve_council("209"), 2025)
    assert (missing, marked) == (["ceased_within_6_months", "staying_put_18"], [])


def test_summary_sentence_counts_built_failed_and_pending():
    results = [_result("209", status="built"), _result("201", status="failed")]
    assert N.summary_sentence(results, 2025) == ("Of 2 councils' books for the year to 31 March 2025, "
                                                 "1 built and 1 failed.")
    assert N.summary_sentence(results, 2025, pending=3) == ("Of 5 councils' books for the year to 31 March "
                                                            "2025, 1 built and 1 failed; 3 still building.")
    assert N.summary_sentence([_result("420", status="built")], 2024) == (
        "Of 1 council's book for the year to 31 March 2024, 1 built and 0 failed.")


def test_index_lists_every_council_with_its_failure_gaps_and_link(tmp_path):
    results = [
        _result("420", status="failed", page="07-forecasts", cell=12,
                error="ValueError: Number of rows must be a positive integer, not 0", seconds=41.26,
                measures=16, missing=2, suppressed=0, other_markers=1, gaps="staying_put_18 missing; uasc_count z"),
        _result("209", status="built", seconds=58.04, measures=16, missing=2,
                book="209-lewisham/html/index.html"),
    ]
    csv_path, html_path = N.write_index(results, tmp_path, 2025)
    assert "3 other markers" in N.index_html([_result("201", other_markers=3)], 2025)
    rows = list(csv.DictReader(csv_path.open()))
    assert list(rows[0]) == N.INDEX_COLUMNS
    assert [r["council"] for r in rows] == ["Isles of Scilly", "Lewisham"]
    scilly, lewisham = rows
    assert (scilly["status"], scilly["page"], scilly["cell"], scilly["seconds"]) == ("failed", "07-forecasts", "12", "41.3")
    assert scilly["error"] == "ValueError: Number of rows must be a positive integer, not 0"
    assert (scilly["missing"], scilly["suppressed"], scilly["other_markers"], scilly["book"]) == ("2", "0", "1", "")
    assert (lewisham["status"], lewisham["cell"], lewisham["book"]) == ("built", "", "209-lewisham/html/index.html")
    page = html_path.read_text()
    assert '<html lang="en-GB">' in page and "<caption>" in page and '<th scope="col">Status</th>' in page
    assert '<th scope="row"><a href="209-lewisham/html/index.html">Lewisham</a></th>' in page
    assert "<td>07-forecasts, cell 12</td>" in page
    assert "Of 2 councils&#x27; books for the year to 31 March 2025, 1 built and 1 failed." in page
    assert "<td>2 missing, 0 suppressed, 1 other marker<br>" in page
    assert ("Care leavers aged 18 staying put with their former foster carers: no figure; "
            "Unaccompanied asylum-seeking children looked after: z</span>") in page
    assert '<div class="scroll" role="region" aria-label="Every council\'s book" tabindex="0">' in page
    assert "Gaps count the 16 published measures with no figure" in page
    assert "<dt>z</dt><dd>not applicable (DfE publishes no figure because none applies to this council or year)</dd>" in page


@pytest.mark.slow
def test_the_three_councils_a_new_user_tried_build_and_say_what_is_missing(tmp_path):
    """Isles of Scilly and City of London for 2025, Cumberland (one year of history) for 2024, built
    through build-all on a local Dask cluster. Fails until the chapter fixes of issue #18 land."""
    client = N.start_client(None, workers=2)
    try:
        results = N.build_all(2025, N.choose_councils("420,201", 2025), tmp_path, client=client)
        results += N.build_all(2024, N.choose_councils("942", 2024), tmp_path / "2024", client=client)
    finally:
        cluster = client.cluster
        client.close()
        cluster.close()
    failures = [f"{r.council}: {r.page} cell {r.cell}: {r.error}" for r in results if r.status != "built"]
    assert not failures, "\n".join(failures)
    rows = {r["la_code"]: r for r in csv.DictReader((tmp_path / "index.csv").open())}
    assert set(rows) == {"420", "201"} and {r["status"] for r in rows.values()} == {"built"}
    assert rows["201"]["suppressed"] == "6" and "uasc_count c" in rows["201"]["gaps"]
    scilly_gaps = rows["420"]["gaps"].split("; ")
    assert rows["420"]["gaps"].count(" z") == 11, "Scilly's z markers are counted, not taken for figures"
    assert int(rows["420"]["other_markers"]) == sum(not gap.endswith(" missing") for gap in scilly_gaps)
    for folder, code in ((tmp_path, "420"), (tmp_path, "201"), (tmp_path / "2024", "942")):
        book = folder / next(r["book"] for r in csv.DictReader((folder / "index.csv").open()) if r["la_code"] == code)
        assert book.is_file()
        text = " ".join(p.read_text() for p in Path(book).parent.glob("*.html"))
        assert "no data" in text, f"{code}'s book never says a figure is missing"
    city = " ".join(p.read_text() for p in (tmp_path / "201-city-of-london" / "html").glob("*.html"))
    assert "suppressed" in city, "City of London's withheld counts are named as withheld"


def test_groups_for_a_run_are_none_the_regions_all_or_named():
    assert N.choose_groups(None, 2025) == [] and N.choose_groups("  ", 2025) == []
    regions = N.choose_groups("regions", 2025)
    assert len(regions) == 9 and {g.kind for g in regions} == {"region"}
    assert sum(len(g.members) for g in regions) == 153, "the regions cover every council once"
    every = N.choose_groups("all", 2025)
    assert {"london", "london-east", "inner-london", "south-east-london-example"} <= {g.slug for g in every}
    assert [g.slug for g in N.choose_groups("London East,london-east, north-west", 2025)] == ["london-east",
                                                                                          "north-west"]
    with pytest.raises(InputError, match="group"):
        N.choose_groups("Narnia", 2025)


def test_the_index_lists_regional_books_in_their_own_table_and_file(tmp_path):
    councils_lines = [_result("209", status="built", book="209-lewisham/html/index.html")]
    group_lines = [N.GroupResult("london-east", "London East", "london-subregion", 10, status="built", seconds=21.24,
                                 book="regions/london-east/html/index.html"),
                   N.GroupResult("east-midlands", "East Midlands", "region", 10, page="04-forecasts", cell=7,
                                 error="KeyError: 'rate'", seconds=9.0)]
    N.write_index(councils_lines, tmp_path, 2025, group_results=group_lines)
    rows = list(csv.DictReader((tmp_path / "regions.csv").open()))
    assert list(rows[0]) == N.GROUP_COLUMNS
    assert [(r["group"], r["status"], r["members"], r["seconds"], r["cell"]) for r in rows] == [
        ("east-midlands", "failed", "10", "9.0", "7"), ("london-east", "built", "10", "21.2", "")]
    page = (tmp_path / "index.html").read_text()
    assert "Of 2 regional books, 1 built and 1 failed." in page
    assert '<th scope="row"><a href="regions/london-east/html/index.html">London East</a></th>' in page
    assert "<td>04-forecasts, cell 7</td><td>KeyError: &#x27;rate&#x27;</td>" in page
    assert page.index("<h2>Regional books</h2>") < page.index("<h2>Councils' books</h2>") < page.index("Lewisham")
    N.write_index(councils_lines, tmp_path / "plain", 2025)
    plain = (tmp_path / "plain" / "index.html").read_text()
    assert "Regional books" not in plain and "regional book" not in plain
    assert not (tmp_path / "plain" / "regions.csv").exists()


def test_the_index_counts_regional_books_still_building():
    assert N.groups_sentence([], 9) == "Of 9 regional books, 0 built and 0 failed; 9 still building."
    assert N.groups_sentence([N.GroupResult("london", "London", "region", 33, status="built")], 1) == (
        "Of 1 regional book, 1 built and 0 failed.")


def _first_page(index: Path) -> str:
    """The book's first page: its index.html only redirects there."""
    redirect = re.search(r'url=([^"]+)"', index.read_text())
    return (index.parent / redirect.group(1)).read_text() if redirect else index.read_text()


@pytest.mark.slow
def test_a_run_with_a_group_builds_its_book_and_links_it_both_ways(tmp_path):
    """Three councils and their group in one run: the regional book is built, and the councils'
    books and the group's link each other without a second run."""
    client = N.start_client(None, workers=2)
    try:
        results = N.build_all(2025, N.choose_councils("203,209,210", 2025), tmp_path, client=client,
                              chosen_groups=N.choose_groups("south-east-london-example", 2025))
    finally:
        cluster = client.cluster
        client.close()
        cluster.close()
    assert [r.status for r in results] == ["built"] * 3
    [group] = results.groups
    assert (group.group, group.status, group.members, group.book) == (
        "south-east-london-example", "built", 3, "regions/south-east-london-example/html/index.html")
    front = _first_page(tmp_path / group.book)
    for r in results:
        assert f'href="../../../{r.book}"' in front, r.council
        assert 'href="../../regions/south-east-london-example/html/index.html"' in _first_page(tmp_path / r.book), (
            r.council)
    index = (tmp_path / "index.html").read_text()
    assert "Of 1 regional book, 1 built and 0 failed." in index


def test_a_worker_that_cannot_warm_up_is_reported_not_fatal():
    class Client:
        def gather(self, future):
            if future == "dead":
                raise RuntimeError("Kernel died before replying to kernel_info")
            return {"pid": 1}

    outcomes = N._gathered(Client(), ["ok", "dead"])
    assert outcomes[0] == {"pid": 1}
    assert isinstance(outcomes[1], RuntimeError) and "Kernel died" in str(outcomes[1])
