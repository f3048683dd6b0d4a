"""Classifying streams of texts in batches, each distinct text once.

Items are grouped into batches (by count and size, so memory stays bounded). A batch's
texts are hashed; texts already analysed in this process, or earlier in the batch, are
not analysed again, since chat repeats itself ("thanks!", pasted templates, a GPT's
instructions on every run). The rest go to the backend (this process, or worker
processes with a few batches in flight), and each item gets findings with its own ids
and masked previews, in input order.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict, deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from openai_connector.classify.config import ClassifierConfig
from openai_connector.classify.findings import span_finding
from openai_connector.classify.model import TIME_BUDGET_MARK, Finding, TextItem, resolve_overlaps
from openai_connector.classify.parallel import Backend, backend_for

if TYPE_CHECKING:
    from openai_connector.classify.analysis import Detection

Detections = tuple["Detection", ...]


class Classifier:
    """Finds PII and secrets in texts and reports them with masked values only."""

    def __init__(self, config: ClassifierConfig | None = None) -> None:
        self.config = config or ClassifierConfig()
        self._backend_lock = threading.Lock()
        self._backend: Backend | None = backend_for(self.config)
        self._cache = _DetectionCache(self.config.dedupe_cache_size)

    def close(self) -> None:
        """Stop worker processes, if any; the next ``classify`` starts them again."""
        with self._backend_lock:
            backend, self._backend = self._backend, None
        if backend is not None:
            backend.close()

    def _started_backend(self) -> Backend:
        with self._backend_lock:
            if self._backend is None:
                self._backend = backend_for(self.config)
            return self._backend

    def __enter__(self) -> Classifier:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def classify(
        self,
        items: Iterable[TextItem],
        *,
        resolve: bool = True,
        on_cut: Callable[[TextItem], None] | None = None,
    ) -> Iterator[tuple[TextItem, list[Finding]]]:
        """Yield each item with its findings, in input order, one batch at a time.

        ``resolve=False`` keeps overlapping findings, for a caller that filters first
        (a policy): dropping a strong finding must bring back the weaker one it covered.
        ``on_cut`` is called with each item whose analysis its time budget cut short
        (its findings cover only the start of the text), before the item is yielded.
        """
        backend = self._started_backend()
        pending: deque[_Batch] = deque()
        in_flight: dict[bytes, _Batch] = {}
        for items_batch in self._batches(items):
            pending.append(self._submit(backend, items_batch, in_flight))
            if len(pending) >= backend.in_flight:
                yield from self._collect(pending.popleft(), in_flight, resolve, on_cut)
        while pending:
            yield from self._collect(pending.popleft(), in_flight, resolve, on_cut)

    def _batches(self, items: Iterable[TextItem]) -> Iterator[list[TextItem]]:
        """Group items by count and by total size, so memory stays bounded."""
        batch: list[TextItem] = []
        batch_chars = 0
        for item in items:
            batch.append(item)
            batch_chars += len(item.text)
            if len(batch) >= self.config.batch_size or batch_chars >= self.config.max_batch_chars:
                yield batch
                batch, batch_chars = [], 0
        if batch:
            yield batch

    def _submit(
        self, backend: Backend, items: list[TextItem], in_flight: dict[bytes, _Batch]
    ) -> _Batch:
        """Send the batch's texts that are neither cached nor already on their way."""
        batch = _Batch(items, [_content_key(item.text) for item in items])
        texts: list[str] = []
        for item, key in zip(items, batch.keys, strict=True):
            if key in batch.sources:
                continue
            cached = self._cache.get(key)
            if cached is not None:
                batch.sources[key] = cached
            elif key in in_flight:
                batch.sources[key] = in_flight[key]
            else:
                batch.sources[key] = in_flight[key] = batch
                batch.sent.append(key)
                texts.append(item.text)
        if texts:
            batch.future = backend.submit(texts)
        return batch

    def _collect(
        self,
        batch: _Batch,
        in_flight: dict[bytes, _Batch],
        resolve: bool,
        on_cut: Callable[[TextItem], None] | None,
    ) -> Iterator[tuple[TextItem, list[Finding]]]:
        """Wait for the batch's own texts, then yield every item with its findings."""
        analysed = batch.future.result() if batch.future is not None else []
        batch.detections = {
            key: tuple(found) for key, found in zip(batch.sent, analysed, strict=True)
        }
        for key, found in batch.detections.items():
            self._cache.put(key, found)
            del in_flight[key]
        for item, key in zip(batch.items, batch.keys, strict=True):
            source = batch.sources[key]
            found = source.detections[key] if isinstance(source, _Batch) else source
            findings = [_to_finding(item, d) for d in found if d.entity_type != TIME_BUDGET_MARK]
            if on_cut is not None and len(findings) < len(found):
                on_cut(item)
            yield item, resolve_overlaps(findings) if resolve else findings


@dataclass(eq=False)
class _Batch:
    """Items in flight; each distinct text's detections come from the cache, or a batch."""

    items: list[TextItem]
    keys: list[bytes]
    sources: dict[bytes, Detections | _Batch] = field(default_factory=dict)
    sent: list[bytes] = field(default_factory=list)
    future: Future[list[list[Detection]]] | None = None
    detections: dict[bytes, Detections] = field(default_factory=dict)


class _DetectionCache:
    """The detections of the most recently analysed distinct texts, by content hash."""

    def __init__(self, size: int) -> None:
        self._size = size
        self._entries: OrderedDict[bytes, Detections] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: bytes) -> Detections | None:
        with self._lock:
            found = self._entries.get(key)
            if found is not None:
                self._entries.move_to_end(key)
            return found

    def put(self, key: bytes, detections: Detections) -> None:
        if self._size == 0:
            return
        with self._lock:
            self._entries[key] = detections
            self._entries.move_to_end(key)
            if len(self._entries) > self._size:
                self._entries.popitem(last=False)


def _content_key(text: str) -> bytes:
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest()


def _to_finding(item: TextItem, detection: Detection) -> Finding:
    return span_finding(
        item,
        entity_type=detection.entity_type,
        start=detection.start,
        end=detection.end,
        score=detection.score,
        recognizer=detection.recognizer,
    )


_CLASSIFIERS: dict[ClassifierConfig, Classifier] = {}
_CLASSIFIERS_LOCK = threading.Lock()


def get_classifier(config: ClassifierConfig | None = None) -> Classifier:
    """The process-wide classifier for a config (the default one when ``None``)."""
    config = config or ClassifierConfig()
    with _CLASSIFIERS_LOCK:
        if config not in _CLASSIFIERS:
            _CLASSIFIERS[config] = Classifier(config)
        return _CLASSIFIERS[config]


def release_classifiers() -> None:
    """Stop the worker processes of every process-wide classifier (an Airflow task does when
    its work is done, failed or not); a classifier used again starts new ones."""
    with _CLASSIFIERS_LOCK:
        classifiers = list(_CLASSIFIERS.values())
    for classifier in classifiers:
        classifier.close()
