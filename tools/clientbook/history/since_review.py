"""What changed in a record since its last data review, from git history."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from clientbook.core.durations import parse_date
from clientbook.history.gitlog import GitUnavailable
from clientbook.history.read import read_history


def changed_since_review(root: Path, client: str, last_reviewed: object) -> tuple[list[str], str]:
    """Paths changed after the last review (all history if never reviewed), and a warning if git is missing."""
    since = parse_date(last_reviewed)
    try:
        history = read_history(root)
    except GitUnavailable as err:
        return [], f"{err}: changes since the last review cannot be highlighted"
    record = history.find(client, merged=False)  # only its own fields are reviewed
    if record is None:
        return [], ""
    paths: list[str] = []
    for version in record.versions:
        if version.status == "added":
            continue  # the record's creation is not a change to review
        date = version.commit.author_date[:10]
        if since is not None and date and dt.date.fromisoformat(date) <= since:
            continue
        for change in version.changes:
            if change.path not in paths:
                paths.append(change.path)
    return paths, ""
