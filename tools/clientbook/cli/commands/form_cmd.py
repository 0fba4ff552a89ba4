"""`clientbook form [CLIENT]`: the onboarding forms, or a pre-filled review form for one client."""

from __future__ import annotations

from pathlib import Path

import click

from clientbook.authoring.forms import (
    config_form,
    environment,
    option_labels,
    render_onboarding,
    render_print,
    render_review,
)
from clientbook.cli.options import Fail, State, apply_changes, handle_user_errors, pass_state
from clientbook.core.areas import output_area
from clientbook.core.changeset import ChangeSet, WriteRefused
from clientbook.core.config import Config
from clientbook.core.records import read_record
from clientbook.history.since_review import changed_since_review


@click.command("form")
@click.argument("client", required=False)
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("forms"),
    show_default=True,
    help="The folder to write the forms into (relative to the repository root).",
)
@pass_state
@handle_user_errors
def command(state: State, client: str | None, out: Path) -> None:
    """Write the onboarding forms, built from the schema.

    Without CLIENT: onboarding.html (a fillable form that produces the record's YAML
    in the browser; no network, works from file://) and onboarding-print.html (a
    printable blank form). With CLIENT: review-CLIENT.html, the client's current record
    in the same form, with the fields changed since the last review highlighted.
    """
    config = state.config()
    schema = config.client_schema()
    model = config_form(config, schema.document)
    env = environment(config.root)
    labels = option_labels(config)
    folder = out if out.is_absolute() else config.root / out
    if client is None:
        _write(
            config,
            folder,
            {
                "onboarding.html": render_onboarding(env, config, model, labels),
                "onboarding-print.html": render_print(env, config, model, labels),
            },
        )
        click.echo(f"wrote {folder / 'onboarding.html'}\nwrote {folder / 'onboarding-print.html'}")
        return
    client_id = Path(client).stem
    file = config.client_file(client_id)
    if file is None:
        raise Fail(f"no client '{client_id}' (looked for {client_id}.yaml under clients/)")
    record = read_record(config.root / file, file, config.root, config.max_file_size)
    data = record.data
    if data is None:
        raise Fail(f"{file} cannot be read; run 'clientbook lint' to see why")
    review = data["review"] if isinstance(data.get("review"), dict) else {}
    changed, warning = changed_since_review(config.root, client_id, review.get("last_reviewed"))
    if warning:
        click.echo(f"warning: {warning}", err=True)
    context = {
        "name": data.get("name", client_id),
        "path": record.file,
        "last_reviewed": review.get("last_reviewed"),
    }
    target = folder / f"review-{client_id}.html"
    _write(
        config,
        folder,
        {target.name: render_review(env, config, model, labels, data, changed, context)},
    )
    click.echo(
        f"wrote {target} ({len(changed)} field{'s' if len(changed) != 1 else ''} changed since the last review)"
    )


def _write(config: Config, folder: Path, pages: dict[str, str]) -> None:
    """The form pages into `folder` (made if need be), together, through the write layer."""
    changes = ChangeSet(config.root)
    try:
        for name, text in pages.items():
            changes.write(folder / name, text, output_area(folder))
    except WriteRefused as err:
        raise Fail(f"no form was written: {err}") from None
    apply_changes(changes, doing="writing the form")
