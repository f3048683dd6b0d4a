# The project's Airflow image: the provider, its pinned dependencies and the spaCy model,
# so no service downloads anything at runtime.
FROM apache/airflow:3.3.2-python3.11

COPY --chown=airflow:root requirements.txt /opt/openai-connector/requirements.txt
RUN pip install --no-cache-dir -r /opt/openai-connector/requirements.txt

COPY --chown=airflow:root pyproject.toml README.md /opt/openai-connector/
COPY --chown=airflow:root plugins /opt/openai-connector/plugins
RUN pip install --no-cache-dir --no-deps /opt/openai-connector

COPY --chown=airflow:root dags /opt/airflow/dags
COPY --chown=airflow:root include /opt/airflow/include
