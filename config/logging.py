"""Structured logs without personal data.

``JsonFormatter`` writes one JSON object per line (time, level, logger, message, process, and the
exception if any), which a log shipper can index without parsing prose. Both formatters redact
e-mail addresses from the whole line, exception text included: code never logs an address on
purpose (it logs ids: ``Outbox 42``), but a database error quoting a row (``Key (email)=(...)
already exists``) or a third-party message could. Names cannot be recognised this way, so code
logs ids, never names; ``tests/ops/test_log_pii.py`` greps the logs of a run for the demo users'
addresses and names.
"""

import json
import logging
import re
from datetime import UTC, datetime

EMAIL_RE = re.compile(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}")
REDACTED = "[e-mail]"


def redact(text: str) -> str:
    return EMAIL_RE.sub(REDACTED, text)


class RedactingFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        return redact(super().format(record))


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        moment = datetime.fromtimestamp(record.created, tz=UTC)
        entry = {
            "time": moment.isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "process": record.process,
        }
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        elif record.exc_text:
            entry["exception"] = record.exc_text
        if record.stack_info:
            entry["stack"] = self.formatStack(record.stack_info)
        return redact(json.dumps(entry, ensure_ascii=False, default=str))
