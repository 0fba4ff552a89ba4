from __future__ import annotations

from clientbook.cli import run

if __name__ == "__main__":
    run()
