"""Headless Chromium (Debian's ``chromium`` + ``chromium-driver``, driven by Selenium) against
a real Airflow deployment on loopback with the simulated workspace enrolled."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from openai_connector.simulator import SimulatorConfig
from tests.live.stack import AirflowStack, wait_for
from tests.paths import REPO

from .pages import CONN_ID, serves

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
ARTIFACTS = REPO / "var" / "browser-artifacts"
CHROMIUM_FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--window-size=1400,1000",
)  # fmt: skip


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    missing = [str(path) for path in (CHROMIUM, CHROMEDRIVER) if not path.exists()]
    if not missing:
        return
    skip = pytest.mark.skip(
        reason=f"{' and '.join(missing)} not installed (apt-get install chromium chromium-driver)"
    )
    for item in items:
        if item.path.is_relative_to(Path(__file__).parent):
            item.add_marker(skip)


@pytest.fixture(scope="module")
def sim_config() -> SimulatorConfig:
    return SimulatorConfig(seed=11, scale="small")


@pytest.fixture(scope="module")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[AirflowStack]:
    """Airflow with the workspace enrolled but no connection yet: the test adds it in the UI."""
    running = AirflowStack(
        home=Path(tmp_path_factory.mktemp("airflow-browser")),
        workspaces=[{"conn_id": CONN_ID, "retries": 0}],
        extra_env={"AIRFLOW__CORE__TEST_CONNECTION": "Enabled"},
    ).start()
    try:
        wait_for("the api-server", lambda: serves(running.base_url + "/api/v2/monitor/health"), 180)
        yield running
    finally:
        running.stop()


@pytest.fixture(scope="module")
def artifacts() -> Path:
    shutil.rmtree(ARTIFACTS, ignore_errors=True)
    ARTIFACTS.mkdir(parents=True)
    return ARTIFACTS


@pytest.fixture
def browser(tmp_path: Path, artifacts: Path, request: pytest.FixtureRequest) -> Iterator:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in (*CHROMIUM_FLAGS, f"--user-data-dir={tmp_path / 'chromium'}"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    driver.implicitly_wait(0)
    try:
        yield driver
    finally:
        if getattr(request.node, "rep_call", None) is None or request.node.rep_call.failed:
            driver.save_screenshot(str(artifacts / f"failure-{request.node.name}.png"))
        driver.quit()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo) -> Iterator:
    """Keep each phase's report on the item, so ``browser`` can screenshot failures."""
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report
