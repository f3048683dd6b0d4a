"""A local Compliance API with a seeded synthetic workspace, ground truth and fault injection.

>>> with serve_in_thread(SimulatorConfig(seed=7)) as sim:  # doctest: +SKIP
...     sim.base_url, sim.keys.read, sim.truth().to_dict()["planted"][0]
"""

from openai_connector.simulator.faults import FaultSpec
from openai_connector.simulator.server import (
    RequestRecord,
    RunningSimulator,
    SimulatorConfig,
    SimulatorKeys,
    serve_in_thread,
)
from openai_connector.simulator.truth import GroundTruth

__all__ = [
    "FaultSpec",
    "GroundTruth",
    "RequestRecord",
    "RunningSimulator",
    "SimulatorConfig",
    "SimulatorKeys",
    "serve_in_thread",
]
