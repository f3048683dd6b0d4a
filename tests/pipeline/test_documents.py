"""Findings in documents land pointing into the file: the page, sheet or part they sit in.

Chat uploads and GPT/project knowledge files take the same path. The simulator's documents
render their text line for line, so a planted value's offset in that text is exactly where
the finding must start within its page, sheet or part.
"""

from __future__ import annotations

from openai_connector.catalog import CatalogStore
from openai_connector.simulator import RunningSimulator
from tests.harness import RunWorkspace

OOXML = "application/vnd.openxmlformats-officedocument"
LOCATION_BY_MIME = {
    "application/pdf": "page:1",
    f"{OOXML}.wordprocessingml.document": "part:body",
    f"{OOXML}.spreadsheetml.sheet": "sheet:Sheet1",
}


def test_document_findings_point_into_the_file(
    sim: RunningSimulator, store: CatalogStore, run_workspace: RunWorkspace
) -> None:
    assert run_workspace()["outcome"] == "success"
    truth = sim.truth().to_dict()
    documents = {
        file["id"]: file
        for file in truth["files"]
        if file["mime"] in LOCATION_BY_MIME and not file["expired"]
    }
    assert {file["kind"] for file in documents.values()} == {"user", "gpt", "project"}
    assert {file["mime"] for file in documents.values()} == set(LOCATION_BY_MIME)

    def located(object_id: str) -> str:
        return LOCATION_BY_MIME[documents[object_id]["mime"]]

    planted = {
        (p["object_id"], located(p["object_id"]), p["entity_type"], p["offset"], len(p["value"]))
        for p in truth["planted"]
        if p["object_id"] in documents
    }
    assert {p[0] for p in planted} == set(documents)
    findings = [row for row in store.read("findings").to_pylist() if row["object_id"] in documents]
    landed = {
        (f["object_id"], f["location"], f["entity_type"], f["start"], f["end"] - f["start"])
        for f in findings
    }
    assert planted <= landed
    assert all(f["location"] == located(f["object_id"]) for f in findings)
    assert all(f["object_type"] == "file" for f in findings)

    rows = store.read("files").to_pylist()
    scanned = {row["file_id"]: row for row in rows if row["file_id"] in documents}
    for file_id, row in scanned.items():
        assert row["status"] == "scanned"
        assert row["text_length"] == len(documents[file_id]["text"])
        assert row["finding_count"] == sum(f["object_id"] == file_id for f in findings)
