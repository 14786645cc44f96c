"""The corporate parenting pledges appendix: the council's promises to the children it looks after
and to care leavers, grouped by theme, from its own ``pledges.csv``.

>>> import pandas as pd
>>> print(pledges_text("Lewisham", pd.DataFrame({"theme": ["Home", "Home"], "pledge": ["Stay put", "Feel safe"],
...                                               "source_section": [None, None]})))
Lewisham's pledges fall under 1 theme.
<BLANKLINE>
**Home**
<BLANKLINE>
- Stay put
- Feel safe
"""
from __future__ import annotations

import pandas as pd

from sufficiency.data.councils import Council, resolve_council
from sufficiency.measures import ambitions
from sufficiency.publishing.pages import Markdown, escape, prose


def pledges_text(council_name: str, pledges: pd.DataFrame | None) -> str:
    """The pledges as Markdown: a count of themes, each theme in bold with its pledges listed,
    and where they come from; or a sentence saying none have been supplied."""
    name = escape(council_name)
    if pledges is None or pledges.empty:
        return f"{name} has not supplied its corporate parenting pledges yet."
    themes = list(dict.fromkeys(pledges["theme"]))
    parts = [f"{name}'s pledges fall under {len(themes)} theme{'s' if len(themes) != 1 else ''}."]
    for theme in themes:
        items = pledges.loc[pledges["theme"] == theme, "pledge"]
        parts.append(f"**{escape(theme)}**\n\n" + "\n".join(f"- {escape(p)}" for p in items))
    sources = sorted(set(pledges["source_section"].dropna()))
    if sources:
        parts.append("Source: " + "; ".join(escape(s) for s in sources) + ".")
    return "\n\n".join(parts)


def pledges_section(council: str | Council) -> Markdown:
    """The appendix's one section: the council's pledges by theme."""
    council = resolve_council(council)
    plan = ambitions.load_plan(council)
    return prose(pledges_text(council.name, plan["pledges"] if plan is not None else None))
