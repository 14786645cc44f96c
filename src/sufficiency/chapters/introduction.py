"""Text about the edition itself: which council, which data, built when and from what.

>>> from sufficiency.data.councils import resolve_council
>>> "Lewisham" in title_block(resolve_council("209"), 2025)
True
"""
from __future__ import annotations

from sufficiency.data.councils import Council, resolve_council, statistical_neighbours
from sufficiency.publishing.pages import Markdown, escape, prose
from sufficiency.publishing.words import and_list
from sufficiency.records.synthetic import is_synthetic


def cut_off(year: int) -> str:
    """The data cut-off of an edition: the end of its latest reporting year."""
    return f"31 March {year}"


def title_block(council, year: int) -> str:
    return (
        f"**Edition:** data to {cut_off(year)} (reporting year {year - 1}–{str(year)[-2:]}).  \n"
        f"**Council:** {escape(council.name)}, DfE local authority code {council.code}, "
        f"ONS code {council.ons_code}, {escape(council.region_name)} region."
    )


def what_this_book_is(council, year: int, neighbours, sn_model: str) -> str:
    names = and_list([escape(n.name) for n in neighbours])
    return (
        f"This is {escape(council.name)}'s placement sufficiency strategy rebuilt from data. Every "
        "number in it is worked out when the book is built, from the published statistics and the "
        "council's own files kept with it, and every chart names its source. Nothing later than "
        f"{cut_off(year)} is used, so the edition can be rebuilt at any time and give the same result.\n\n"
        f"{escape(council.name)} is compared with England, with the {escape(council.region_name)} region and with "
        f"its {len(neighbours)} statistical neighbours in DfE's {sn_model} model: {names}.\n\n"
        "The book opens with its key messages at a glance. The chapters then follow the shape of a "
        "sufficiency strategy: the national picture, the local picture and how it has changed, what "
        "children need, what children, carers and providers told the council, what care costs, what the "
        "next three years may bring, and the council's ambitions with the measures that show whether they "
        "are being met. The next page is written for children and young people, and a glossary at the end "
        "explains the words the book uses."
    )


def record_level_note(council, episodes_dir: str) -> str:
    """One paragraph when the edition includes the council's own SSDA903 extract ('' otherwise).

    >>> record_level_note(None, "")
    ''
    """
    if not episodes_dir:
        return ""
    name = escape(council.name)
    if is_synthetic(episodes_dir):
        return ("**This edition is a demonstration.** Besides the published statistics, it has two pages "
                "built from a **synthetic** SSDA903 extract: made-up records shaped like "
                f"{name}'s published figures, with no real child in them. Those pages, under "
                "\"From the council's own records\", say so at the top and in every caption; every other "
                "page uses published data only.")
    return (f"This edition also has two pages built from {name}'s own SSDA903 return, the record of "
            "every child it looks after. They show counts only, with any count of 1 to 5 children "
            "hidden as DfE hides it, and set the council's own figures beside DfE's.")


def stock_and_flow_pointer(episodes_dir: str) -> str:
    """For the forecasts chapter: where the forecast from the council's own records is ('' without one)."""
    if not episodes_dir:
        return ""
    kind = "a synthetic extract standing in for the council's records" if is_synthetic(episodes_dir) \
        else "the council's own records"
    return ("A second forecast of children looked after, built child by child from " + kind + ", is set beside "
            "this chapter's and scored on past years the same way in {doc}`10-stock-and-flow`.")


# ----------------------------------------------------------------------------- the page's sections
def title_section(council: str | Council, year: int) -> Markdown:
    """The block under the page title: which edition and which council."""
    return prose(title_block(resolve_council(council), year))


def about_section(council: str | Council, year: int, sn_model: str, episodes_dir: str) -> Markdown:
    """The section "What this book is": the council, its comparators and, with an SSDA903 extract, the
    record-level pages."""
    council = resolve_council(council)
    neighbours = statistical_neighbours(council, model=sn_model)
    return prose(what_this_book_is(council, year, neighbours, sn_model), record_level_note(council, episodes_dir))
