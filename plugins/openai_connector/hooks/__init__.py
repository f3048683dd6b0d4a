"""Airflow hooks of the OpenAI Compliance provider."""
