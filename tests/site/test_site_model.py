"""The client page model: its typed lists, and the obligations it takes from core/obligations.py."""

from __future__ import annotations

from typing import Any

from clientbook.core.config import Config, load_config
from clientbook.site.env import site_environment
from clientbook.site.model import ClientPage, client_page, next_due
from clientbook.util.vcard import vcard_data_url
from tests.conftest import OPEN_FOLLOW_UP, TODAY, RecordsRepo, minimal_record, run_cli

# The contacts', consents' and interactions' rows of client.html as `clientbook init` copied
# it into repositories before these lists were typed: they read each entry as a dict.
OLD_ROWS = """\
{% for c in page.contacts %}<tr><td>{{ c.get('name') }}{% if c.get('primary') %} <span class="tag">primary</span>{% endif %}</td><td>{{ c.get('role') }}</td>
<td>{% if c.get('mailto') %}<a href="{{ c.get('mailto') }}">{{ c.get('email') }}</a>{% else %}{{ c.get('email') }}{% endif %}</td>
<td>{% if c.get('tel') %}<a href="{{ c.get('tel') }}">{{ c.get('phone') }}</a>{% else %}{{ c.get('phone') }}{% endif %}</td><td>{{ c.get('preferred_channel') }}</td>
<td><a href="{{ vcards[loop.index0] }}" download="{{ page.id }}.contact-{{ c.get('index') + 1 }}.vcf">vCard<span class="sr"> for {{ c.get('name') }}</span></a></td></tr>{% endfor %}
{% for c in page.consents %}<tr><td>{{ c.get('title') or c.get('purpose') }}</td><td>{{ c.get('lawful_basis') }}</td><td>{{ c.get('given') }}</td><td><span class="badge {{ 'ok' if c.get('state') == 'current' else 'overdue' }}">{{ c.get('state') }}{% if c.get('withdrawn') %} {{ c.get('withdrawn') }}{% endif %}</span></td><td>{{ c.get('source') }}</td></tr>{% endfor %}
{% for i in page.interactions %}<li><time datetime="{{ i.get('date') }}">{{ i.get('date') }}</time> <strong>{{ i.get('channel') }}</strong>, {{ i.get('direction') }}{% if i.get('by_name') %}, {{ i.get('by_name') }}{% endif %}<p>{{ i.get('summary') }}</p>
{% if i.get('follow_state') %}<p class="follow {{ i.get('follow_state') }}">Follow-up {{ i.get('follow_up') }}: {{ i.get('follow_state') }}</p>{% endif %}</li>{% endfor %}
"""

CONSENTS = [
    {"purpose": "newsletter", "lawful_basis": "consent", "given": "someday", "source": "Form"},
    {"purpose": "service", "lawful_basis": "contract", "given": "2026-01-05"},
    {
        "purpose": "marketing",
        "lawful_basis": "consent",
        "given": "2026-01-05",
        "withdrawn": "2026-03-01",
    },
    {"purpose": "marketing", "lawful_basis": "consent", "given": "2027-01-05"},
]
CONTACTS = [
    {"name": "Jo Bloggs", "email": "jo@acme.example", "phone": "+442079460123", "primary": True},
    {"email": "x@acme.example", "mailto": "javascript:alert(1)", "role": "Finance", "extra": 1},
]
INTERACTIONS = [
    OPEN_FOLLOW_UP,
    {
        "date": "2026-10-01",
        "channel": "call",
        "direction": "inbound",
        "summary": "Done",
        "follow_up": "2026-10-08",
        "done": True,
        "by": "account-manager",
    },
    {
        "date": "2026-09-01",
        "channel": "email",
        "summary": "Overdue",
        "follow_up": "2026-09-08",
        "follow_state": "forged",
    },
]


def _page(config: Config, record: dict[str, Any]) -> ClientPage:
    return client_page(
        f"clients/{record['id']}.yaml", record, config, {}, TODAY, [], None, "internal"
    )


def _as_dicts(page: ClientPage) -> dict[str, list[dict[str, Any]]]:
    """The lists as the page model made them when they were dicts."""
    return {
        "contacts": [
            {**c.fields, "index": c.position, "mailto": c.mailto, "tel": c.tel}
            for c in page.contacts
        ],
        "interactions": [
            {**i.fields, "by_name": i.by_name, "follow_state": i.follow_state}
            for i in page.interactions
        ],
        "consents": [{**c.fields, "state": c.state, "title": c.title} for c in page.consents],
    }


def test_a_template_copied_by_an_older_init_reads_the_entries_as_before(
    records_repo: RecordsRepo,
) -> None:
    config = load_config(records_repo.root)
    record = minimal_record(contacts=CONTACTS, consents=CONSENTS[1:], interactions=INTERACTIONS)
    page = _page(config, record)
    env = site_environment(records_repo.root)
    template = env.from_string(OLD_ROWS)
    vcards = [vcard_data_url(page.data, c.fields) for c in page.contacts]
    typed = template.render(page=page, vcards=vcards)
    as_dicts = template.render(page=_as_dicts(page) | {"id": page.id}, vcards=vcards)
    assert typed == as_dicts
    assert (
        "contact-2.vcf" in typed
        and "javascript:" not in typed
        and "Follow-up 2026-09-08: overdue" in typed
    )
    for entry, old in zip(page.contacts, _as_dicts(page)["contacts"], strict=True):
        for key in ("name", "index", "mailto", "extra", "nothing"):
            assert entry.get(key) == old.get(key) and entry.get(key, 7) == old.get(key, 7)


def test_states_come_from_the_obligations(records_repo: RecordsRepo) -> None:
    config = load_config(records_repo.root)
    page = _page(config, minimal_record(consents=CONSENTS, interactions=INTERACTIONS))
    assert [c.state for c in page.consents] == ["unknown", "current", "withdrawn", "future"]
    assert [i.follow_state for i in page.interactions] == ["overdue", "done", "due"]  # newest first


def test_the_next_deadline_leaves_out_the_review_of_an_anonymised_client(
    records_repo: RecordsRepo,
) -> None:
    """As the calendar and the dashboard always did (an anonymised record holds nothing to
    review); it used to be left out only for former clients."""
    config = load_config(records_repo.root)
    record = minimal_record(interactions=[])
    assert next_due(record, config) == "2027-06-01"  # the annual review after 2026-06-01
    assert next_due({**record, "anonymised": {"date": "2026-07-01"}}, config) == ""


def test_a_consent_without_a_readable_date_shows_the_date_unknown(
    records_repo: RecordsRepo,
) -> None:
    records_repo.write_record(minimal_record(consents=CONSENTS))
    result = run_cli("--repo", str(records_repo.root), "build", "--today", TODAY.isoformat())
    assert result.exit_code == 0, result.output
    page = (records_repo.root / "site/clients/acme-logistics.html").read_text(encoding="utf-8")
    assert (
        '<span class="badge missing" title="No readable date it was given: see the lint findings">date unknown</span>'
        in page
    )
    assert '<span class="badge ok">current</span>' in page
    assert '<span class="badge overdue">withdrawn 2026-03-01</span>' in page
    assert '<span class="badge overdue">future</span>' in page
