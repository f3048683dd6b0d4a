"""openai-connector: ChatGPT Enterprise Compliance API → Airflow → DLP catalog."""

__version__ = "0.1.0"
