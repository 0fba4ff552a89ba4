"""Records with SOPS-encrypted fields: confidential values stay encrypted, the rest plain.

SOPS (with age keys) encrypts the values of chosen keys in place, as
`ENC[AES256_GCM,data:…,iv:…,tag:…,type:str]`, and adds a top-level `sops`
mapping with its metadata. Lint removes that mapping before validating and
reports nothing about an encrypted value: it cannot be read, and the person
who encrypted it checked it in clear.
"""

from __future__ import annotations

import re
from typing import Any

ENCRYPTED = re.compile(
    r"^ENC\[AES256_GCM,data:[^,]*,iv:[^,]*,tag:[^,]*,type:(?:str|int|float|bool|bytes|comment)\]$"
)


def is_sops_file(data: Any) -> bool:
    meta = data.get("sops") if isinstance(data, dict) else None
    return isinstance(meta, dict) and "mac" in meta and "version" in meta


def rewrite_refusal(file: str, data: Any) -> str | None:
    """Why a command must not rewrite `file` in place, or None when it may.

    SOPS's MAC covers the document as written: a changed value, even a plain one, leaves a
    record that sops refuses to decrypt ("MAC mismatch").
    """
    if not is_sops_file(data):
        return None
    return (
        f"{file} is encrypted with SOPS, and rewriting it here would break its MAC "
        f"(sops could no longer decrypt it): make the change in 'sops edit {file}', or "
        f"decrypt it with 'sops -d -i {file}', run this again, and encrypt it with 'sops -e -i'"
    )


def split_sops(data: dict[str, Any]) -> tuple[dict[str, Any], set[str]]:
    """The record without SOPS metadata, and the JSON paths of its encrypted values."""
    if not is_sops_file(data):
        return data, set()
    record = {k: v for k, v in data.items() if k != "sops"}
    return record, set(_encrypted(record, ""))


def _encrypted(value: Any, path: str) -> list[str]:
    if isinstance(value, dict):
        return [p for k, v in value.items() for p in _encrypted(v, f"{path}/{k}" if path else k)]
    if isinstance(value, list):
        return [
            p for i, v in enumerate(value) for p in _encrypted(v, f"{path}/{i}" if path else str(i))
        ]
    return [path] if isinstance(value, str) and ENCRYPTED.match(value) else []


def covered(pointer: str, encrypted: set[str]) -> bool:
    """True when a finding's pointer is an encrypted value or inside one."""
    return any(pointer == p or pointer.startswith(p + "/") for p in encrypted)


def confidential_keys(schema: dict[str, Any]) -> list[str]:
    """Property names the schema marks x-sensitivity: confidential, for .sops.yaml's encrypted_regex."""
    found: set[str] = set()

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            for key, prop in node.get("properties", {}).items():
                if isinstance(prop, dict) and prop.get("x-sensitivity") == "confidential":
                    found.add(key)
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(schema)
    return sorted(found)


def encrypted_regex(schema: dict[str, Any]) -> str:
    return "^(" + "|".join(re.escape(k) for k in confidential_keys(schema)) + ")$"
