"""The modes new files and folders get: what the process's umask allows, as any tool's would."""

from __future__ import annotations

import os


def umask() -> int:
    """The process's umask (read by setting it and putting it back: the only way POSIX offers)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def new_file_mode() -> int:
    """0o644 under umask 022, 0o640 under 027: a web server or a colleague reads what git would."""
    return 0o666 & ~umask()


def new_folder_mode() -> int:
    return 0o777 & ~umask()
