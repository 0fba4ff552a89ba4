"""A small records repository under git for the query tests: clients a DPO and an account manager ask about."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import RecordsRepo, minimal_record
from tests.gitrepo import GitRepo

CALL = {"channel": "phone", "direction": "inbound", "by": "account-manager"}


def acme() -> dict[str, object]:
    return minimal_record(
        contacts=[{"name": "Jo Bloggs", "email": "jo@acme.example", "primary": True}],
        consents=[{"purpose": "marketing", "lawful_basis": "consent", "given": "2026-02-01"}],
        tags=["logistics", "key-account"],
        notes="Confidential: pricing dispute with the CFO.",
    )


def borealis() -> dict[str, object]:
    return minimal_record(
        id="borealis-foods",
        name="Borealis Foods",
        jurisdiction="EU",
        contacts=[{"name": "Ana Lind", "email": '=HYPERLINK("http://x")'}],
        interactions=[
            {
                **CALL,
                "date": "2026-05-10",
                "summary": "Asked about cold-chain pallets.",
                "follow_up": "2026-06-01",
            },
        ],
        consents=[
            {
                "purpose": "newsletter",
                "lawful_basis": "consent",
                "given": "2026-01-10",
                "withdrawn": "2026-09-01",
            },
        ],
    )


def cedar() -> dict[str, object]:
    return minimal_record(
        id="cedar-legal",
        name="Cedar Legal LLP",
        status="former",
        since="2012-04-01",
        ended="2019-03-01",
        communication=None,
        review=None,
        interactions=[{**CALL, "date": "2019-02-20", "summary": "Final invoice settled."}],
    )


def delta() -> dict[str, object]:
    return minimal_record(
        id="delta-dental",
        name="Delta Dental Care",
        status="contact",
        jurisdiction="EU",
        interactions=[
            {
                **CALL,
                "date": "2026-11-12",
                "summary": "Discussed orthodontics scanners.",
                "follow_up": "2026-11-20",
                "done": True,
            },
        ],
    )


def make(records_repo: RecordsRepo) -> Path:
    """The four clients, committed by two people; the history cache left cold."""
    git = GitRepo(records_repo.root)
    for record in (acme(), borealis(), cedar()):
        records_repo.write_record(record)
    git.commit("Add the first clients")
    records_repo.write_record(delta())
    git.commit(
        "Add Delta Dental",
        author="Jonas Weber",
        email="jonas@northwind.example",
        date="2026-11-12T09:00:00+00:00",
    )
    return records_repo.root
