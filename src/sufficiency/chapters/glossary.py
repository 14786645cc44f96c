"""The glossary appendix: the terms the book uses, in plain words, and the words the council has
chosen to use instead of some of them (its ``vocabulary.csv``).

>>> print(vocabulary_text("Lewisham", [("placement", "home", "asked by young people")]))
Lewisham has chosen its own words for some of these terms, and the book's prose uses them:
<BLANKLINE>
- **home** instead of “placement”: asked by young people.
<BLANKLINE>
Tables keep DfE's official names for its measures, so “placement” still appears there.
"""
from __future__ import annotations

import pandas as pd

from sufficiency.data.councils import Council, resolve_council
from sufficiency.publishing.pages import Markdown, escape, markdown_table, prose
from sufficiency.publishing.vocabulary import load_vocabulary

#: The terms, in alphabetical order, each explained in a sentence or two.
TERMS: list[tuple[str, str]] = [
    ("Care leaver", "A young person aged 16 to 25 who was looked after for at least 13 weeks after turning 14, "
     "including some time after turning 16. The council keeps duties to support them into adult life."),
    ("Children's home (residential care)", "A home where paid staff look after children, usually a few at a "
     "time, registered with and inspected by Ofsted. Secure children's homes may also restrict a child's "
     "liberty under a court order."),
    ("Clinical commissioning group (CCG)", "The NHS body that planned and paid for local health services until "
     "July 2022, when integrated care boards took over; older plans name it as a partner."),
    ("Corporate parent", "The council and its partners, who together take on the responsibilities of a good "
     "parent for every child they look after and for care leavers."),
    ("Family and friends care (kinship care)", "A child who cannot live with their parents lives with a "
     "relative or family friend, who may be approved as a foster carer for that child (connected care)."),
    ("Forecast range", "A forecast gives a central figure and ranges around it. The 80% range should hold "
     "the real figure four years in five; the 95% range nineteen years in twenty."),
    ("Foster care", "A child lives with approved foster carers in their family home. Carers may be approved by "
     "the council itself (in-house) or by an independent fostering agency (IFA)."),
    ("Independent reviewing officer (IRO)", "A social worker, independent of the child's own social worker, "
     "who chairs the reviews of each looked after child's care plan and checks that the plan is working."),
    ("Looked after child (child in care)", "A child the council provides accommodation for, for more than 24 "
     "hours, by agreement with the parents or under a court order. DfE counts them on 31 March each year."),
    ("MACE", "Multi-agency child exploitation meetings, where the council, the police, health services and "
     "others plan together to protect children at risk of being exploited."),
    ("Mockingbird", "A way of organising fostering in which an experienced carer's home is the hub for a "
     "small group of foster families, offering advice, sleepovers and support, much like an extended family."),
    ("Placement (home)", "Where a looked after child lives: with foster carers, in a children's home, in "
     "supported accommodation, with parents under a care order, or placed for adoption. DfE's tables call "
     "it a placement; many children prefer to call it their home."),
    ("Placement stability", "How settled children's homes are: DfE counts the share of children with three or "
     "more moves in a year, and the share of those under 16, in care for two and a half years or more, who "
     "have lived in the same place for at least two years."),
    ("Primary care trust (PCT)", "The NHS body that planned and paid for local health services until 2013, "
     "when clinical commissioning groups took over."),
    ("Public Law Outline (PLO)", "The steps a council follows before and during care proceedings in court, "
     "starting with a meeting with the parents, so that a court order is sought only when it is needed."),
    ("Quartile band", "Councils ranked on a measure and split into four equal groups, A to D. Where DfE says "
     "which direction is better, A is the best quarter."),
    ("Rate per 10,000 children", "How many children out of every 10,000 aged under 18 living in the area. A "
     "rate lets councils of different sizes be compared."),
    ("Regulations 24 and 25", "Rules of the Care Planning, Placement and Case Review (England) Regulations "
     "2010 that let a council place a child at once with a relative or friend approved for a short time as a "
     "foster carer (regulation 24), and extend that time while the full assessment ends (regulation 25)."),
    ("Residential care", "Care in a children's home or another staffed setting, rather than in a family."),
    ("Section 20", "Section 20 of the Children Act 1989: a child looked after by agreement with those who "
     "have parental responsibility, without a care order."),
    ("Section 22G", "Section 22G of the Children Act 1989: the duty on a council to take steps to secure, as "
     "far as it reasonably can, enough homes in its own area for the children it looks after."),
    ("Section 251", "The return in which councils report what they plan to spend and have spent each year; "
     "it gives the published spending on children looked after used to compare costs."),
    ("Semi-independent or supported accommodation", "A home for young people aged 16 and 17 (and care "
     "leavers) with support but not round-the-clock care. Since October 2023 it must be registered with "
     "Ofsted as supported accommodation."),
    ("Short break (respite)", "A planned stay away from home, for a few hours or nights, that gives a child "
     "and their family a rest and support, often for disabled children."),
    ("Signs of Safety", "A way of working with families in child protection that looks at what is going well "
     "as well as what is worrying, and plans with the family what needs to change."),
    ("Special guardianship order (SGO)", "A court order that makes someone, often a relative, the child's "
     "special guardian until they are 18. The child stops being looked after."),
    ("SSDA903", "The return in which every council sends DfE a record of each child it looks after, year by "
     "year; DfE's published figures on children looked after are built from it."),
    ("Statistical neighbours", "The councils DfE judges most like a given council on the things that drive "
     "demand for children's services, such as deprivation and population. Comparing with them is fairer "
     "than comparing with England alone."),
    ("Staying Put", "An arrangement that lets a young person stay with their foster carers after turning 18, "
     "up to the age of 21, with the council continuing to support it."),
    ("Sufficiency", "Having enough of the right homes, in the right places, for the children a council looks "
     "after, so that each can live where their needs are best met."),
    ("Supported lodgings", "A room in a family's or a person's home for a young person aged 16 or over, "
     "with the householder offering support and help towards living independently."),
    ("Unaccompanied asylum-seeking child (UASC)", "A child under 18 who has applied for asylum in their own "
     "right and is separated from their parents or carers. The council looks after them; the National "
     "Transfer Scheme shares them between councils."),
]


def glossary_table() -> pd.DataFrame:
    return pd.DataFrame(TERMS, columns=["Term", "What it means"])


def vocabulary_text(council_name: str, chosen: list[tuple[str, str, str]]) -> str:
    """Which words the council has chosen to use instead of the book's own, and why."""
    name = escape(council_name)
    if not chosen:
        return (f"{name} has not chosen words of its own for any of these terms, so the book uses them "
                "as they are.")
    lines = [f"- **{escape(instead)}** instead of “{escape(term)}”" + (f": {escape(reason)}" if reason else "")
             + "." for term, instead, reason in chosen]
    terms = [t for t, _, _ in chosen]
    quoted = " and ".join(f"“{escape(t)}”" for t in terms) if len(terms) <= 2 else \
        ", ".join(f"“{escape(t)}”" for t in terms[:-1]) + f" and “{escape(terms[-1])}”"
    return (f"{name} has chosen its own words for some of these terms, and the book's prose uses them:\n\n"
            + "\n".join(lines) + f"\n\nTables keep DfE's official names for its measures, so {quoted} "
            f"still {'appears' if len(terms) == 1 else 'appear'} there.")


def terms_section() -> Markdown:
    """Every term and what it means, as a table."""
    return Markdown(markdown_table(glossary_table()))


def vocabulary_section(council: str | Council) -> Markdown:
    """The council's chosen words (:func:`vocabulary_text`)."""
    council = resolve_council(council)
    return prose(vocabulary_text(council.name, load_vocabulary(council.slug).chosen()))
