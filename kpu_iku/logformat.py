"""JSON log lines. Only the standard library here: logging is configured
before Django's apps are loaded."""

import json
import logging
from datetime import UTC, datetime

# Fields a log record may carry into the output; a whitelist so that nothing
# attached to a record by a library (the request, its POST data) is dumped.
FIELD_LOG = ("method", "path", "status", "duration_ms", "user", "satker_id", "status_code")


class FormatJSON(logging.Formatter):
    """One JSON object per line; tracebacks in "trace"."""

    def format(self, record: logging.LogRecord) -> str:
        data = {
            "time": datetime.fromtimestamp(record.created, tz=UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for field in FIELD_LOG:
            if field in record.__dict__:
                data[field] = record.__dict__[field]
        if record.exc_info:
            data["trace"] = self.formatException(record.exc_info)
        return json.dumps(data, ensure_ascii=False, default=str)
