"""What the poller says about a task's or an account's trouble: English sentences, marked for
translation (the window and the terminal word them in the user's language, gui.domain.wording).
They are stored as written in the task list, so a change of wording here is a change of data:
keep the old sentence until the stored ones have aged out, or add the new one beside it."""

from __future__ import annotations

from gui.domain.wording import QT_TRANSLATE_NOOP

NO_KEY_SHORT = QT_TRANSLATE_NOOP("Problems", "No API key for {account}.")
NO_KEY = QT_TRANSLATE_NOOP(
    "Problems", "No API key for {account}: add one in Settings to start checking."
)
KEY_REFUSED_PAUSED = QT_TRANSLATE_NOOP(
    "Problems", "{message} Tasks of this account are paused until the key changes."
)
RATE_LIMITED_ACCOUNT = QT_TRANSLATE_NOOP(
    "Problems", "{provider} is rate limiting; Tunewatch waits {seconds} s before asking again."
)
RATE_LIMITED_TASK = QT_TRANSLATE_NOOP("Problems", "Rate limited; retrying in {seconds} s.")
UNEXPECTED_ERROR = QT_TRANSLATE_NOOP(
    "Problems", "Unexpected error ({error}); retrying in {seconds} s."
)
GAVE_UP = QT_TRANSLATE_NOOP(
    "Problems",
    "Stopped checking after {minutes} minutes without a result. Resume to keep watching.",
)
NOT_FOUND_HINT = QT_TRANSLATE_NOOP("Problems", "{message} Check the ID and the provider.")
RETRYING = QT_TRANSLATE_NOOP("Problems", "{message} Retrying in {seconds} s.")
UNREACHABLE = QT_TRANSLATE_NOOP("Problems", "{provider} can't be reached — retrying.")
PROVIDER_PROBLEM = QT_TRANSLATE_NOOP("Problems", "{provider}: {message}")
