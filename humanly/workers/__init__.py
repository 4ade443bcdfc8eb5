"""Background tasks. Tasks take ids and JSON-safe arguments and run after the transaction that asked
for them commits: inline in the same process when no broker is set (one machine, SQLite), on Celery
workers when ``HUMANLY_BROKER_URL`` is set. Inline runs go through the same JSON round trip as a broker,
so what works on one machine works scaled out."""
