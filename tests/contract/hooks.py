"""schemathesis hooks for Mufakat: the rules the OpenAPI document states in a description because JSON
Schema cannot compare two values, applied to generated positive cases so that they are positive (a decision rule's fractions, a period,
a poll's distinct options, a poll answer's one field). Negative
cases are left alone (the server refuses them with 400, as documented)."""

from datetime import datetime, timedelta, timezone

import schemathesis
from schemathesis import GenerationMode

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
    """`from` before `to`, at most MAX_DAYS apart; a missing `to` is now, a missing `from` DEFAULT_DAYS
    before `to` (the description of getParticipation's and getRoomReport's query)."""
    if not isinstance(query, dict) or (query.get("from") is None and query.get("to") is None):
        return True
    try:
        end = _instant(query["to"]) if query.get("to") is not None else datetime.now(timezone.utc)
        if end is None:
            return False
        start = _instant(query["from"]) if query.get("from") is not None else end - timedelta(days=DEFAULT_DAYS)
        if start is None:
            return False
        return timedelta(0) < end - start <= timedelta(days=MAX_DAYS)
    except OverflowError:
        # Outside what Python's datetime can count (year 1, say): leave such cases out rather than guess.
        return False


def _fractions_hold(value):
    """Every {numerator, denominator} in a decision rule is at most 1 (the threshold's description)."""
    if isinstance(value, dict):
        numerator, denominator = value.get("numerator"), value.get("denominator")
        if isinstance(numerator, (int, float)) and isinstance(denominator, (int, float)) and numerator > denominator:
            return False
        return all(_fractions_hold(item) for item in value.values())
    if isinstance(value, list):
        return all(_fractions_hold(item) for item in value)
    return True


def _poll_options_distinct(body):
    """A poll's options are distinct: labels trimmed and case-folded, slots as instants (the options'
    description)."""
    if not isinstance(body, dict) or not isinstance(body.get("options"), list):
        return True
    options = body["options"]
    if body.get("kind") == "time":
        instants = [_instant(option) for option in options]
        if any(instant is None for instant in instants):
            return True
        keys = [instant.timestamp() for instant in instants]
    else:
        keys = [str(option).strip().casefold() for option in options]
    return len(set(keys)) == len(keys)


def _one_answer_field(body):
    """A poll answer carries exactly one of ranks, scores, dots and answers (the answer's description)."""
    answer = body.get("answer") if isinstance(body, dict) else None
    if not isinstance(answer, dict):
        return True
    return sum(1 for value in answer.values() if value is not None) == 1


@schemathesis.hook
def filter_case(ctx, case):
    meta = getattr(case, "meta", None)
    mode = getattr(getattr(meta, "generation", None), "mode", None)
    if mode is not None and mode != GenerationMode.POSITIVE:
        return True
    path = case.operation.path
    if path.endswith("/participation") or path.endswith("/report"):
        return _period_holds(case.query)
    if path.endswith("/motions") or path.endswith("/decision-settings"):
        return _fractions_hold(case.body)
    if path.endswith("/polls"):
        return _poll_options_distinct(case.body)
    if path.endswith("/ballots"):
        return _one_answer_field(case.body)
    return True
