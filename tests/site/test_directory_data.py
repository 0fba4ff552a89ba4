"""The directory's name order and its "none" filters, and the dashboard's links to the directory."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from jinja2.utils import htmlsafe_json_dumps

from clientbook.site.dashboard import build_dashboard, directory_link
from clientbook.site.directory import EMPTY, directory_of, name_order, patched
from clientbook.site.summary import Summary, from_parts
from tests.conftest import TODAY, RecordsRepo, minimal_record, run_cli
from tests.site.directory_files import built_rows


def _summary(name: str, team: str = "Accounts", jurisdiction: str = "GB") -> Summary:
    row: tuple[Any, ...] = (name.lower(), name, "active", "Owner", team, "", jurisdiction)
    row += ("", "", [], name.lower(), 0, [])
    text = str(htmlsafe_json_dumps(row, separators=(",", ":")))
    return from_parts(f"clients/{name}.yaml", 0, {"directory": (name, row, text)})


def _board(*teams: str) -> Summary:
    values = ("active", teams[0], "GB", 1.0, (), (), (), (), None)
    return from_parts("clients/x.yaml", 0, {"dashboard": values})


def test_names_sort_with_accents_and_case_set_aside() -> None:
    names = ["Zeta", "Émile", "emil", "Ærø", "Aero", "Łódź", "lodz", "Émile", "émile", "Birch"]
    ordered = sorted(names, key=name_order)
    assert ordered == [
        "Aero",
        "Ærø",
        "Birch",
        "emil",
        "Émile",
        "Émile",
        "émile",
        "lodz",
        "Łódź",
        "Zeta",
    ]
    assert name_order("Birch") == ("birch", "birch")


def test_the_directory_is_in_that_order() -> None:
    directory = directory_of([_summary(n) for n in ("Zeta", "Émile Zola", "Ebony", "Fjord")])
    assert [r[1] for r in directory.rows] == ["Ebony", "Émile Zola", "Fjord", "Zeta"]


def test_filters_some_rows_have_no_value_for_are_offered_as_none() -> None:
    directory = directory_of([_summary("A"), _summary("B", team=""), _summary("C", team="")])
    assert directory.empty() == ["team"]
    assert directory.facets[EMPTY]["team"] == 2
    assert "" not in directory.facet_values()["team"] and EMPTY not in directory.facet_values()
    assert directory_of([_summary("A")]).empty() == []


def test_patched_counts_the_rows_without_a_value_as_a_whole_build_does() -> None:
    before = [_summary("A"), _summary("B", team="")]
    whole = directory_of(before)
    after = [before[0], _summary("B")]  # the only client without a team gets one
    result = patched(whole.json, whole.facets, 2, [(before[1], after[1])])
    assert result is not None and result.empty() == [] == directory_of(after).empty()
    back = patched(result.json, result.facets, 2, [(after[1], before[1])])
    assert back is not None and back.empty() == ["team"]


def test_facets_kept_by_an_older_build_make_the_directory_again() -> None:
    """Their counts never had the rows without a value: patching them would lose "none"."""
    before = [_summary("A"), _summary("B", team="")]
    whole = directory_of(before)
    older = {key: values for key, values in whole.facets.items() if key != EMPTY}
    assert patched(whole.json, older, 2, [(before[0], before[0])]) is None


def test_every_count_of_the_dashboard_links_to_its_filter() -> None:
    board = build_dashboard([_board("Accounts"), _board(""), _board("R&D + Ops")], TODAY)
    by_team = next(t for t in board.tallies if t.title == "By team")
    assert [(f.label, f.value, f.link) for f in by_team.figures] == [
        ("Accounts", "1", "index.html#team=Accounts"),
        ("R&D + Ops", "1", "index.html#team=R%26D+%2B+Ops"),
        ("no team", "1", "index.html#team="),  # the clients without one, last
    ]
    assert [t.title for t in board.tallies] == ["By status", "By team", "By jurisdiction"]
    assert board.by_team == [("Accounts", 1), ("R&D + Ops", 1), ("no team", 1)]  # as before
    assert directory_link("status", "active") == "index.html#status=active"
    assert build_dashboard([], dt.date(2026, 1, 1)).tallies[1].figures == []


def test_the_built_pages_offer_and_link_the_clients_without_a_team(
    records_repo: RecordsRepo,
) -> None:
    records_repo.write_record(minimal_record())
    records_repo.write_record(minimal_record(id="lone", name="Lone Trader", team=None))
    result = run_cli("--repo", str(records_repo.root), "build", "--today", TODAY.isoformat())
    assert result.exit_code == 0, result.output
    site = records_repo.root / "site"
    index = (site / "index.html").read_text(encoding="utf-8")
    assert '<option value="" data-none>no team</option>' in index
    assert "data-none>none<" not in index  # every client has a status, owner, jurisdiction
    assert '<tr role="row" data-row="0">' in index and '<tr role="row" data-row="1">' in index
    assert '<script type="application/json" id="directory-meta">' in index
    assert "clients-data" not in index  # the rows are in directory/, not in the page
    dashboard = (site / "dashboard.html").read_text(encoding="utf-8")
    assert (
        '<th scope="row">no team</th><td><a href="index.html#team=" aria-label="1 client: no team">1<'
        in dashboard
    )
    assert '<a href="index.html#team=Account+management" aria-label="1 client: Acc' in dashboard


OLDER_INDEX = """{% extends "site/base.html" %}{% block main %}
<p id="count">{{ rows | length }} clients</p>
<table><tbody>{% for r in rows[:200] %}<tr data-row="{{ loop.index0 }}"><td>{{ r[1] }}</td></tr>{% endfor %}</tbody></table>
<script type="application/json" id="clients-data">{{ rows_json }}</script>
{% endblock %}"""


def test_an_index_html_copied_before_the_data_files_still_embeds_every_row(
    records_repo: RecordsRepo,
) -> None:
    """A repository's own index.html from an older init reads rows, rows[:200] and rows_json;
    made whole or patched in place, it gets every row as the data files hold them."""
    for n in range(3):
        records_repo.write_record(minimal_record(id=f"c{n}", name=f"Client {'ABC'[n]} Holdings"))
    (records_repo.root / "templates/site/index.html").write_text(OLDER_INDEX, encoding="utf-8")
    for edit in (False, True):
        if edit:  # the next build updates the site in place
            path = records_repo.root / "clients/c1.yaml"
            path.write_text(path.read_text().replace('"active"', '"paused"'), encoding="utf-8")
        result = run_cli("--repo", str(records_repo.root), "build", "--today", TODAY.isoformat())
        assert result.exit_code == 0, result.output
        site = records_repo.root / "site"
        html = (site / "index.html").read_text(encoding="utf-8")
        embedded = json.loads(html.split('id="clients-data">')[1].split("</script>")[0])
        assert "3 clients" in html and html.count("<tr data-row=") == 3
        assert [r[:9] for r in embedded] == [r[:9] for r in built_rows(site)]
        assert embedded[1][2] == ("paused" if edit else "active")
