"""Typed errors from talking to a provider; each carries a sentence a person understands
(in English, built from sentences marked in gui.domain.wording: shown translated)."""

from __future__ import annotations

from gui.domain.wording import Translate, localize


def _english(_context: str, text: str) -> str:
    return text


class ProviderError(Exception):
    """Something kept us from learning a task's state. `message` is shown to the user as is."""

    exit_code = 6

    def __init__(
        self,
        message: str,
        *,
        http_status: int | None = None,
        code: str | None = None,
        trace_id: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.http_status = http_status
        self.code = code
        self.trace_id = trace_id
        self.rate_limit: object | None = None  # RateLimitInfo from the response, when any

    def describe(self, translate: Translate = _english) -> str:
        """The message plus the details support asks for, in `translate`'s language."""
        # Literal calls: lupdate extracts them by the name `translate`; built here, never stored,
        # so they need no template to be matched back (gui.domain.wording).
        details = []
        if self.http_status is not None:
            details.append(translate("Problems", "HTTP {status}").format(status=self.http_status))
        if self.code is not None and self.code != str(self.http_status):
            details.append(translate("Problems", "code {code}").format(code=self.code))
        if self.trace_id:
            details.append(
                translate("Problems", "trace id {trace_id}").format(trace_id=self.trace_id)
            )
        message = localize(self.message, translate)
        if not details:
            return message
        joined = translate("Problems", ", ").join(details)
        return translate("Problems", "{message} ({details})").format(
            message=message, details=joined
        )


class AuthError(ProviderError):
    """The key was refused (or there is none)."""

    exit_code = 4


class MissingKeyError(AuthError):
    pass


class NotFoundError(ProviderError):
    exit_code = 5


class RateLimitedError(ProviderError):
    def __init__(self, message: str, *, retry_after: float | None = None, **kw: object) -> None:
        super().__init__(message, **kw)  # type: ignore[arg-type]
        self.retry_after = retry_after


class ServerError(ProviderError):
    """5xx, maintenance, an upstream failure: worth retrying later."""


class NetworkError(ProviderError):
    """No answer at all: connection refused, DNS, timeout."""


class UnreachableError(NetworkError):
    """The host could not be reached at all (refused, reset, no route): the network or the
    provider is down for every task of the account, not slow for one."""


class RequestRejectedError(ProviderError):
    """A 4xx that is none of the above (e.g. 402 insufficient credits, 400 bad request)."""


class BadPayloadError(ProviderError):
    """The answer could not be understood (not JSON, or not the shape the provider documents)."""


class InvalidTaskIdError(ValueError):
    """Text that cannot be a task ID."""


class InvalidBaseUrlError(ValueError):
    pass
