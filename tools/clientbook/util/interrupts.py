"""Holding off Ctrl-C and SIGTERM while a finished change tidies up after itself.

Once a change is committed it stands; what is left is removing the copies kept aside
for an undo. A Ctrl-C in that moment must not leave thousands of them beside the
records (untracked, so the next `git add -A` would commit them) nor say "Aborted!"
about a change that was made. So the signals are noted, the tidying finishes, and
then a SIGTERM ends the process as it asked; a Ctrl-C is reported and the command
goes on to say what it did.
"""

from __future__ import annotations

import contextlib
import os
import signal
import threading
from collections.abc import Iterator
from types import FrameType

_HELD = (signal.SIGINT, signal.SIGTERM)


@contextlib.contextmanager
def held() -> Iterator[list[int]]:
    """The block runs to its end through SIGINT and SIGTERM; yields the list of those that came.

    Outside the main thread signals cannot be handled (nor are they delivered there), so
    the block simply runs.
    """
    came: list[int] = []
    if threading.current_thread() is not threading.main_thread():
        yield came
        return

    def note(signum: int, frame: FrameType | None) -> None:
        came.append(signum)

    # a signal the process ignores (a job started in the background ignores SIGINT) stays so,
    # and one whose handler is not Python's (None) could not be given back
    caught = [n for n in _HELD if signal.getsignal(n) not in (signal.SIG_IGN, None)]
    before = {number: signal.signal(number, note) for number in caught}
    try:
        yield came
    finally:
        for number, handler in before.items():
            signal.signal(number, handler)
        if signal.SIGTERM in came:  # also when the block failed: the process was asked to end
            os.kill(os.getpid(), signal.SIGTERM)
