#!/usr/bin/env python3
"""Offline oracle for tests/schedule/TestRecurrence.cpp (not run by CTest).

Computes the expected runs of the cases in CASES below twice, independently of the C++ code:
  * brute(): a day-by-day (calendar frequencies) or step-by-step (minute/hour frequencies)
    walk that applies docs/schedules.md Part 2 and decisions D1-D12 literally;
  * rrule_runs(): dateutil.rrule with the Part 3 mapping (BYHOUR=0..23 added for minutes
    without hours, WKST=MO, no COUNT, creation time prepended, past runs cut), used for the
    calendar frequencies in every zone (on wall-clock times) and for minute/hour frequencies
    in UTC (where wall-clock and elapsed steps agree).
Wall-clock times become instants with PEP 495 fold=0, which is ZonedTime's rule: a time in a
spring-forward gap uses the offset before the gap (02:30 -> 03:30), a repeated time its first
instant. Any disagreement between the two aborts the run.

Usage: python3 recurrence_oracle.py > rows.inc   (then paste the rows into the _data() slots)
"""

import datetime as dt
import json
import sys
import zoneinfo

from dateutil import rrule

UTC = dt.timezone.utc
DAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
MAX_INTERVAL = {"minute": 1000, "hour": 1000, "day": 548, "week": 78, "month": 18}


def zone_of(name):
    return UTC if name in ("", "UTC") else zoneinfo.ZoneInfo(name)


def to_instant(wall, zone):
    return wall.replace(tzinfo=zone, fold=0).astimezone(UTC)


def to_wall(instant, zone):
    return instant.astimezone(zone).replace(tzinfo=None, fold=0)


def parse_time(text):
    """-> (naive datetime, is_wall_clock)"""
    if len(text) == 10:
        return dt.datetime.fromisoformat(text), True
    if text.endswith("Z"):
        return dt.datetime.fromisoformat(text[:-1]), False
    value = dt.datetime.fromisoformat(text)
    if value.tzinfo is not None:
        return value.astimezone(UTC).replace(tzinfo=None), False
    return value, True


def as_list(value):
    if value is None:
        return None
    return value if isinstance(value, list) else [value]


def iso(instant):
    text = instant.strftime("%Y-%m-%dT%H:%M:%S")
    if instant.microsecond:
        text += ".%03d" % (instant.microsecond // 1000)
    return text + "Z"


class Spec:
    def __init__(self, job, zone_name, created):
        self.zone = zone_of(zone_name)
        self.created = created
        rec = job.get("recurrence")
        self.recurring = rec is not None
        start = job.get("startTime")
        if start is not None:
            value, wall = parse_time(start)
            self.start = to_instant(value, self.zone) if wall else value.replace(tzinfo=UTC)
            self.wall_start = value if wall else to_wall(self.start, self.zone)
        else:
            self.start = created
            self.wall_start = to_wall(created, self.zone)
        self.immediate = start is None
        if not self.recurring:
            return
        rec = {k.lower(): v for k, v in rec.items()}
        self.frequency = rec["frequency"].lower()
        self.interval = rec.get("interval", 1)
        self.count = rec.get("count")
        self.end = None
        if rec.get("endtime") is not None:
            value, wall = parse_time(rec["endtime"])
            self.end = to_instant(value, self.zone) if wall else value.replace(tzinfo=UTC)
        sched = {k.lower(): v for k, v in (rec.get("schedule") or {}).items()}
        self.minutes = sorted(set(as_list(sched.get("minutes")) or []))
        self.hours = sorted(set(as_list(sched.get("hours")) or []))
        self.week_days = sorted({DAYS.index(d.lower()) + 1 for d in as_list(sched.get("weekdays")) or []})
        self.month_days = sorted(set(as_list(sched.get("monthdays")) or []))
        self.occurrences = []
        for o in as_list(sched.get("monthlyoccurrences")) or []:
            o = {k.lower(): v for k, v in o.items()}
            self.occurrences.append((DAYS.index(o["day"].lower()) + 1, o.get("occurrence", 0)))
        self.lower = max(self.start, created)

    def day_times(self):
        hours = self.hours or (list(range(24)) if self.minutes else [self.wall_start.hour])
        minutes = self.minutes or [self.wall_start.minute]
        return [(h, m) for h in hours for m in minutes]

    def finish(self, raw, limit):
        """Apply lower bound, end time, creation-time run, dedupe and count."""
        out = []
        if self.immediate:
            if self.end is not None and self.created > self.end:
                return []
            out.append(self.created)
        for run in raw:
            if self.end is not None and run > self.end:
                break
            if run < self.lower or (out and run <= out[-1]):
                continue
            out.append(run)
            if len(out) >= limit:
                break
        if self.count is not None:
            out = out[: self.count]
        return out[:limit]


def brute(job, zone_name, created, limit, horizon_days=150 * 366, stop_after=None):
    s = Spec(job, zone_name, created)
    if not s.recurring:
        return [s.start if s.start > created else created]
    raw = []
    want = limit + 5
    kept = 0

    def enough():
        if stop_after is not None:
            return bool(raw) and raw[-1] > max(stop_after, s.lower)
        return kept >= want

    la = s.wall_start
    second = dt.timedelta(seconds=la.second, microseconds=la.microsecond)
    if s.frequency in ("day", "week", "month"):
        first = la.date()
        if s.frequency == "week":
            first -= dt.timedelta(days=la.weekday())
        if s.frequency == "month":
            first = first.replace(day=1)
        monday0 = la.date() - dt.timedelta(days=la.weekday())
        for offset in range(horizon_days):
            d = first + dt.timedelta(days=offset)
            if s.frequency == "day":
                ok = (d - la.date()).days % s.interval == 0
            elif s.frequency == "week":
                ok = ((d - monday0).days // 7) % s.interval == 0 and d.isoweekday() in (
                    s.week_days or [la.isoweekday()])
            else:
                months = (d.year - la.year) * 12 + d.month - la.month
                ok = months % s.interval == 0 and month_day_matches(s, d)
            if not ok:
                continue
            day_runs = set()
            for h, m in s.day_times():
                wall = dt.datetime(d.year, d.month, d.day, h, m) + second
                day_runs.add(to_instant(wall, s.zone))
            raw.extend(sorted(day_runs))
            kept += len([r for r in day_runs if r >= s.lower])
            if s.end is not None and raw and raw[-1] > s.end:
                break
            if enough():
                break
    else:
        if s.frequency == "minute":
            base = s.start
            step = dt.timedelta(minutes=s.interval)
            offsets = [dt.timedelta(0)]
        else:
            base = s.start - dt.timedelta(minutes=la.minute) - second
            step = dt.timedelta(hours=s.interval)
            offsets = [dt.timedelta(minutes=m) + second for m in (s.minutes or [la.minute])]
        k = 0
        stop = s.start + dt.timedelta(days=horizon_days)
        while base + k * step < stop:
            for off in offsets:
                run = base + k * step + off
                wall = to_wall(run, s.zone)
                if s.hours and wall.hour not in s.hours:
                    continue
                if s.frequency == "minute" and s.minutes and wall.minute not in s.minutes:
                    continue
                raw.append(run)
                kept += run >= s.lower
            k += 1
            if s.end is not None and raw and raw[-1] > s.end:
                break
            if enough():
                break
    return s.finish(raw, limit)


def month_day_matches(s, d):
    import calendar

    length = calendar.monthrange(d.year, d.month)[1]
    if s.occurrences:
        for day, occ in s.occurrences:
            if d.isoweekday() != day:
                continue
            if occ == 0:
                return True
            if occ > 0 and (d.day - 1) // 7 + 1 == occ:
                return True
            if occ < 0 and (length - d.day) // 7 + 1 == -occ:
                return True
        return False
    if s.month_days:
        return any(d.day == (md if md > 0 else length + 1 + md) for md in s.month_days)
    return d.day == s.wall_start.day


def rrule_runs(job, zone_name, created, limit, horizon_years=150):
    """dateutil.rrule with the Part 3 mapping; None when the case is outside its reach."""
    s = Spec(job, zone_name, created)
    if not s.recurring:
        return None
    if s.frequency in ("minute", "hour") and s.zone is not UTC:
        return None  # rrule steps wall-clock time; these frequencies step in elapsed time
    if s.wall_start.microsecond:
        return None
    if len({o == 0 for _, o in s.occurrences}) > 1:
        return None  # dateutil intersects BYDAY FR with BYDAY 1FR; Azure unions them (D10)
    freq = {"minute": rrule.MINUTELY, "hour": rrule.HOURLY, "day": rrule.DAILY,
            "week": rrule.WEEKLY, "month": rrule.MONTHLY}[s.frequency]
    kwargs = dict(dtstart=s.wall_start, interval=s.interval, wkst=rrule.MO)
    if s.minutes:
        kwargs["byminute"] = s.minutes
    if s.hours:
        kwargs["byhour"] = s.hours
    elif s.minutes and s.frequency in ("day", "week", "month"):
        kwargs["byhour"] = list(range(24))  # D1
    if s.week_days:
        kwargs["byweekday"] = [rrule.weekdays[d - 1] for d in s.week_days]
    if s.month_days:
        kwargs["bymonthday"] = s.month_days
    if s.occurrences:
        kwargs["byweekday"] = [rrule.weekdays[d - 1](o) if o else rrule.weekdays[d - 1] for d, o in s.occurrences]
    until = s.wall_start + dt.timedelta(days=366 * horizon_years)
    if s.end is not None:
        until = min(until, to_wall(s.end, s.zone) + dt.timedelta(days=2))
    kwargs["until"] = until
    rule = rrule.rrule(freq, **kwargs)
    raw = []
    want = limit + 5
    for wall in rule:
        instant = to_instant(wall, s.zone)
        raw.append(instant)
        if len([r for r in raw[-want:] if r >= s.lower]) >= want and instant > s.lower:
            # a few more for gap reordering within a day
            if len(raw) > want + 50:
                break
    raw = sorted(set(raw))
    return s.finish(raw, limit)


def at(text):
    return dt.datetime.fromisoformat(text.replace("Z", "+00:00")).astimezone(UTC)


# ---------------------------------------------------------------------------------------------
# Cases: (name, job, zone, created, n). n runs are listed; the row is "complete" when the series
# has fewer than n + 3 runs in total (the test then checks that nothing follows).

CASES = []


def case(name, job, created, n=6, zone="UTC"):
    CASES.append((name, job, zone, created, n))


def rec(frequency, interval=None, schedule=None, count=None, end=None, start=None):
    r = {"frequency": frequency}
    if interval is not None:
        r["interval"] = interval
    if schedule is not None:
        r["schedule"] = schedule
    if count is not None:
        r["count"] = count
    if end is not None:
        r["endTime"] = end
    job = {}
    if start is not None:
        job["startTime"] = start
    job["recurrence"] = r
    return job


def build_cases():
    # Part 1.1 job sample (sched-adv, sched-concepts): count and endTime together
    case("1.1 job sample", {"startTime": "2012-08-04T00:00Z",
                            "recurrence": {"frequency": "week", "interval": 1,
                                           "schedule": {"weekDays": ["monday", "wednesday", "friday"],
                                                        "hours": [10, 22]},
                                           "count": 10, "endTime": "2012-11-04"}}, "2012-08-01T00:00:00Z", 10)
    case("1.1 job sample with an early endTime",
         {"startTime": "2012-08-04T00:00Z",
          "recurrence": {"frequency": "week", "schedule": {"weekDays": ["monday", "wednesday", "friday"],
                                                           "hours": [10, 22]},
                         "count": 10, "endTime": "2012-08-08"}}, "2012-08-01T00:00:00Z", 2)
    # Part 1.2 worked example (sched-adv, adf-triggers, logicapps)
    for start in ["2015-04-07T14:00:00Z", "2015-04-05T14:00:00Z", "2015-04-01T14:00:00Z", "2015-04-07T14:00:00"]:
        case(f"1.2 every 2 days from {start}", rec("day", 2, start=start), "2015-04-08T13:00:00Z", 4)
    # Part 1.2 table
    case("1.2 one-time no start runs at creation", {}, "2015-04-08T13:00:00Z", 1)
    case("1.2 one-time past start runs at creation", {"startTime": "2015-04-07T14:00:00Z"}, "2015-04-08T13:00:00Z", 1)
    case("1.2 one-time future start", {"startTime": "2015-04-09T14:00:00Z"}, "2015-04-08T13:00:00Z", 1)
    case("1.2 one-time start equals creation", {"startTime": "2015-04-08T13:00:00Z"}, "2015-04-08T13:00:00Z", 1)
    case("1.2 one-time wall start in Paris", {"startTime": "2015-04-09T14:00:00"}, "2015-04-08T13:00:00Z", 1,
         "Europe/Paris")
    case("1.2 recurring no start no schedule", rec("hour", 3), "2015-04-08T13:07:00Z", 5)
    case("1.2 recurring no start with schedule", rec("day", schedule={"hours": [9], "minutes": [0]}),
         "2015-04-08T13:07:00Z", 4)
    case("1.2 recurring future start", rec("day", start="2015-04-10T06:00:00Z"), "2015-04-08T13:07:00Z", 4)
    case("1.2 recurring future start off schedule", rec("day", schedule={"hours": [5]},
                                                          start="2015-04-10T06:00:00Z"), "2015-04-08T13:07:00Z", 4)
    case("1.2 recurring future start on schedule", rec("day", schedule={"hours": [6]},
                                                         start="2015-04-10T06:00:00Z"), "2015-04-08T13:07:00Z", 4)
    case("1.2 recurring past start every 5 minutes", rec("minute", 5, start="2015-04-08T12:02:30Z"),
         "2015-04-08T13:00:00Z", 4)

    # Part 1.4 example table: start Wednesday 2024-05-01 12:25, created at 08:00 the same day
    start = "2024-05-01T12:25:00Z"
    created = "2024-05-01T08:00:00Z"
    table = [
        ("day", {"hours": [5]}, 4),
        ("day", {"minutes": [15], "hours": [5]}, 4),
        ("day", {"minutes": [15], "hours": [5, 17]}, 5),
        ("day", {"minutes": [15, 45], "hours": [5, 17]}, 8),
        ("day", {"minutes": [0, 15, 30, 45]}, 12),
        ("day", {"hours": list(range(24))}, 14),
        ("month", {"hours": list(range(24))}, 14),
        ("day", {"minutes": [0]}, 14),
        ("week", {"minutes": [0]}, 14),
        ("month", {"minutes": [0]}, 14),
        ("day", {"minutes": [15]}, 14),
        ("week", {"hours": [17], "weekDays": ["saturday"]}, 4),
        ("week", {"hours": [17], "weekDays": ["monday", "wednesday", "friday"]}, 7),
        ("week", {"minutes": [15, 45], "hours": [17], "weekDays": ["monday", "wednesday", "friday"]}, 8),
        ("week", {"hours": [5, 17], "weekDays": ["monday", "wednesday", "friday"]}, 8),
        ("week", {"minutes": [15, 45], "hours": [5, 17], "weekDays": ["monday", "wednesday", "friday"]}, 10),
        ("week", {"minutes": [0, 15, 30, 45], "weekDays": ["monday", "tuesday", "wednesday", "thursday", "friday"]},
         50),
        ("week", {"minutes": [0, 15, 30, 45], "hours": list(range(9, 17)),
                  "weekDays": ["monday", "tuesday", "wednesday", "thursday", "friday"]}, 40),
        ("week", {"weekDays": ["sunday"]}, 4),
        ("week", {"weekDays": ["tuesday", "thursday"]}, 5),
        ("month", {"minutes": [0], "hours": [6], "monthDays": [28]}, 4),
        ("month", {"minutes": [0], "hours": [6], "monthDays": [-1]}, 6),
        ("month", {"minutes": [0], "hours": [6], "monthDays": [1, -1]}, 6),
        ("month", {"monthDays": [1, -1]}, 6),
        ("month", {"monthDays": [1, 14]}, 6),
        ("month", {"monthDays": [2]}, 4),
        ("month", {"minutes": [0], "hours": [5], "monthlyOccurrences": [{"day": "friday", "occurrence": 1}]}, 6),
        ("month", {"monthlyOccurrences": [{"day": "friday", "occurrence": 1}]}, 6),
        ("month", {"monthlyOccurrences": [{"day": "friday", "occurrence": -3}]}, 6),
        ("month", {"minutes": [15], "hours": [5], "monthlyOccurrences": [{"day": "friday", "occurrence": 1},
                                                                         {"day": "friday", "occurrence": -1}]}, 6),
        ("month", {"monthlyOccurrences": [{"day": "friday", "occurrence": 1}, {"day": "friday", "occurrence": -1}]},
         6),
        ("month", {"monthlyOccurrences": [{"day": "friday", "occurrence": 5}]}, 5),
        ("month", {"minutes": [0, 15, 30, 45], "monthlyOccurrences": [{"day": "friday", "occurrence": -1}]}, 100),
        ("month", {"minutes": [15, 45], "hours": [5, 17], "monthlyOccurrences": [{"day": "wednesday",
                                                                                  "occurrence": 3}]}, 8),
    ]
    for frequency, schedule, n in table:
        case(f"1.4 {frequency} {json.dumps(schedule, separators=(',', ':'))}",
             rec(frequency, schedule=schedule, start=start), created, n)

    # Logic Apps examples
    case("logicapps biweekly Mondays every 15 minutes",
         rec("week", 2, {"weekDays": ["monday"], "hours": list(range(24)), "minutes": [0, 15, 30, 45]},
             start="2024-05-01T00:00:00Z"), "2024-05-01T00:00:00Z", 100)
    case("logicapps monthly without schedule", rec("month", start="2024-05-06T10:20:00Z"), "2024-05-01T08:00:00Z",
         5)
    case("logicapps daily at 8 without start", rec("day", schedule={"hours": [8]}), "2024-05-01T13:47:12Z", 4)

    # D1 minutes without hours; D2 seconds
    case("D1 daily minutes [30] every hour", rec("day", schedule={"minutes": [30]}, start="2024-05-01T22:10:00Z"),
         "2024-05-01T08:00:00Z", 5)
    case("D1 hours without minutes take the start minute",
         rec("day", schedule={"hours": [6, 18]}, start="2024-05-01T10:41:00Z"), "2024-05-01T08:00:00Z", 4)
    case("D1 weekly minutes only every hour of the start weekday",
         rec("week", schedule={"minutes": [0]}, start="2024-05-05T21:30:00Z"), "2024-05-01T08:00:00Z", 5)
    case("D2 seconds from the start", rec("day", schedule={"hours": [5, 17]}, start="2024-05-01T12:25:37Z"),
         "2024-05-01T08:00:00Z", 4)
    case("D2 seconds from the start on minute frequency", rec("minute", 10, start="2024-05-01T12:25:37Z"),
         "2024-05-01T08:00:00Z", 4)
    case("D2 seconds from the start on hour frequency with minutes",
         rec("hour", schedule={"minutes": [0, 30]}, start="2024-05-01T12:25:37Z"), "2024-05-01T08:00:00Z", 4)
    case("D2 seconds of the creation time", rec("hour", schedule={"minutes": [0]}), "2024-05-01T12:25:37Z", 4)
    case("D2 milliseconds of the creation time", rec("day"), "2024-05-01T12:25:37.250Z", 3)

    # D3 count from the first run after creation
    case("D3 daily count 5 past start", rec("day", count=5, start="2024-04-29T09:00:00Z"), "2024-05-01T10:00:00Z", 8)
    case("D3 daily count 5 from Monday", rec("day", count=5, start="2024-05-06T09:00:00Z"), "2024-05-01T10:00:00Z",
         8)
    case("D3 count with no start counts the immediate run", rec("hour", 2, count=3), "2024-05-01T10:00:00Z", 5)
    case("D3 count 1", rec("week", count=1, start="2024-04-01T09:00:00Z"), "2024-05-01T10:00:00Z", 3)
    case("D3 count with schedule and past start",
         rec("week", schedule={"weekDays": ["monday", "friday"], "hours": [9], "minutes": [0]}, count=4,
             start="2024-01-01T00:00:00Z"), "2024-05-01T10:00:00Z", 6)
    case("D3 every 15 minutes count 6 past start", rec("minute", 15, count=6, start="2024-04-30T00:05:00Z"),
         "2024-05-01T10:00:00Z", 8)

    # D4 anchoring
    case("D4 biweekly Monday from a Wednesday start",
         rec("week", 2, {"weekDays": ["monday"]}, start="2024-05-01T09:00:00Z"), "2024-05-01T08:00:00Z", 4)
    case("D4 biweekly Monday and Friday from a Wednesday start",
         rec("week", 2, {"weekDays": ["monday", "friday"]}, start="2024-05-01T09:00:00Z"), "2024-05-01T08:00:00Z", 5)
    case("D4 biweekly Sunday is the end of the start week",
         rec("week", 2, {"weekDays": ["sunday"]}, start="2024-05-01T09:00:00Z"), "2024-05-01T08:00:00Z", 4)
    case("D4 weekly Monday and Sunday from a Sunday start",
         rec("week", 3, {"weekDays": ["monday", "sunday"]}, start="2024-05-05T09:00:00Z"), "2024-05-01T08:00:00Z", 5)
    case("D4 weekly Sunday start Saturday",
         rec("week", 1, {"weekDays": ["sunday", "saturday"]}, start="2024-05-04T09:00:00Z"), "2024-05-01T08:00:00Z",
         5)
    case("D4 every 3 days hours before start", rec("day", 3, {"hours": [6]}, start="2024-05-01T12:00:00Z"),
         "2024-05-01T08:00:00Z", 4)
    case("D4 every 3 months from mid month", rec("month", 3, {"monthDays": [1, 20]}, start="2024-05-15T12:00:00Z"),
         "2024-05-01T08:00:00Z", 5)
    case("D4 every 5 hours with minutes", rec("hour", 5, {"minutes": [10, 50]}, start="2024-05-01T10:30:00Z"),
         "2024-05-01T08:00:00Z", 6)
    case("D4 every 7 minutes", rec("minute", 7, start="2024-05-01T10:03:20Z"), "2024-05-01T08:00:00Z", 5)
    case("D4 weekly past start keeps the grid",
         rec("week", 3, {"weekDays": ["tuesday"]}, start="2024-01-03T07:00:00Z"), "2024-05-01T08:00:00Z", 4)
    case("D4 every 2 months past start keeps the grid",
         rec("month", 2, {"monthDays": [10]}, start="2023-12-31T07:00:00Z"), "2024-05-01T08:00:00Z", 4)
    case("D4 every 90 minutes past start keeps the grid", rec("minute", 90, start="2024-04-30T23:00:00Z"),
         "2024-05-01T08:00:00Z", 4)

    # D5 months without the day
    case("D5 monthly from Jan 31", rec("month", start="2024-01-31T10:00:00Z"), "2024-01-01T00:00:00Z", 7)
    case("D5 monthly from Jan 30", rec("month", start="2023-01-30T10:00:00Z"), "2023-01-01T00:00:00Z", 4)
    case("D5 monthly from Jan 29 in a non-leap year", rec("month", start="2023-01-29T10:00:00Z"),
         "2023-01-01T00:00:00Z", 3)
    case("D5 yearly Feb 29 every 12 months", rec("month", 12, start="2024-02-29T10:00:00Z"), "2024-01-01T00:00:00Z",
         3)
    case("D5 monthDays 31", rec("month", schedule={"monthDays": [31], "hours": [0], "minutes": [0]},
                                start="2024-01-01T00:00:00Z"), "2024-01-01T00:00:00Z", 7)
    case("D5 monthDays 29 every 12 months from Feb 2023",
         rec("month", 12, {"monthDays": [29]}, start="2023-02-01T10:00:00Z"), "2023-01-01T00:00:00Z", 2)
    case("D5 fifth Friday of February every 12 months",
         rec("month", 12, {"monthlyOccurrences": {"day": "friday", "occurrence": 5}}, start="2025-02-01T10:00:00Z"),
         "2025-01-01T00:00:00Z", 2)
    case("D5 every 2 months from Dec 31", rec("month", 2, start="2023-12-31T10:00:00Z"), "2023-12-01T00:00:00Z", 4)

    # D6 end time
    case("D6 endTime inclusive", rec("day", end="2024-05-03T09:00:00Z", start="2024-05-01T09:00:00Z"),
         "2024-05-01T08:00:00Z", 3)
    case("D6 endTime one second earlier", rec("day", end="2024-05-03T08:59:59Z", start="2024-05-01T09:00:00Z"),
         "2024-05-01T08:00:00Z", 2)
    case("D6 date-only endTime is midnight", rec("day", end="2024-05-04", start="2024-05-01T00:00:00Z"),
         "2024-04-30T08:00:00Z", 4)
    case("D6 date-only endTime in Paris", rec("day", end="2024-05-04", start="2024-05-01T00:00:00"),
         "2024-04-30T08:00:00Z", 4, "Europe/Paris")
    case("D6 endTime with offset", rec("hour", 6, end="2024-05-02T08:00:00+02:00", start="2024-05-01T00:00:00Z"),
         "2024-04-30T08:00:00Z", 5)
    case("D6 endTime with no start", rec("minute", 20, end="2024-05-01T09:00:00Z"), "2024-05-01T08:00:00Z", 4)

    # D7 count and endTime
    case("D7 count reached first", rec("day", count=3, end="2024-06-01T00:00:00Z", start="2024-05-01T09:00:00Z"),
         "2024-05-01T08:00:00Z", 3)
    case("D7 endTime reached first", rec("day", count=10, end="2024-05-03T12:00:00Z", start="2024-05-01T09:00:00Z"),
         "2024-05-01T08:00:00Z", 3)

    # D10 sets
    case("D10 duplicate hours", rec("day", schedule={"hours": [17, 5, 5], "minutes": [15]},
                                    start="2024-05-01T00:00:00Z"), "2024-05-01T00:00:00Z", 4)
    case("D10 monthDays 31 and -1 are one run",
         rec("month", schedule={"monthDays": [31, -1], "hours": [6], "minutes": [0]}, start="2024-01-01T00:00:00Z"),
         "2024-01-01T00:00:00Z", 6)
    case("D10 occurrences 5 and -1 are one run",
         rec("month", schedule={"monthlyOccurrences": [{"day": "friday", "occurrence": 5},
                                                       {"day": "friday", "occurrence": -1}],
                                "hours": [5], "minutes": [0]}, start="2024-01-01T00:00:00Z"),
         "2024-01-01T00:00:00Z", 6)
    case("D10 every Friday and the first Friday",
         rec("month", schedule={"monthlyOccurrences": [{"day": "friday"}, {"day": "friday", "occurrence": 1}],
                                "hours": [5], "minutes": [0]}, start="2024-05-01T00:00:00Z"),
         "2024-05-01T00:00:00Z", 6)

    # D11 case-insensitive names
    case("D11 capitalised names", {"startTime": "2024-05-01T09:00:00Z",
                                   "recurrence": {"frequency": "Week", "schedule": {"weekDays": ["Monday", "FRIDAY"]}}},
         "2024-05-01T08:00:00Z", 4)
    case("D11 ARM casing Occurrence and Day",
         {"startTime": "2024-05-01T09:00:00Z",
          "recurrence": {"frequency": "Month", "schedule": {"monthlyOccurrences": [{"Day": "Friday",
                                                                                    "Occurrence": -1}]}}},
         "2024-05-01T08:00:00Z", 4)

    # D12 immediately
    case("D12 no start daily", rec("day"), "2024-05-01T13:47:12Z", 3)
    case("D12 no start weekly with week days", rec("week", schedule={"weekDays": ["monday"], "hours": [9]}),
         "2024-05-01T13:47:12Z", 3)
    case("D12 no start minutes filter", rec("minute", 5, {"minutes": [0, 30]}), "2024-05-01T13:45:00Z", 4)
    case("D12 no start monthly last day", rec("month", schedule={"monthDays": [-1]}), "2024-05-01T13:47:12Z", 3)

    # monthly occurrences and month days
    occ = "2024-01-01T00:00:00Z"
    for name, occurrences in [
        ("first Friday", [{"day": "friday", "occurrence": 1}]),
        ("last Friday", [{"day": "friday", "occurrence": -1}]),
        ("second to last Monday", [{"day": "monday", "occurrence": -2}]),
        ("fourth Thursday", [{"day": "thursday", "occurrence": 4}]),
        ("fifth Friday", [{"day": "friday", "occurrence": 5}]),
        ("fifth Monday from the end", [{"day": "monday", "occurrence": -5}]),
        ("every Sunday", [{"day": "sunday"}]),
        ("first and last Monday", [{"day": "monday", "occurrence": 1}, {"day": "monday", "occurrence": -1}]),
        ("first Monday and first Tuesday", [{"day": "monday", "occurrence": 1}, {"day": "tuesday", "occurrence": 1}]),
    ]:
        case(f"occurrences {name}",
             rec("month", schedule={"monthlyOccurrences": occurrences, "hours": [5], "minutes": [0]}, start=occ),
             occ, 8)
    case("occurrences last Friday every 3 months",
         rec("month", 3, {"monthlyOccurrences": {"day": "friday", "occurrence": -1}}, start="2024-02-10T18:00:00Z"),
         occ, 4)
    for days in [[-1], [-2], [-31], [31], [1, -1], [15], [-7, 7], [30]]:
        case(f"monthDays {days}", rec("month", schedule={"monthDays": days, "hours": [6], "minutes": [0]}, start=occ),
             occ, 8)
    case("monthDays single value", rec("month", schedule={"monthDays": -1, "hours": 6, "minutes": 0}, start=occ),
         occ, 3)

    # minute and hour filters
    case("every 5 minutes during hour 9", rec("minute", 5, {"hours": [9]}, start="2024-05-01T00:00:00Z"),
         "2024-05-01T00:00:00Z", 14)
    case("every minute at minutes 0 and 30 of hours 9 and 17",
         rec("minute", 1, {"hours": [9, 17], "minutes": [0, 30]}, start="2024-05-01T00:00:00Z"),
         "2024-05-01T00:00:00Z", 6)
    case("every 10 minutes at minutes 0 and 30", rec("minute", 10, {"minutes": [0, 30]},
                                                     start="2024-05-01T00:00:00Z"), "2024-05-01T00:00:00Z", 5)
    case("every 7 minutes at minute 0", rec("minute", 7, {"minutes": [0]}, start="2024-05-01T00:00:00Z"),
         "2024-05-01T00:00:00Z", 4)
    case("every 2 hours during hours 8 to 12", rec("hour", 2, {"hours": [8, 9, 10, 11, 12]},
                                                   start="2024-05-01T07:00:00Z"), "2024-05-01T00:00:00Z", 6)
    case("every hour at minutes 0 15 30 45 during hour 23",
         rec("hour", 1, {"hours": [23], "minutes": [0, 15, 30, 45]}, start="2024-05-01T07:00:00Z"),
         "2024-05-01T00:00:00Z", 6)
    case("every 1000 minutes", rec("minute", 1000, start="2024-05-01T00:00:00Z"), "2024-05-01T00:00:00Z", 4)
    case("every 1000 hours", rec("hour", 1000, start="2024-05-01T00:00:00Z"), "2024-05-01T00:00:00Z", 3)
    case("every 548 days", rec("day", 548, start="2024-05-01T00:00:00Z"), "2024-05-01T00:00:00Z", 3)
    case("every 78 weeks", rec("week", 78, start="2024-05-01T00:00:00Z"), "2024-05-01T00:00:00Z", 3)
    case("every 18 months", rec("month", 18, start="2024-05-31T00:00:00Z"), "2024-05-01T00:00:00Z", 4)

    # Time zones and daylight saving time
    paris = "Europe/Paris"
    ny = "America/New_York"
    case("DST Paris daily 02:30 across spring forward", rec("day", start="2024-03-29T02:30:00"),
         "2024-03-01T00:00:00Z", 5, paris)
    case("DST Paris daily 02:30 across fall back", rec("day", start="2024-10-25T02:30:00"),
         "2024-10-01T00:00:00Z", 5, paris)
    case("DST New York daily 02:30 across spring forward", rec("day", start="2024-03-08T02:30:00"),
         "2024-03-01T00:00:00Z", 5, ny)
    case("DST New York daily 01:30 across fall back", rec("day", start="2024-11-01T01:30:00"),
         "2024-10-01T00:00:00Z", 5, ny)
    case("DST Paris daily hours 2 and 3 at :30 spring forward dedupe",
         rec("day", schedule={"hours": [2, 3], "minutes": [30]}, start="2024-03-30T00:00:00"),
         "2024-03-01T00:00:00Z", 6, paris)
    case("DST Paris every 15 minutes from 01:00 spring forward",
         rec("day", schedule={"hours": [1, 2, 3], "minutes": [0, 15, 30, 45]}, start="2024-03-31T00:00:00"),
         "2024-03-01T00:00:00Z", 12, paris)
    case("DST Paris every 2 hours across spring forward", rec("hour", 2, start="2024-03-30T22:00:00"),
         "2024-03-01T00:00:00Z", 6, paris)
    case("DST Paris every hour across fall back", rec("hour", 1, start="2024-10-27T00:00:00"),
         "2024-10-01T00:00:00Z", 6, paris)
    case("DST Paris every 3 hours across fall back", rec("hour", 3, start="2024-10-26T20:30:00"),
         "2024-10-01T00:00:00Z", 5, paris)
    case("DST New York every 2 hours across spring forward", rec("hour", 2, start="2024-03-09T23:00:00"),
         "2024-03-01T00:00:00Z", 5, ny)
    case("DST New York every hour across fall back", rec("hour", 1, start="2024-11-02T23:30:00"),
         "2024-10-01T00:00:00Z", 6, ny)
    case("DST New York every 90 minutes across fall back", rec("minute", 90, start="2024-11-02T22:00:00"),
         "2024-10-01T00:00:00Z", 6, ny)
    case("DST Paris hour frequency during hour 2 runs twice on fall back",
         rec("hour", 1, {"hours": [2]}, start="2024-10-25T00:00:00"), "2024-10-01T00:00:00Z", 5, paris)
    case("DST Paris hour frequency during hour 2 skips spring forward",
         rec("hour", 1, {"hours": [2]}, start="2024-03-29T00:00:00"), "2024-03-01T00:00:00Z", 4, paris)
    case("DST Paris every 20 minutes during hour 2 on fall back",
         rec("minute", 20, {"hours": [2]}, start="2024-10-27T00:00:00"), "2024-10-01T00:00:00Z", 8, paris)
    case("DST Paris weekly Sunday 02:30 across spring forward",
         rec("week", schedule={"weekDays": ["sunday"]}, start="2024-03-24T02:30:00"), "2024-03-01T00:00:00Z", 3,
         paris)
    case("DST Paris last Sunday monthly 02:30",
         rec("month", schedule={"monthlyOccurrences": {"day": "sunday", "occurrence": -1}, "hours": 2,
                                "minutes": 30}, start="2024-01-01T00:00:00"), "2024-01-01T00:00:00Z", 12, paris)
    case("DST Paris wall start with an instant start", rec("day", start="2024-03-30T01:30:00Z"),
         "2024-03-01T00:00:00Z", 4, paris)
    case("DST Paris start with offset", rec("day", schedule={"hours": [9]}, start="2024-03-30T09:00:00+01:00"),
         "2024-03-01T00:00:00Z", 4, paris)
    case("DST Paris no start created in the repeated hour", rec("day"), "2024-10-27T01:10:00Z", 3, paris)
    case("DST Paris no start created before spring forward", rec("day"), "2024-03-30T01:40:00Z", 3, paris)
    case("DST New York biweekly Monday Friday 09:30",
         rec("week", 2, {"weekDays": ["monday", "friday"], "hours": [9], "minutes": [30]},
             start="2024-02-26T00:00:00"), "2024-02-01T00:00:00Z", 8, ny)
    case("zone Kolkata hour frequency aligned to wall hours",
         rec("hour", 1, {"minutes": [0, 30]}, start="2024-05-01T10:15:00"), "2024-05-01T00:00:00Z", 5,
         "Asia/Kolkata")
    case("zone Kolkata every minute during wall hour 9",
         rec("minute", 30, {"hours": [9]}, start="2024-05-01T00:00:00"), "2024-04-30T00:00:00Z", 4, "Asia/Kolkata")
    case("zone Tokyo daily hours 0", rec("day", schedule={"hours": [0], "minutes": [0]},
                                         start="2024-05-01T00:00:00"), "2024-04-30T00:00:00Z", 3, "Asia/Tokyo")
    case("zone Paris monthly day 1 at 00:00 across both changes",
         rec("month", schedule={"monthDays": [1], "hours": [0], "minutes": [0]}, start="2024-01-01T00:00:00"),
         "2024-01-01T00:00:00Z", 12, paris)


# ---------------------------------------------------------------------------------------------
# next(after) far from creation: (name, job, zone, created, after)

NEXT_CASES = []


def next_case(name, job, created, after, zone="UTC"):
    NEXT_CASES.append((name, job, zone, created, after))


def build_next_cases():
    next_case("daily far ahead", rec("day", start="2024-05-01T09:00:00Z"), "2024-05-01T08:00:00Z",
              "2031-07-19T09:00:00Z")
    next_case("daily far ahead between runs", rec("day", start="2024-05-01T09:00:00Z"), "2024-05-01T08:00:00Z",
              "2031-07-19T12:00:00Z")
    next_case("every 2 days far ahead", rec("day", 2, start="2015-04-07T14:00:00Z"), "2015-04-08T13:00:00Z",
              "2024-02-29T14:00:00Z")
    next_case("every 7 minutes far ahead", rec("minute", 7, start="2024-05-01T10:03:20Z"), "2024-05-01T08:00:00Z",
              "2026-01-01T00:00:00Z")
    next_case("every 5 hours with minutes far ahead", rec("hour", 5, {"minutes": [10, 50]},
                                                          start="2024-05-01T10:30:00Z"), "2024-05-01T08:00:00Z",
              "2025-12-31T23:55:00Z")
    next_case("biweekly Monday far ahead", rec("week", 2, {"weekDays": ["monday"]}, start="2024-05-01T09:00:00Z"),
              "2024-05-01T08:00:00Z", "2027-03-15T10:00:00Z")
    next_case("biweekly Sunday far ahead", rec("week", 2, {"weekDays": ["sunday", "monday"]},
                                               start="2024-05-01T09:00:00Z"), "2024-05-01T08:00:00Z",
              "2027-03-14T09:00:00Z")
    next_case("last Friday far ahead", rec("month", schedule={"monthlyOccurrences": {"day": "friday",
                                                                                     "occurrence": -1}},
                                           start="2024-05-01T09:00:00Z"), "2024-05-01T08:00:00Z",
              "2030-11-29T09:00:00Z")
    next_case("monthly Jan 31 far ahead", rec("month", start="2024-01-31T10:00:00Z"), "2024-01-01T00:00:00Z",
              "2029-04-15T00:00:00Z")
    next_case("every 3 months far ahead", rec("month", 3, {"monthDays": [1, 20]}, start="2024-05-15T12:00:00Z"),
              "2024-05-01T08:00:00Z", "2028-08-20T12:00:00Z")
    next_case("fifth Friday far ahead", rec("month", schedule={"monthlyOccurrences": {"day": "friday",
                                                                                      "occurrence": 5}},
                                            start="2024-05-01T09:00:00Z"), "2024-05-01T08:00:00Z",
              "2026-06-01T00:00:00Z")
    next_case("Paris daily 02:30 after the spring gap run", rec("day", start="2024-03-01T02:30:00"),
              "2024-03-01T00:00:00Z", "2024-03-31T01:00:00Z", "Europe/Paris")
    next_case("Paris daily 02:30 at the spring gap run", rec("day", start="2024-03-01T02:30:00"),
              "2024-03-01T00:00:00Z", "2024-03-31T01:30:00Z", "Europe/Paris")
    next_case("Paris daily 02:30 in the repeated hour", rec("day", start="2024-03-01T02:30:00"),
              "2024-03-01T00:00:00Z", "2024-10-27T00:30:00Z", "Europe/Paris")
    next_case("Paris every 15 minutes 01:00-03:45 in the gap",
              rec("day", schedule={"hours": [1, 2, 3], "minutes": [0, 15, 30, 45]}, start="2024-03-01T00:00:00"),
              "2024-03-01T00:00:00Z", "2024-03-31T00:50:00Z", "Europe/Paris")
    next_case("New York every 2 hours far ahead", rec("hour", 2, start="2024-03-09T23:00:00"),
              "2024-03-01T00:00:00Z", "2025-11-02T05:30:00Z", "America/New_York")
    next_case("every 5 minutes during hour 9 far ahead", rec("minute", 5, {"hours": [9]},
                                                             start="2024-05-01T00:00:00Z"),
              "2024-05-01T00:00:00Z", "2026-07-04T09:57:00Z")
    next_case("count stops the series", rec("day", count=5, start="2024-04-29T09:00:00Z"),
              "2024-05-01T10:00:00Z", "2024-05-06T09:00:00Z")
    next_case("count before the last run", rec("day", count=5, start="2024-04-29T09:00:00Z"),
              "2024-05-01T10:00:00Z", "2024-05-05T09:00:00Z")
    next_case("endTime stops the series", rec("day", end="2024-06-01T09:00:00Z", start="2024-05-01T09:00:00Z"),
              "2024-05-01T08:00:00Z", "2024-06-01T09:00:00Z")
    next_case("before creation returns the first run", rec("day", start="2024-04-01T09:00:00Z"),
              "2024-05-01T10:00:00Z", "2020-01-01T00:00:00Z")
    next_case("no start before creation returns creation", rec("day"), "2024-05-01T10:00:00Z",
              "2024-05-01T09:59:59Z")
    next_case("no start at creation", rec("day"), "2024-05-01T10:00:00Z", "2024-05-01T10:00:00Z")
    next_case("one-time future", {"startTime": "2024-06-01T00:00:00Z"}, "2024-05-01T10:00:00Z",
              "2024-05-20T00:00:00Z")
    next_case("one-time after its run", {"startTime": "2024-06-01T00:00:00Z"}, "2024-05-01T10:00:00Z",
              "2024-06-01T00:00:00Z")
    next_case("one-time immediate", {}, "2024-05-01T10:00:00Z", "2024-05-01T09:00:00Z")


def c_string(text):
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def cpp_string(text):
    return "u" + c_string(text) + "_s"


def main():
    build_cases()
    build_next_cases()
    rows = []
    checked = 0
    for name, job, zone, created, n in CASES:
        c = at(created)
        limit = n + 3
        expected = brute(job, zone, c, limit)
        other = rrule_runs(job, zone, c, limit)
        if other is not None:
            checked += 1
            if other != expected:
                sys.exit(f"oracle disagreement in {name!r}:\n brute {list(map(iso, expected))}\n rrule "
                         f"{list(map(iso, other))}")
        complete = len(expected) < limit
        finite = "recurrence" not in job or any(k in job["recurrence"] for k in ("count", "endTime"))
        if complete and not finite:
            sys.exit(f"{name!r}: only {len(expected)} runs within the horizon")
        shown = expected[:n] if not complete else expected
        runs = ", ".join(cpp_string(iso(r)) for r in shown)
        rows.append(f'    QTest::newRow({c_string(name)}) << {cpp_string(json.dumps(job, separators=(",", ":")))}'
                    f' << {cpp_string(zone)} << {cpp_string(created)} << QStringList {{{runs}}} << '
                    f'{"true" if complete else "false"};')
    print("// runs_data: %d rows, %d cross-checked against dateutil.rrule" % (len(rows), checked))
    for row in rows:
        print(row)
    print()
    print("// next_data")
    for name, job, zone, created, after in NEXT_CASES:
        c = at(created)
        a = at(after)
        runs = brute(job, zone, c, 10**9, stop_after=a)
        following = [r for r in runs if r > a]
        expected = iso(following[0]) if following else ""
        print(f'    QTest::newRow({c_string(name)}) << {cpp_string(json.dumps(job, separators=(",", ":")))} << '
              f'{cpp_string(zone)} << {cpp_string(created)} << {cpp_string(after)} << {cpp_string(expected)};')


if __name__ == "__main__":
    main()
