"""Airflow-free steps of a workspace run: extract, normalize, classify, land."""
