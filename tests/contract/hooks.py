"""schemathesis hooks for Mufakat: rules the OpenAPI document states in a description because JSON Schema
cannot say them, applied to generated data so positive cases are positive."""

from datetime import datetime, timedelta, timezone

import schemathesis

# shared/src/limits.ts: accountabilityLimits.participationDefaultDays and participationMaxDays.
DEFAULT_DAYS = 30
MAX_DAYS = 366


def _instant(value):
    try:
        parsed = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else None


def _period_holds(query):
    """The period rule of participation and the report: `from` before `to`, at most MAX_DAYS apart, where a
    missing `to` is now and a missing `from` is DEFAULT_DAYS before `to`."""
    if not isinstance(query, dict):
        return True
    start, end = query.get("from"), query.get("to")
    if start is None and end is None:
        return True
    try:
        to = _instant(end) if end is not None else datetime.now(timezone.utc)
        start_at = _instant(start) if start is not None else (to - timedelta(days=DEFAULT_DAYS) if to else None)
        if to is None or start_at is None:
            # Outside what Python's datetime reads (year 0, say): leave such cases out rather than guess.
            return False
        return timedelta(0) < to - start_at <= timedelta(days=MAX_DAYS)
    except OverflowError:
        return False


@schemathesis.hook
def filter_query(ctx, query):
    operation = getattr(ctx, "operation", None)
    path = getattr(operation, "path", "") or ""
    if path.endswith("/participation") or path.endswith("/report"):
        return _period_holds(query)
    return True
