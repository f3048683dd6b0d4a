"""The DLP page inside the Airflow UI: an Airflow plugin serving the reporting package's HTML.

:mod:`.plugin` is what Airflow imports in every component, so it stays light; the FastAPI
app (:mod:`.app`) and everything behind it load on the page's first request.
"""
