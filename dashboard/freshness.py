"""How old the newest data may be before every page and the message say so.

A one-stop's database is read live, so the newest row is normally today's or Friday's.
When an export or a replica stopped, the figures still look like this week's; past
`old_data_days()` (DASHBOARD_OLD_DATA_DAYS, default 7: a week, the meeting's rhythm) the
pages and the message name the day of the newest data and how long ago it was.
"""

import os
from datetime import date, datetime

OLD_DATA_ENV = "DASHBOARD_OLD_DATA_DAYS"
DEFAULT_OLD_DATA_DAYS = 7


class FreshnessSettingError(ValueError):
    pass


def old_data_days() -> int:
    raw = os.environ.get(OLD_DATA_ENV, "").strip()
    if not raw:
        return DEFAULT_OLD_DATA_DAYS
    if not raw.isdigit():
        raise FreshnessSettingError(
            f"{OLD_DATA_ENV}={raw[:40]!r}: cần một số ngày nguyên dương, ví dụ 7"
        )
    return int(raw)


def days_old(latest: datetime | None, today: date) -> int | None:
    """Days between the newest data and `today` when more than old_data_days(); else None."""
    if latest is None:
        return None
    days = (today - latest.date()).days
    return days if days > old_data_days() else None
