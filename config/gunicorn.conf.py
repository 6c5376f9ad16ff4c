"""gunicorn settings: `gunicorn -c config/gunicorn.conf.py config.wsgi`.

Threaded workers (gthread) keep answering the arbiter's heartbeat while a thread
streams a long export, so a million-row CSV is never killed mid-body by the worker
timeout (a sync worker is, after `timeout` seconds, once the 200 and the header are
sent). Each thread holds its own persistent database connection.
"""

import multiprocessing
import os

bind = os.environ.get("BIND", "127.0.0.1:8000")
# Two workers per core plus one, four threads each: I/O-bound requests overlap.
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
# A worker that stops answering for this long is restarted (not a request's limit:
# queries are bounded by DATABASE_STATEMENT_TIMEOUT_MS).
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then, so a slow leak never grows without bound.
max_requests = 5000
max_requests_jitter = 500
accesslog = "-"
errorlog = "-"
