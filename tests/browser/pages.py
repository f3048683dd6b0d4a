"""What the browser tests do in a page, by visible text and labels as a user finds them, and
the deployment they browse."""

from __future__ import annotations

import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

CONN_ID = "browser"
"""The connection the module's Airflow deployment enrolls."""
T = TypeVar("T")


def serves(url: str) -> bool:
    """Whether ``url`` answers 200 now (the api-server is up)."""
    try:
        with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - loopback URL
            return response.status == 200
    except (urllib.error.URLError, ConnectionError):
        return False


def until_true(what: str, probe: Callable[[], T], timeout: float = 30) -> T:
    """Poll a page probe; Selenium lookups that fail while the page renders count as "not yet"."""
    from selenium.common.exceptions import WebDriverException

    deadline = time.monotonic() + timeout
    while True:
        try:
            value = probe()
            if value:
                return value
        except WebDriverException:
            pass
        if time.monotonic() > deadline:
            raise TimeoutError(f"timed out after {timeout:.0f}s waiting for {what}")
        time.sleep(0.3)


class UI:
    """The few interactions the flow needs, by visible text and labels as a user finds them."""

    def __init__(self, driver: Any, base_url: str, artifacts: Path) -> None:
        from selenium.webdriver.common.by import By

        self.driver, self.base_url, self.artifacts, self.by = driver, base_url, artifacts, By

    def log_in(self) -> None:
        """Through the simple auth manager's form, as the admin user."""
        self.open("/")
        self.find("input[name=username]").send_keys("admin")
        self.find("input[name=password]").send_keys("admin")
        self.find("button[type=submit]").click()
        until_true("the home page", lambda: "/auth/login" not in self.driver.current_url)

    def open(self, path: str) -> None:
        self.driver.get(self.base_url + path)

    def find(self, css: str) -> Any:
        return until_true(css, lambda: self.driver.find_element(self.by.CSS_SELECTOR, css))

    def button(self, text: str) -> Any:
        xpath = f"//button[normalize-space(.)='{text}']"
        return until_true(
            f"button {text!r}", lambda: self.driver.find_element(self.by.XPATH, xpath)
        )

    def text(self) -> str:
        return self.driver.find_element(self.by.TAG_NAME, "body").text

    def wait_text(self, text: str, timeout: float = 30) -> None:
        until_true(f"{text!r} on the page", lambda: text in self.text(), timeout)

    def labels(self) -> set[str]:
        """Every form label of the open dialog, shown or in a collapsed section."""
        elements = self.driver.find_elements(self.by.CSS_SELECTOR, "[role=dialog] label")
        return {" ".join(e.get_attribute("textContent").replace("*", "").split()) for e in elements}

    def shot(self, name: str) -> None:
        self.driver.save_screenshot(str(self.artifacts / f"{name}.png"))
