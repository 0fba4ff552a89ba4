"""`clientbook rules`: the rule table, from the same place lint reads it."""

from __future__ import annotations

import json

import click

from clientbook.lint.rules import RULES


@click.command("rules")
@click.argument("rule_id", required=False)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "markdown"]),
    default="text",
    show_default=True,
)
def command(rule_id: str | None, fmt: str) -> None:
    """List the lint rules, or explain one (RULE_ID) with passing and failing examples."""
    if rule_id:
        rule = RULES.get(rule_id)
        if rule is None:
            raise click.UsageError(f"there is no rule '{rule_id}'; 'clientbook rules' lists them")
        click.echo(f"{rule.id} ({rule.severity}, {rule.family})\n\n{rule.summary}\n\n{rule.doc}")
        return
    if fmt == "json":
        rows = [
            {
                "id": r.id,
                "severity": str(r.severity),
                "family": r.family,
                "summary": r.summary,
                "doc": r.doc,
            }
            for r in RULES.values()
        ]
        click.echo(json.dumps(rows, indent=2))
    elif fmt == "markdown":
        click.echo("| rule | default | family | what it reports |\n| --- | --- | --- | --- |")
        for r in RULES.values():
            click.echo(f"| `{r.id}` | {r.severity} | {r.family} | {r.summary} |")
    else:
        width = max(len(r) for r in RULES)
        for r in RULES.values():
            click.echo(f"{r.id:<{width}}  {r.severity!s:<7}  {r.summary}")
