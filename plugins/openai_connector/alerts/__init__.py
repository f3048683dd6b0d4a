"""Alerts: findings queued in the catalog's outbox and delivered once to webhooks and SIEMs.

Airflow-free; the DAG tasks hand it a sender built on the http provider's ``HttpHook``.
"""
