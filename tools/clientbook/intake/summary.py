"""The import's summary in words: what was (or would be) created, updated, left and skipped."""

from __future__ import annotations

from clientbook.intake.plan import CREATE, PRESENT, SKIPPED, UNCHANGED, UPDATE, Outcome, count

SHOWN = 10  # of each kind, the first few are named; the rest are counted


def _rows(outcome: Outcome) -> str:
    lines = outcome.candidate.lines
    if len(lines) == 1:
        return f"row {lines[0]}"
    return f"rows {', '.join(map(str, lines[:4]))}" + ("…" if len(lines) > 4 else "")


def summary(outcomes: list[Outcome], dry_run: bool, errors: dict[int, list[str]]) -> list[str]:
    n = count(outcomes)
    verb = "would be " if dry_run else ""
    lines = [
        f"{n[CREATE]:>7,} {verb}created",
        f"{n[UPDATE]:>7,} {verb}updated",
        f"{n[UNCHANGED]:>7,} unchanged",
        f"{n[PRESENT]:>7,} already present (--update to bring them up to date)",
        f"{n[SKIPPED]:>7,} skipped",
    ]
    if not n[PRESENT]:
        del lines[3]
    for action, title in ((UPDATE, "updated"), (PRESENT, "already present"), (SKIPPED, "skipped")):
        chosen = [o for o in outcomes if o.action == action]
        if chosen:
            lines += ["", f"{title}:"]
            lines += [text for o in chosen[:SHOWN] for text in _lines(o, action == UPDATE)]
            if len(chosen) > SHOWN:
                lines.append(f"  … and {len(chosen) - SHOWN:,} more")
    notes = [f"  {_rows(o)}: {note}" for o in outcomes for note in o.candidate.notes]
    if notes:
        lines += ["", "rows of one client that disagree:", *notes[:SHOWN]]
        if len(notes) > SHOWN:
            lines.append(f"  … and {len(notes) - SHOWN:,} more")
    return lines


def _lines(outcome: Outcome, updating: bool) -> list[str]:
    where = f"  {outcome.file or outcome.id or '(no id)'} ({_rows(outcome)}"
    if outcome.matched_by:
        where += f", matched by {outcome.matched_by}"
    where += ")"
    if outcome.action == SKIPPED:
        return [f"{where}: {outcome.reason}"]
    change = outcome.change
    parts = []
    if change is not None and change.added:
        parts.append("adds " + ", ".join(change.added[:6]) + ("…" if len(change.added) > 6 else ""))
    out = [where + (": " + "; ".join(parts) if parts else "")]
    if change is not None:
        out += [f"      {d.words(updating)}" for d in change.differences[:6]]
        if len(change.differences) > 6:
            out.append(f"      … and {len(change.differences) - 6} more differences")
    return out
