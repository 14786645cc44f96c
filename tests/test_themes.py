"""Tests for sufficiency.measures.themes: the codebook rule, hand-set themes, counts on Lewisham's real
feedback, and that text from feedback.csv can never become markup on the page."""
from __future__ import annotations

import re
import shutil
import textwrap

import pandas as pd
import pytest

from sufficiency.core.errors import InputError
from sufficiency.core.paths import DATA_LOCAL
from sufficiency.data import localdata
from sufficiency.measures import themes
from sufficiency.publishing.pages import Page


@pytest.fixture(scope="module")
def codebook():
    return themes.load_codebook()


@pytest.fixture(scope="module")
def lewisham(codebook):
    return themes.assign_themes(localdata.load_feedback("lewisham"), codebook)


def _feedback(rows):
    frame = pd.DataFrame(rows)
    for column in ("where", "when", "theme", "source_section"):
        frame[column] = frame.get(column, pd.Series([None] * len(frame), dtype=object))
    return frame


# ---------------------------------------------------------------- the rule

def test_phrases_match_whole_words_and_stems(codebook):
    assert themes.themes_of("Placement moves were frequent.", codebook) == ("stability_and_moves",)
    assert themes.themes_of("We removed the form.", codebook) == ("other",)  # 'move*' is not inside 'removed'
    assert themes.themes_of("COMMUNICATION was poor", codebook) == ("communication",)
    assert themes.themes_of("Her social   workers changed", codebook) == ("relationships_with_workers",)


def test_a_point_can_have_several_themes_in_codebook_order(codebook):
    text = "Late payments made carers feel unsupported and the child had to move."
    assert themes.themes_of(text, codebook) == ("stability_and_moves", "payments_and_money")


def test_lewisham_points_get_the_expected_themes(lewisham):
    by_id = lewisham.set_index("id")["themes"]
    assert by_id["F15"] == ("payments_and_money",)
    assert by_id["F22"] == ("culture_and_identity",)
    assert by_id["F27"] == ("feeling_at_home",)
    assert by_id["F32"] == ("preparing_for_independence", "involvement_in_decisions")
    assert by_id["F04"] == ("planning_and_the_market",)
    assert set(lewisham["decided_by"]) == {"codebook"}  # Lewisham's file sets no theme by hand


def test_the_main_theme_is_the_theme_of_the_first_phrase(codebook):
    assert themes.main_theme_of("The child had to move because payments were late.", codebook) == "stability_and_moves"
    assert themes.main_theme_of("Late payments meant the child had to move.", codebook) == "payments_and_money"
    assert themes.main_theme_of("Nothing here matches.", codebook) == "other"


def test_the_misfiled_points_now_sit_under_one_fitting_theme(lewisham):
    main = lewisham.set_index("id")["main_theme"]
    # a young person's criticism of carers is not about supporting carers
    assert main["F25"] == "what_children_expect_of_carers"
    assert "support_for_carers" not in lewisham.set_index("id").loc["F25", "themes"]
    # the advocacy service's figure counts once, under involvement, not under four themes
    assert main["F19"] == "involvement_in_decisions"
    assert lewisham["main_theme"].map(type).eq(str).all()


#: Main themes given by hand, by reading each of Lewisham's 35 points (independently of the phrases),
#: to check the codebook's rule against. F28 (staff rotas, so young people know who is on shift) is read
#: here as being about their relationships with staff; the rule places it under communication.
HAND_LABELLED = {
    "F01": "planning_and_the_market", "F02": "communication", "F03": "planning_and_the_market",
    "F04": "planning_and_the_market", "F05": "planning_and_the_market", "F06": "relationships_with_workers",
    "F07": "communication", "F08": "communication", "F09": "support_for_carers", "F10": "communication",
    "F11": "relationships_with_workers", "F12": "support_for_carers", "F13": "support_for_carers",
    "F14": "support_for_carers", "F15": "payments_and_money", "F16": "stability_and_moves",
    "F17": "involvement_in_decisions", "F18": "stability_and_moves", "F19": "involvement_in_decisions",
    "F20": "preparing_for_independence", "F21": "feeling_at_home", "F22": "culture_and_identity",
    "F23": "relationships_with_workers", "F24": "stability_and_moves", "F25": "what_children_expect_of_carers",
    "F26": "what_children_expect_of_carers", "F27": "feeling_at_home", "F28": "relationships_with_workers",
    "F29": "planning_and_the_market", "F30": "involvement_in_decisions", "F31": "involvement_in_decisions",
    "F32": "involvement_in_decisions", "F33": "culture_and_identity", "F34": "feeling_at_home",
    "F35": "stability_and_moves",
}


def test_the_codebook_agrees_with_the_hand_labelled_points(lewisham, codebook):
    table = themes.agreement(lewisham, HAND_LABELLED, codebook).set_index("theme")
    assert table.loc["All themes", ["points", "agreed"]].tolist() == [35, 34]
    assert round(table.loc["All themes", "precision"], 3) == 0.971
    assert table.loc["Communication", ["points", "agreed"]].tolist() == [5, 4]   # F28, read by hand as relationships
    assert (table.drop(index=["All themes", "Communication"])["precision"] == 1).all()


def test_agreement_falls_when_the_rule_is_broken(lewisham, codebook):
    every_point_other = lewisham.assign(main_theme="other")
    assert themes.agreement(every_point_other, HAND_LABELLED, codebook).set_index("theme").loc[
        "All themes", "agreed"] == 0


def test_lewisham_counts_by_theme_and_group(lewisham, codebook):
    counts = themes.theme_counts(lewisham, codebook)
    assert list(counts.columns) == ["Care providers", "Foster carers", "Independent reviewing officers",
                                    "Children and young people", "All groups"]
    assert counts.loc["Communication"].tolist() == [3, 1, 0, 1, 5]
    assert counts.loc["Support for carers"].tolist() == [0, 4, 0, 0, 4]
    assert counts.loc["Planning and the local market", "Care providers"] == 4
    assert counts.loc["Other", "All groups"] == 0
    assert counts["All groups"].sum() == len(lewisham) == 35     # each point counted once


def test_summary_reports_groups_several_themes_and_other(lewisham, codebook):
    assert themes.summary_sentences(lewisham, codebook) == (
        "The council recorded 35 points: 8 from care providers, 7 from foster carers, 4 from independent "
        "reviewing officers and 16 from children and young people. Each point is counted once, under its main "
        "theme. The codebook decided the theme of every point. Every point matches at least one theme, so none is "
        "listed under Other.")


def test_summary_of_a_2021_edition_has_only_the_undated_points(codebook):
    kept, _ = themes.filter_to_year(localdata.load_feedback("lewisham"), 2021)
    assert themes.summary_sentences(themes.assign_themes(kept, codebook), codebook) == (
        "The council recorded 7 points: 7 from foster carers. Each point is counted once, under its main theme. "
        "The codebook decided the theme of every point. Every point matches at least one theme, so none is listed "
        "under Other.")
    assert themes.summary_sentences(kept.iloc[0:0], codebook) == ""


def test_summary_counts_points_set_by_hand_and_under_other(codebook):
    fb = _feedback([{"id": "A", "group": "foster carers", "point": "Payments are late.", "theme": "communication"},
                    {"id": "B", "group": "foster carers", "point": "Payments are late and the child had to move."},
                    {"id": "C", "group": "care leavers", "point": "Nothing here matches."},
                    {"id": "D", "group": "care leavers", "point": "Nor here."}])
    assert themes.summary_sentences(themes.assign_themes(fb, codebook), codebook) == (
        "The council recorded 4 points: 2 from foster carers and 2 from care leavers. Each point is counted once, "
        "under its main theme. One point has its theme set by hand in the file; the codebook decided the rest. 2 "
        "points match no theme and are listed under Other.")


def test_heatmap_alt_from_lewisham_counts(lewisham, codebook):
    counts = themes.theme_counts(lewisham, codebook)
    assert themes.heatmap_alt(counts) == (
        "Heat map of stakeholder points by theme (12 rows) and group (Care providers, Foster carers, "
        "Independent reviewing officers, Children and young people); darker cells hold more points and each "
        "cell shows its count. Most common themes: Communication (5), Involvement in decisions (5), Planning and "
        "the local market (5). The largest cell is Support for carers from Foster carers, with 4 points.")


def test_heatmap_alt_with_one_point(codebook):
    fb = _feedback([{"id": "A", "group": "care leavers", "point": "The money was late."}])
    counts = themes.theme_counts(themes.assign_themes(fb, codebook), codebook)
    assert themes.heatmap_alt(counts).endswith(
        "Most common themes: Payments and money (1). The largest cell is Payments and money from Care leavers, "
        "with 1 point.")


def test_unmatched_points_go_under_other_and_are_counted(codebook):
    fb = _feedback([{"id": "A", "group": "care leavers", "point": "Nothing here matches."},
                    {"id": "B", "group": "care leavers", "point": "The money was late."}])
    assigned = themes.assign_themes(fb, codebook)
    assert assigned["themes"].tolist() == [("other",), ("payments_and_money",)]
    counts = themes.theme_counts(assigned, codebook)
    assert counts.loc["Other", "Care leavers"] == 1
    assert "One point matches no theme and is listed under Other." in themes.summary_sentences(assigned, codebook)


# ---------------------------------------------------------------- themes set by hand

def test_a_theme_set_by_hand_wins_over_the_rule(codebook):
    fb = _feedback([{"id": "A", "group": "foster carers", "point": "Payments are late.",
                     "theme": " communication ; Stability and MOVES"}])
    assigned = themes.assign_themes(fb, codebook)
    assert assigned.loc[0, "themes"] == ("communication", "stability_and_moves")
    assert assigned.loc[0, "decided_by"] == "hand"


def test_hand_theme_may_be_other(codebook):
    fb = _feedback([{"id": "A", "group": "foster carers", "point": "Payments are late.", "theme": "Other"}])
    assert themes.assign_themes(fb, codebook).loc[0, "themes"] == ("other",)


def test_unknown_hand_theme_names_file_row_and_column(codebook):
    fb = _feedback([{"id": "A", "group": "foster carers", "point": "Fine."},
                    {"id": "B", "group": "foster carers", "point": "Fine.", "theme": "support for carer"}])
    with pytest.raises(InputError) as err:
        themes.assign_themes(fb, codebook, path="data/local/x/feedback.csv")
    message = str(err.value)
    assert message.startswith("data/local/x/feedback.csv, row 3, column 'theme': found 'support for carer'")
    assert "'Support for carers'" in message


def test_unknown_hand_theme_in_a_real_council_folder(tmp_path, codebook):
    shutil.copytree(DATA_LOCAL / "lewisham", tmp_path / "testcouncil")
    path = tmp_path / "testcouncil" / "feedback.csv"
    frame = pd.read_csv(path, dtype=str)
    frame.loc[4, "theme"] = "Wellbeing"
    frame.to_csv(path, index=False)
    fb = localdata.load_feedback("testcouncil", root=tmp_path)
    with pytest.raises(InputError, match=r"feedback\.csv, row 6, column 'theme': found 'Wellbeing'"):
        themes.assign_themes(fb, codebook, path=path)



def test_unknown_hand_theme_in_a_workbook_names_sheet_and_cell(tmp_path, codebook):
    from openpyxl import load_workbook
    folder = tmp_path / "testcouncil"
    folder.mkdir()
    localdata.write_template_workbook(folder / "testcouncil.xlsx", "lewisham")
    book = load_workbook(folder / "testcouncil.xlsx")
    book["feedback"]["F6"] = "Wellbeing"          # theme is the sixth column; row 6 holds F05
    book.save(folder / "testcouncil.xlsx")
    fb = localdata.load_feedback("testcouncil", root=tmp_path)
    with pytest.raises(InputError, match=r"testcouncil\.xlsx, sheet feedback, cell F6 \(column 'theme'\): "
                                         r"found 'Wellbeing'"):
        themes.assign_themes(fb, codebook)


def test_a_bad_hand_theme_on_a_late_row_is_named_by_its_own_row(tmp_path):
    shutil.copytree(DATA_LOCAL / "lewisham", tmp_path / "lewisham")
    path = tmp_path / "lewisham" / "feedback.csv"
    frame = pd.read_csv(path, dtype=str)
    frame.loc[30, "theme"] = "Wellbeing"           # F31, on row 32 of the file
    frame.to_csv(path, index=False)
    fb = localdata.load_feedback("lewisham", root=tmp_path)
    with pytest.raises(InputError, match=r"feedback\.csv, row 32, column 'theme': found 'Wellbeing'"):
        themes.assign_themes(fb, themes.load_codebook())


# ---------------------------------------------------------------- the codebook file

def test_codebook_is_documented_as_a_table(codebook):
    table = themes.codebook_table(codebook)
    assert table["Theme"].tolist()[-1] == "Other"
    assert len(table) == len(codebook) + 1 == 12
    row = table.set_index("Theme").loc["Payments and money"]
    assert row["A point is placed here when it contains"].startswith("payment*; money")


@pytest.mark.parametrize("body, problem", [
    ("themes: []", "no list under 'themes'"),
    ("themes:\n  - {key: a, label: A, covers: x}", "no 'phrases'"),
    ("themes:\n  - {key: Bad Key, label: A, covers: x, phrases: [y]}", "'Bad Key'"),
    ("themes:\n  - {key: a, label: A, covers: x, phrases: [y]}\n  - {key: b, label: a, covers: x, phrases: [z]}",
     "again"),
    ("themes: [", "not valid YAML"),
])
def test_bad_codebook_is_an_input_error(tmp_path, body, problem):
    path = tmp_path / "codebook.yml"
    path.write_text(textwrap.dedent(body), encoding="utf-8")
    with pytest.raises(InputError, match=re.escape(problem)):
        themes.load_codebook(path)


# ---------------------------------------------------------------- untrusted text stays text

HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "{raw}`<b>bold</b>`",
    "```{raw} html\n<script>alert(2)</script>\n```",
    "[click](javascript:alert(3)) **not bold** $x$",
]


def test_hostile_feedback_is_escaped_in_the_markdown(codebook, tmp_path):
    fb = _feedback([{"id": f"X{i}", "group": "care leavers", "point": text, "theme": None}
                    for i, text in enumerate(HOSTILE)])
    fb.loc[0, "id"] = "<i>id</i>"
    assigned = themes.assign_themes(fb, codebook)
    text = themes.points_by_theme(assigned, codebook).text
    # no raw tag, directive, role or link survives unescaped
    unescaped = re.compile(r"(?<!\\)[<{`\[*]")  # markup characters not preceded by a backslash
    body = text.replace("**Other**", "").replace(" *Care leavers, ", " ").replace("*\n", "\n").rstrip("*")
    assert not unescaped.search(body), unescaped.search(body)
    assert "<script" not in text.replace(r"\<script", "")
    assert r"\<script\>alert\(1\)\<\/script\>" in text
    assert r"\{raw\} html" in text
    assert "\n<" not in text  # a line break in a cell cannot start a raw HTML block
    # the same rows through the counts table and the page's table writer stay escaped
    table = Page(tmp_path / "files", page="t").table(assigned[["id", "point"]], name="t", caption="c", source="s")
    assert r"\<script\>" in table.text and "<script" not in table.text.replace(r"\<script", "")
    assert "{raw}" not in table.text


def test_points_under_each_theme_with_group_and_id(lewisham, codebook):
    text = themes.points_by_theme(lewisham, codebook).text
    assert text.startswith("**Feeling at home** (3 points)\n\n- “They want someone at home")
    assert r"- “The payments policy is clear\, yet payments are often late and problems are slow to sort out\.” " \
           r"*Foster carers, date not recorded, F15*" in text
    assert r"*Independent reviewing officers, 2021–22, F19*" in text
    assert text.count("F19*") == 1                      # listed once, under its main theme
    assert "#" not in re.sub(r"\\#", "", text)  # never a heading in generated output


def test_points_keep_the_words_they_were_recorded_in_whatever_the_councils_vocabulary(lewisham, codebook):
    """Young people asked Lewisham to stop saying 'placement' and 'respite'; the book's own prose
    follows them, but their points are shown as recorded: swapped, F33 asked to drop 'home'."""
    from sufficiency.publishing.vocabulary import load_vocabulary

    text = load_vocabulary("lewisham").apply(themes.points_by_theme(lewisham, codebook).text)
    assert (r"- “Drop the words \'placement\' and \'respite\' for warmer ones such as \'my home\'\, \'foster home\' "
            r"or \'children\'s home\'\.” *Children and young people, 2022, F33*") in text
    assert r"- “Respite should only happen naturally\, with family or friends" in text
    assert "short break" not in text.lower()
    assert "*Care providers, July 2022, F06*" in text, "the providers' group is named the same in prose and tables"


# ---------------------------------------------------------------- IRO facts and years

def test_iro_facts_with_their_period():
    figures = localdata.load_local_figures("lewisham")
    facts = themes.iro_facts(figures, 2025)
    assert facts["Value"].tolist() == ["more than 90%", "177", "about 79"]
    assert set(facts["Period"]) == {"2021–22"}
    assert facts.iloc[0].to_dict() == {
        "Fact": "Looked-after reviews held within timescale", "Value": "more than 90%", "Period": "2021–22",
        "Source": "Lewisham Placement Sufficiency Strategy 2022–25, §5 IRO annual report"}
    assert themes.iro_facts(figures, 2021).empty  # a 2021 edition cannot quote the 2021-22 report


def test_an_iro_fact_left_empty_reads_no_data():
    figures = localdata.load_local_figures("lewisham")
    figures.loc[figures["figure_id"] == "iro_reviews_on_time", "value"] = float("nan")
    figures.loc[figures["figure_id"] == "advocacy_requests", "value"] = float("nan")
    assert themes.iro_facts(figures, 2025)["Value"].tolist() == ["no data", "177", "no data"]


def test_feedback_after_the_year_is_left_out():
    fb = localdata.load_feedback("lewisham")
    kept, dropped = themes.filter_to_year(fb, 2021)
    assert dropped == 28 and len(kept) == 7  # only the undated foster carer points remain
    assert themes.filter_to_year(fb, 2022)[1] == 0


def test_heatmap_cells_show_their_counts(lewisham, codebook):
    import matplotlib.pyplot as plt

    counts = themes.theme_counts(lewisham, codebook)
    fig = themes.heatmap(counts, title="Points by theme and group")
    ax = fig.axes[0]
    cells = [t.get_text() for t in ax.texts]
    assert len(cells) == 12 * 4 and cells[:4] == ["0", "0", "0", "3"]     # Feeling at home: 3 from children
    assert [t.get_text() for t in ax.get_xticklabels()] == ["Care providers", "Foster carers",
                                                              "Independent\nreviewing\nofficers",
                                                              "Children and\nyoung people"]
    plt.close(fig)
