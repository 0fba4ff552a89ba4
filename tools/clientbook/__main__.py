from __future__ import annotations

from clientbook.cli import main

if __name__ == "__main__":
    main()
