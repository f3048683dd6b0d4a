"""Airflow hook: an ``http`` connection → where alerts are posted, through the http provider.

The connection holds the destination and its secret, so nothing secret sits in the workspace
Variable. Per format:

* ``slack``, ``teams``: host ``https://hooks.slack.com`` (or the workflow's host) and the
  rest of the webhook URL in the password field, which Airflow encrypts and masks; or the
  whole webhook URL as host and no password.
* ``splunk_hec``: host of the collector (``https://splunk:8088``), HEC token as password.
* ``json``: the endpoint URL as host; login and password, if set, are sent as Basic auth and
  the extra's keys as headers (the provider's own rules).

Extra ``timeout`` (seconds per attempt, default 10) bounds each request.
"""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING, Any

import tenacity
from airflow.providers.http.hooks.http import HttpHook
from requests.exceptions import ConnectionError as RequestsConnectionError
from requests.exceptions import RequestException, Timeout

from openai_connector.alerts.delivery import DeliveryError

if TYPE_CHECKING:
    from requests import Response

    from openai_connector.alerts.model import Message

DEFAULT_TIMEOUT = 10.0
DEFAULT_ATTEMPTS = 3
#: A Retry-After longer than this is not waited for: the next run retries instead.
MAX_RETRY_AFTER = 30.0
_RETRY_STATUSES = frozenset({408, 429, 500, 502, 503, 504})


class AlertDestinationHook(HttpHook):
    """Posts one alert message with retries and backoff (tenacity, via the provider's
    ``run_with_advanced_retry``), honouring ``Retry-After`` on 429 and 503."""

    def __init__(
        self,
        http_conn_id: str,
        route_format: str,
        *,
        attempts: int = DEFAULT_ATTEMPTS,
        backoff: float = 1.0,
        **kwargs: Any,
    ) -> None:
        super().__init__(method="POST", http_conn_id=http_conn_id, **kwargs)
        self.route_format = route_format
        self.attempts = attempts
        self.backoff = backoff

    @cached_property
    def _connection(self) -> Any:
        try:
            return self.get_connection(self.http_conn_id)
        except Exception:  # not defined, or its secrets backend is down: retried next run
            raise DeliveryError(f"connection {self.http_conn_id!r} cannot be read") from None

    def deliver(self, message: Message) -> None:
        """Send ``message``; raise :class:`DeliveryError` once every attempt failed."""
        endpoint, headers = self._endpoint_and_headers(message)
        timeout = float(self._connection.extra_dejson.get("timeout") or DEFAULT_TIMEOUT)
        retry_args = {
            "stop": tenacity.stop_after_attempt(self.attempts),
            "wait": self._wait,
            "retry": tenacity.retry_if_exception_type((RequestsConnectionError, Timeout))
            | tenacity.retry_if_result(lambda r: r.status_code in _RETRY_STATUSES),
            "retry_error_callback": lambda state: state.outcome.result(),
            "reraise": True,
        }
        try:
            response: Response = self.run_with_advanced_retry(
                retry_args,
                endpoint=endpoint,
                json=message.body,
                data=message.data,
                headers=headers,
                extra_options={"timeout": timeout, "check_response": False},
            )
        except Timeout:
            raise DeliveryError(f"no answer within {timeout:g} s") from None
        except RequestException as exc:
            raise DeliveryError(f"unreachable ({type(exc).__name__})") from None
        except ValueError:  # the provider's check of the connection's URL
            raise DeliveryError(f"connection {self.http_conn_id!r} has no usable URL") from None
        if not 200 <= response.status_code < 300:
            raise DeliveryError(f"HTTP {response.status_code}")

    def _endpoint_and_headers(self, message: Message) -> tuple[str | None, dict[str, str]]:
        headers = dict(message.headers)
        password = self._connection.password
        if self.route_format == "splunk_hec":
            if not password:
                raise DeliveryError("the Splunk HEC connection has no token in its password")
            headers["Authorization"] = f"Splunk {password}"
            return message.endpoint, headers
        if self.route_format in ("slack", "teams") and password:
            return password, headers
        return message.endpoint, headers

    def _wait(self, state: tenacity.RetryCallState) -> float:
        exponential = self.backoff * 2 ** (state.attempt_number - 1)
        outcome = state.outcome
        if outcome is None or outcome.failed:
            return exponential
        retry_after = outcome.result().headers.get("Retry-After", "")
        try:
            return min(max(float(retry_after), 0.0), MAX_RETRY_AFTER)
        except ValueError:
            return exponential
