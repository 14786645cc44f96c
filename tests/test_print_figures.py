"""Charts' PDFs are drawn only for the printed book, from print recipes, and come out the same."""
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
from matplotlib.ticker import FuncFormatter  # noqa: E402

from sufficiency.build import sphinx  # noqa: E402
from sufficiency.publishing import print_figures  # noqa: E402
from sufficiency.publishing.pages import Page  # noqa: E402


def chart():
    fig, ax = plt.subplots(figsize=(4, 3))
    ax.plot([2023, 2024, 2025], [433, 453, 439], label="Lewisham")
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:,.0f} children"))   # a lambda: cloudpickle
    ax.set_title("Children looked after")
    return fig


def test_a_page_keeps_a_print_recipe_instead_of_drawing_the_pdf(tmp_path):
    page = Page(tmp_path, page="04")
    page.figure(chart(), name="cla", alt="Line chart", caption="Children.", source="DfE",
                data=pd.DataFrame({"year": [2025], "children": [439]}))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cla.csv", "cla.print.pickle", "cla.svg"]
    assert print_figures.draw_for_print(tmp_path, jobs=1) == 1
    assert (tmp_path / "cla.pdf").read_bytes().startswith(b"%PDF")
    assert print_figures.draw_for_print(tmp_path, jobs=1) == 0      # drawn once, not again


def test_the_pdf_drawn_from_the_recipe_is_the_pdf_drawn_at_once(tmp_path):
    fig = chart()
    print_figures.save_pdf(fig, tmp_path / "now.pdf")
    assert print_figures.save_recipe(fig, tmp_path / "later.pdf")
    print_figures.draw_recipe(tmp_path / "later.print.pickle")
    assert (tmp_path / "later.pdf").read_bytes() == (tmp_path / "now.pdf").read_bytes()


def test_settings_in_force_when_drawn_are_kept_with_the_recipe(tmp_path):
    with plt.rc_context({"pdf.compression": 0}):    # read when the PDF is drawn, not when the chart is
        fig = chart()
        print_figures.save_pdf(fig, tmp_path / "now.pdf")
        print_figures.save_recipe(fig, tmp_path / "later.pdf")
    print_figures.draw_for_print(tmp_path, jobs=2)     # in other processes, with default settings
    assert (tmp_path / "later.pdf").read_bytes() == (tmp_path / "now.pdf").read_bytes()


def test_a_figure_that_will_not_pickle_is_drawn_at_once(tmp_path):
    fig = chart()

    class Unpicklable:
        def __reduce__(self):
            raise TypeError("no")

    fig.unpicklable = Unpicklable()
    page = Page(tmp_path, page="04")
    page.figure(fig, name="map", alt="Map", caption="A map.", source="ONS",
                data=pd.DataFrame({"area": ["Lewisham"], "rate": [71]}))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["map.csv", "map.pdf", "map.svg"]


def test_the_pdf_builder_draws_pending_figures_first(tmp_path, monkeypatch):
    generated = tmp_path / "source" / "_generated" / "04"
    generated.mkdir(parents=True)
    print_figures.save_recipe(chart(), generated / "cla.pdf")
    ran = []
    monkeypatch.setattr(sphinx.subprocess, "run", lambda cmd, **kw: ran.append(cmd) or type("P", (), {"returncode": 0})())
    sphinx.jupyter_book(["--builder", "html"], tmp_path / "c.yml", tmp_path / "t.yml", tmp_path / "source", tmp_path,
                        "HTML", 2025)
    assert not (generated / "cla.pdf").exists()          # the web pages never need it
    sphinx.jupyter_book(["--builder", "pdflatex"], tmp_path / "c.yml", tmp_path / "t.yml", tmp_path / "source",
                        tmp_path, "PDF", 2025)
    assert (generated / "cla.pdf").exists() and len(ran) == 2
