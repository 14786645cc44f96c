"""The command line: ``sufficiency build | build-all | validate | episodes | new-strategy | template | councils | groups | toc``.

Expected mistakes (an unknown council, a bad data file, a failing notebook) print one paragraph
and exit with status 2; they never print a traceback.
"""
from __future__ import annotations

import argparse
import errno
import sys
import time
from pathlib import Path

from sufficiency.build import national
from sufficiency.build.edition import Edition
from sufficiency.build.pipeline import build
from sufficiency.build.plan import TOC, write_project_toc
from sufficiency.build.progress import BuildError
from sufficiency.build.publish import REGIONS
from sufficiency.core.errors import InputError
from sufficiency.core.paths import BUILD
from sufficiency.data import councils, groups, localdata, manifest
from sufficiency.data.input_checks import available_years, check_inputs
from sufficiency.measures import strategy_cycle
from sufficiency.records import book, read, synthetic

DEFAULT_LA = "209"  # Lewisham, the first council


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="sufficiency", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)

    def edition_args(p):
        p.add_argument("--la", default=DEFAULT_LA,
                       help="council: DfE LA code (e.g. 209) or name (e.g. Lewisham); default 209")
        p.add_argument("--year", type=int, default=None,
                       help="latest reporting year (year ending 31 March) the edition uses; "
                            "no data after it is read. Default: the latest year in the data")
        p.add_argument("--sn-model", default=None, choices=["2021", "2025"],
                       help="DfE statistical neighbour model (default: the latest published by the edition's "
                            "year, so an edition reads nothing later than its year: 2021 for 2021-2024, 2025 after)")

    b = sub.add_parser("build", help="build the book (HTML and PDF) for one edition: a council's, or a "
                                     "regional book for a group of councils (--group, --councils)")
    edition_args(b)
    which = b.add_mutually_exclusive_group()
    which.add_argument("--group", default=None,
                       help="a regional book for a group of councils: a region (e.g. london, 'North West'), a "
                            "London sub-region (e.g. london-east) or a group of data/local/groups.csv "
                            "(`sufficiency groups` lists them)")
    which.add_argument("--councils", default=None,
                       help="a regional book for an ad hoc group: DfE LA codes or names, comma-separated "
                            "(e.g. 209,203,210)")
    b.add_argument("--out", type=Path, default=None,
                   help="output folder (default _build; a regional book: _build/regions/<group>)")
    b.add_argument("--no-pdf", action="store_true", help="build the HTML only")
    b.add_argument("--jobs", type=int, default=None, help="notebooks executed at once (default: cores)")
    b.add_argument("--force", action="store_true", help="re-execute every notebook and rebuild")
    b.add_argument("--episodes", type=Path, default=None,
                   help="folder with the council's own SSDA903 extract (record-level; never committed)")
    b.add_argument("--strict", action="store_true",
                   help="with --episodes: stop at any broken DfE rule instead of repairing or leaving rows out")

    v = sub.add_parser("validate", help="check every input file and print a summary")
    edition_args(v)

    e = sub.add_parser("episodes", help="indicators from the council's own SSDA903 extract, "
                                          "disclosure-controlled, as a tidy CSV")
    e.add_argument("folder", type=Path, help="folder with the SSDA903 files (header, episodes, ...)")
    edition_args(e)
    e.add_argument("--out", type=Path, default=None,
                   help="CSV to write (default: <folder>/indicators_<year>.csv); counts 1-5 show as c")
    e.add_argument("--synthetic", action="store_true",
                   help="first write a seeded SYNTHETIC extract for the council into the folder (demonstration)")
    e.add_argument("--years", type=int, default=6,
                   help="with --synthetic: how many annual extracts to write (default 6)")
    e.add_argument("--seed", type=int, default=0, help="with --synthetic: the random seed (default 0)")
    e.add_argument("--faults", action="store_true",
                   help="with --synthetic: plant the mistakes real exports have (bad codes and dates, repeated "
                        "rows, Excel and ISO-dated years, an empty file, a mid-year return)")
    e.add_argument("--strict", action="store_true",
                   help="stop at any broken DfE rule instead of repairing or leaving rows out")
    e.add_argument("--quality", type=Path, default=None,
                   help="where to write the data-quality report (default: data_quality_<year>.csv beside --out)")

    n = sub.add_parser("new-strategy", help="start the next strategy from the current one: actions carried with "
                                            "their status, measures with baselines from the latest data")
    n.add_argument("--la", default=DEFAULT_LA, help="council: DfE LA code or name; default 209")
    n.add_argument("--from", dest="from_period", required=True, help="the strategy being reviewed, e.g. 2022-25")
    n.add_argument("--period", required=True, help="the new strategy's period, e.g. 2025-28")
    n.add_argument("--year", type=int, default=None,
                   help="the data year new baselines are read to (default: the new period's first year)")
    t = sub.add_parser("template", help="write an empty workbook for a council's own files (one sheet a file, "
                                         "drop-down lists, a notes sheet), or a council's files as a workbook")
    t.add_argument("--xlsx", type=Path, required=True, help="the workbook to write, e.g. lewisham.xlsx")
    t.add_argument("--la", default=None, help="fill it with this council's files instead of leaving it empty")

    national.add_arguments(sub.add_parser("build-all", help="every council's book for an edition, on Dask, with a "
                                                           "national index (built or failed, gaps, links)"))
    sub.add_parser("councils", help="list the councils and their DfE LA codes")
    g = sub.add_parser("groups", help="list the groups a regional book can be built for, with their councils")
    g.add_argument("--year", type=int, default=None, help="the edition year (default: the latest in the data)")
    a = sub.add_parser("accept-data", help="record the checksum of a new release of a published file "
                                            "in data/manifest.csv (after checking where it came from)")
    a.add_argument("paths", nargs="+", help="files under data/raw, e.g. data/raw/cla_dfe_ees/x.csv.gz")
    a.add_argument("--origin", default=None, help="where the new release came from (repository@commit:path or URL)")
    a.add_argument("--coverage", default=None, help="the years the new release covers")
    sub.add_parser("toc", help="write _toc.yml from the page plan (src/sufficiency/build/plan.py)")
    return parser


def resolve_edition_inputs(la: str, year: int | None):
    """The council and reporting year, checked: unknown councils and years raise InputError. A
    council is taken among those of the year, so ``--la 909 --year 2022`` builds Cumbria's edition
    and ``--la 909`` for a later year names its successors."""
    earliest, latest = available_years()
    if year is None:
        year = latest
    elif not earliest <= year <= latest:
        raise InputError("--year", found=str(year),
                         expected=f"a reporting year from {earliest} to {latest} (years ending 31 March)")
    return councils.council_in_year(la, year, what="--la"), year


def cmd_build(args) -> int:
    if args.group or args.councils:
        return cmd_build_group(args)
    council, year = resolve_edition_inputs(args.la, args.year)
    print(f"edition: {council.name} (LA {council.code}), data to 31 March {year}", flush=True)
    start = time.perf_counter()
    for line in check_inputs(council, year):
        print(f"  checked: {line}", flush=True)
    episodes = args.episodes.resolve() if args.episodes else None
    print_cells_to_decide(council)
    edition = Edition(la_code=council.code, la_name=council.name, year=year, out=args.out or BUILD,
                      sn_model=args.sn_model, episodes=episodes, council_slug=council.slug, strict=args.strict)
    return report_build(edition, args, start)


def group_spec(args) -> str | list[str]:
    """What ``--group`` or ``--councils`` names: a group's name, or the ad hoc group's councils."""
    if args.group:
        return args.group
    return [item.strip() for item in args.councils.split(",") if item.strip()]


def cmd_build_group(args) -> int:
    """A regional book: the group's councils in the edition's year, checked, then the same build."""
    if args.la != DEFAULT_LA:
        raise InputError("--la", found=args.la,
                         expected="either --la (one council's book) or --group/--councils (a regional book), not both")
    if args.episodes:
        raise InputError("--episodes", found=str(args.episodes),
                         expected="no record-level extract for a regional book: it is built from published data only")
    _, year = resolve_edition_inputs(DEFAULT_LA, args.year)
    group = groups.resolve(group_spec(args), year)
    print(f"edition: {group.name}, a regional book of {len(group.members)} councils "
          f"({', '.join(c.name for c in group.members)}), data to 31 March {year}", flush=True)
    for line in group.joined_histories:
        print(f"  joined: {line}", flush=True)
    start = time.perf_counter()
    for line in check_inputs(group.members[0], year):
        if not line.startswith(("no local files", "local files")):   # the members' own files are not read
            print(f"  checked: {line}", flush=True)
    out = args.out or BUILD / REGIONS / group.slug
    edition = Edition(la_code="", la_name=group.name, year=year, out=out, sn_model=args.sn_model,
                      group="" if group.kind == groups.AD_HOC else group.slug, members=group.codes)
    return report_build(edition, args, start)


def report_build(edition: Edition, args, start: float) -> int:
    report = build(edition, pdf=not args.no_pdf, jobs=args.jobs, force=args.force)
    print(f"executed {len(report.executed)} notebook(s), {len(report.cached)} unchanged "
          f"({time.perf_counter() - start:.1f} s in all)")
    print(f"HTML: {report.html}")
    if report.pdf:
        print(f"PDF:  {report.pdf}")
    elif report.pdf_skipped_reason:
        print(f"PDF:  not built ({report.pdf_skipped_reason})")
    return 0


def cmd_validate(args) -> int:
    council, year = resolve_edition_inputs(args.la, args.year)
    print(f"inputs for {council.name} (LA {council.code}), data to 31 March {year}:")
    for line in check_inputs(council, year):
        print(f"  ok: {line}")
    print_cells_to_decide(council)
    return 0


def print_cells_to_decide(council) -> None:
    """What the council still has to fill in its own files (statuses to review, targets to set)."""
    if localdata.has_local_folder(council.slug):
        print("  still to decide: " + strategy_cycle.to_decide_text(strategy_cycle.cells_to_decide(council)),
              flush=True)


def cmd_new_strategy(args) -> int:
    council = councils.resolve_council(args.la)
    model = councils.neighbour_model_for(args.year) if args.year else "2025"
    started = strategy_cycle.new_strategy(council, args.from_period, args.period, year=args.year, model=model)
    print(started.summary())
    return 0


def cmd_template(args) -> int:
    slug = councils.resolve_council(args.la).slug if args.la else None
    path = localdata.write_template_workbook(args.xlsx, slug)
    print(f"wrote {path}" + (f" with {args.la}'s files" if slug else " (empty, with drop-down lists and notes)"))
    return 0


def cmd_episodes(args) -> int:
    council, year = resolve_edition_inputs(args.la, args.year)
    if args.synthetic and args.faults:
        synthetic.generate_with_faults(args.folder, la_code=council.code, year=year, years=args.years,
                                       seed=args.seed)
        print(f"wrote a SYNTHETIC extract with planted mistakes for {council.name} to {args.folder} "
              "(not real children)")
    elif args.synthetic:
        synthetic.generate(args.folder, la_code=council.code, year=year, years=args.years, seed=args.seed)
        print(f"wrote a SYNTHETIC extract for {council.name} to {args.folder} (not real children)")
    out = args.out or args.folder / f"indicators_{year}.csv"
    # Read once; with --strict a broken rule stops here, before anything is counted.
    extract, report = read.read_and_report(args.folder, year=year, strict=args.strict,
                                           report_path=args.quality or out.parent / f"data_quality_{year}.csv")
    print(f"SSDA903 extract: {extract.quality.headline()}; data-quality report: {report}")
    records = book.load(args.folder, la_code=council.code, council_name=council.name, year=year, extract=extract)
    records.safe.to_csv(out, index=False)
    print(f"{len(records.safe):,} rows of indicators for {records.years[0]} to {year} written to {out} "
          "(counts of 1 to 5 suppressed as c, with secondary suppression)")
    return 0


def cmd_councils(args) -> int:
    for c in councils.all_councils():
        print(f"{c.code}  {c.name}  ({c.region_name})")
    return 0


def cmd_groups(args) -> int:
    _, year = resolve_edition_inputs(DEFAULT_LA, args.year)
    for group in groups.all_groups(year):
        print(f"{group.slug}  {group.name}  ({group.kind}, {len(group.members)} councils in {year}): "
              + ", ".join(c.name for c in group.members))
    return 0


def cmd_accept_data(args) -> int:
    for line in manifest.accept_files(args.paths, origin=args.origin, coverage=args.coverage):
        print(line)
    print("Say where the new release came from in its folder's PROVENANCE.md, then run `sufficiency accept-data` "
          "on that note too.")
    return 0


def cmd_toc(args) -> int:
    write_project_toc()
    print(f"wrote {TOC.name} from the page plan")
    return 0


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    command = {"build": cmd_build, "validate": cmd_validate, "episodes": cmd_episodes,
               "build-all": national.run, "new-strategy": cmd_new_strategy, "template": cmd_template, "councils": cmd_councils,
               "groups": cmd_groups,
               "toc": cmd_toc, "accept-data": cmd_accept_data}[args.command]
    try:
        return command(args)
    except InputError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except BuildError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        if exc.errno not in (errno.ENOSPC, errno.EDQUOT):
            raise
        where = f" while writing {exc.filename}" if exc.filename else ""
        print(f"error: the disk is full{where}. Free some space (the folders .cache and _build can be "
              "deleted safely) and run the command again. The last good book is still published.",
              file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted: the last good book is still published", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
