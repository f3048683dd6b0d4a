"""Opening the catalog (SQL or REST) named by a :class:`.config.CatalogConfig`.

A new SQL catalog database opened by several writers at once is a race: each sees no
catalog tables and creates them, and all but one fail on PostgreSQL (duplicate table or
type). Opening again finds the tables, so that failure is retried on the given policy;
any other failure is reported at once, with the catalog address redacted.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from openai_connector.catalog.config import CATALOG_NAME, CatalogConfig, redact_uri
from openai_connector.catalog.errors import CatalogError
from openai_connector.retry import RetryPolicy

if TYPE_CHECKING:
    from pyiceberg.catalog import Catalog

log = logging.getLogger(__name__)


def open_catalog(config: CatalogConfig, retry: RetryPolicy) -> Catalog:
    """The pyiceberg catalog of ``config``; local directories are created first."""
    from pyiceberg.catalog import load_catalog

    if config.is_local:
        Path(config.warehouse).mkdir(parents=True, exist_ok=True)
    if config.catalog_uri is None:
        config.default_sqlite_path().parent.mkdir(parents=True, exist_ok=True)

    def open_again(_error: BaseException, _number: int, _delay: float) -> None:
        log.info("another writer created the catalog tables first; opening again")

    retrying = retry.retrying(lost_catalog_creation_race, open_again)
    try:
        return retrying(load_catalog, CATALOG_NAME, **config.catalog_properties())
    except Exception as error:
        raise CatalogError(
            f"cannot open the catalog at {redact_uri(config.effective_catalog_uri)}: "
            f"{type(error).__name__}: {error}"
        ) from error


def lost_catalog_creation_race(error: BaseException) -> bool:
    """Whether opening failed because another writer created the catalog tables first."""
    from sqlalchemy.exc import IntegrityError, ProgrammingError

    return isinstance(error, (IntegrityError, ProgrammingError))
