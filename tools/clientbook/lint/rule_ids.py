"""The rule ids clientbook.yaml names (severities, ignores) must name rules that exist.

Checked here, in the lint layer that owns the rule table, so that loading the config
does not load every rule: the config layer knows nothing of rules.
"""

from __future__ import annotations

from clientbook.core.config import Config, positioned_error
from clientbook.core.repo import CONFIG_NAME
from clientbook.lint.rules import RULES


def unknown_rule_ids(config: Config) -> list[tuple[str, str]]:
    """(JSON pointer, message) for each rule id in the config that names no rule."""
    out: list[tuple[str, str]] = []
    for rule_id in config.rule_severity:
        if rule_id not in RULES:
            out.append(
                (f"rules/{rule_id}", f"there is no rule '{rule_id}'; 'clientbook rules' lists them")
            )
    for i, ignore in enumerate(config.ignores):
        if ignore.rule not in RULES:
            out.append(
                (
                    f"ignore/{i}/rule",
                    f"there is no rule '{ignore.rule}'; 'clientbook rules' lists them",
                )
            )
    return out


def check_rule_ids(config: Config) -> None:
    """Raise ConfigError, positioned in clientbook.yaml, when it names a rule that does not exist."""
    problems = unknown_rule_ids(config)
    if not problems:
        return
    try:
        text = (config.root / CONFIG_NAME).read_bytes().decode("utf-8-sig")
    except (OSError, UnicodeDecodeError):  # changed since it was loaded: no positions to give
        text = ""
    raise positioned_error(text, problems)
