"""Altair chart builders: one palette, large type, Vietnamese numbers and dates.

Charts are read on a wall screen from the back of a meeting room, so fonts
are large and bars carry their figures. Number and date formats come from
Vega's own locale (`config.locale`, built here from Babel's vi_VN data):
Streamlit 1.67 drops vega-embed's `formatLocale`/`timeFormatLocale` options
(it keeps only theme, renderer and padding of `usermeta.embedOptions`), but
passes the spec's `config` through. Tooltips and bar labels carry strings
already formatted by `dashboard.fmt`, so they never depend on the browser.
"""

import copy
import functools
import math

import altair as alt
import pandas as pd
from babel import Locale
from babel.dates import get_day_names, get_month_names

from dashboard import fmt

# Blue for volume, red-orange for late, green for on time; readable on a projector.
PALETTE = {
    "received": "#0B4F9C",
    "late": "#D9480F",
    "on_time": "#2B8A3E",
    "neutral": "#6B7280",
    "accent": "#7048E8",
    "warning": "#E8A317",
}
SERIES_COLORS = list(PALETTE.values())
FONT = '"Source Sans", "Source Sans Pro", "Noto Sans", "DejaVu Sans", sans-serif'
TEXT_COLOR = "#111827"
LABEL_SIZE = 16
TITLE_SIZE = 18
MARK_LABEL_SIZE = 16
BAR_HEIGHT = 22  # pixels per bar in a horizontal bar chart
CHROME_HEIGHT = 110  # legend and axis title, inside the height Streamlit fits the chart to
PANEL_HEIGHT = 240
UNIT_ROW_HEIGHT = 38  # pixels per unit in bar_panel
# Room above the title: Vietnamese stacks a tone mark over a circumflex ("trễ", "mỗi"),
# higher than the font's ascent that Vega measures, and the top of it was cut off.
PADDING = {"top": 12, "bottom": 5, "left": 5, "right": 5}


def vega_locale() -> alt.Locale:
    """vi_VN number and time formats for Vega (d3-format / d3-time-format shapes)."""
    symbols = Locale.parse(fmt.LOCALE).number_symbols["latn"]
    days = get_day_names("wide", locale=fmt.LOCALE)  # 0 = Monday
    short_days = get_day_names("abbreviated", locale=fmt.LOCALE)
    months = get_month_names("wide", locale=fmt.LOCALE)  # 1 = January
    short_months = get_month_names("abbreviated", locale=fmt.LOCALE)
    sunday_first = [6, 0, 1, 2, 3, 4, 5]  # d3 starts the week on Sunday
    return alt.Locale(
        number=alt.NumberLocale(
            decimal=symbols["decimal"],
            thousands=symbols["group"],
            grouping=[3],
            currency=["", " ₫"],
            percent=symbols["percentSign"],
        ),
        time=alt.TimeLocale(
            dateTime="%H:%M %d/%m/%Y",
            date="%d/%m/%Y",
            time="%H:%M:%S",
            periods=["SA", "CH"],
            days=[days[i] for i in sunday_first],
            shortDays=[short_days[i] for i in sunday_first],
            months=[months[m] for m in range(1, 13)],
            shortMonths=[short_months[m] for m in range(1, 13)],
        ),
    )


@functools.cache
def _look() -> dict:
    """The config every chart shares, as a plain spec: built once (Babel's names and all)."""
    return alt.Config(
        font=FONT,
        locale=vega_locale(),
        axis=alt.AxisConfig(
            labelFontSize=LABEL_SIZE,
            titleFontSize=TITLE_SIZE,
            labelColor=TEXT_COLOR,
            titleColor=TEXT_COLOR,
            labelLimit=300,
            titleFontWeight="normal",
        ),
        legend=alt.LegendConfig(
            labelFontSize=LABEL_SIZE,
            titleFontSize=LABEL_SIZE,
            labelColor=TEXT_COLOR,
            orient="top",
            symbolSize=240,
            labelLimit=400,
        ),
        title=alt.TitleConfig(
            fontSize=TITLE_SIZE, color=TEXT_COLOR, anchor="start", fontWeight=600
        ),
        text=alt.MarkConfig(color=TEXT_COLOR),
        range=alt.RangeConfig(category=SERIES_COLORS),
        view=alt.ViewConfig(stroke=None),
    ).to_dict()


def style(chart: alt.TopLevelMixin, right: int = PADDING["right"]) -> alt.TopLevelMixin:
    """The common look: locale, large fonts, the palette, room for tone marks on top and
    `right` pixels on the right (a bar's figure). Set on `chart` itself, a chart just
    built: each of Altair's `configure_*` copies the whole chart, a tenth of a page."""
    chart.padding = {**PADDING, "right": right}
    chart.config = copy.deepcopy(_look())
    return chart


def grouped_bars(
    frame: pd.DataFrame,
    category: str,
    measures: dict[str, str],
    colors: list[str],
    category_title: str = "",
    value_title: str = "Số hồ sơ",
    category_label: str = "Đơn vị",
    height: int | None = None,
) -> alt.Chart:
    """Horizontal bars, one group per row of `frame` (e.g. a unit), one bar per measure.

    `measures` maps columns of counts to their Vietnamese legend labels. Rows
    keep the order of `frame`; each bar carries its figure. `category_label` names a row
    in the tooltip (a unit, a field, a procedure). `height`: pixels (default: by the rows).
    """
    long = frame.melt(
        id_vars=[category], value_vars=list(measures), var_name="measure", value_name="value"
    )
    long["series"] = long["measure"].map(measures)
    long["value_text"] = long["value"].map(fmt.number)
    order = list(frame[category])
    series = list(measures.values())
    base = alt.Chart(long).encode(
        y=alt.Y(
            f"{category}:N",
            sort=order,
            title=category_title,
            axis=alt.Axis(labelOverlap=False),
            scale=alt.Scale(paddingInner=0.25),
        ),
        yOffset=alt.YOffset("series:N", sort=series),
        x=alt.X("value:Q", title=value_title, axis=alt.Axis(format=",d", tickMinStep=1)),
        tooltip=[
            alt.Tooltip(f"{category}:N", title=category_label),
            alt.Tooltip("series:N", title="Chỉ tiêu"),
            alt.Tooltip("value_text:N", title="Số hồ sơ"),
        ],
    )
    bars = base.mark_bar().encode(
        color=alt.Color(
            "series:N",
            sort=series,
            scale=alt.Scale(domain=series, range=colors),
            legend=alt.Legend(title=None),
        )
    )
    labels = base.mark_text(align="left", dx=4, fontSize=MARK_LABEL_SIZE).encode(
        text="value_text:N"
    )
    height = height or BAR_HEIGHT * len(series) * max(len(order), 1) * 1.3 + CHROME_HEIGHT
    return style((bars + labels).properties(height=round(height)))


def bar_panel(
    frame: pd.DataFrame,
    category: str,
    column: str,
    title: str,
    color: str,
    show_categories: bool = True,
) -> alt.LayerChart:
    """Horizontal bars of one count by unit, each bar carrying its figure.

    Rows keep the order of `frame` (district one-stop first). Panels of the
    same frame laid side by side (`st.columns`) line up row for row; only the
    first needs `show_categories`. Each panel has its own scale, so a handful
    of late dossiers stays visible beside thousands received.
    """
    data = frame[[category, column]].assign(value_text=frame[column].map(fmt.number))
    order = list(data[category])
    base = alt.Chart(data, title=title).encode(
        y=alt.Y(
            f"{category}:N",
            sort=order,
            title=None,
            axis=alt.Axis(labelOverlap=False, labelLimit=300)
            if show_categories
            else alt.Axis(labels=False, ticks=False, domain=False),
        ),
        x=alt.X(
            f"{column}:Q",
            title=None,
            axis=alt.Axis(format=",d", tickMinStep=1, tickCount=4, labelOverlap=True),
        ),
        tooltip=[
            alt.Tooltip(f"{category}:N", title="Đơn vị"),
            alt.Tooltip("value_text:N", title=title),
        ],
    )
    bars = base.mark_bar(color=color)
    labels = base.mark_text(align="left", dx=5, fontSize=MARK_LABEL_SIZE).encode(
        text="value_text:N"
    )
    # Room on the right for the last bar's figure.
    height = UNIT_ROW_HEIGHT * max(len(order), 1) + CHROME_HEIGHT // 2
    return style((bars + labels).properties(height=height), right=48)


def _week_ticks(mondays: pd.Series, most: int = 8) -> list[alt.DateTime]:
    """At most `most` axis ticks, on the weeks' own Mondays (Vega's "week" ticks are Sundays)."""
    step = max(1, math.ceil(len(mondays) / most))
    return [alt.DateTime(year=d.year, month=d.month, date=d.day, utc=True) for d in mondays[::step]]


REORGANISATION_LABEL = "Sắp xếp đơn vị hành chính {day}"


def either(channel: type, test: str, yes, no):
    """`alt.condition(test, alt.value(yes), alt.value(no))` for `channel` (alt.ColorValue,
    alt.SizeValue), made as the schema object Altair would make of it: given a plain dict,
    `encode` searches the Vega-Lite schema for its class, about 10 ms a channel (two thirds
    of a tile's sparkline). The same spec."""
    return channel(condition={"test": test, "value": yes}, value=no)


def reorganisation_rules(days, first, last, labelled: bool = True) -> list[alt.Chart]:
    """A dashed vertical rule at each day of `days` (successions' effective dates,
    dashboard.unit_reading) after `first` and up to `last` (the chart's x range): a line
    read by today's units runs through the date, and the chart says where it lies. Labelled
    ("Sắp xếp đơn vị hành chính 01/07/2025") unless the chart is too small for words (a
    tile's sparkline: a thin rule, the date in its tooltip)."""
    shown = [day for day in days if pd.Timestamp(first) < pd.Timestamp(day) <= pd.Timestamp(last)]
    if not shown:
        return []
    rules = pd.DataFrame(
        {
            "day": pd.to_datetime(shown),
            "label": [REORGANISATION_LABEL.format(day=fmt.date(day)) for day in shown],
        }
    )
    base = alt.Chart(rules).encode(x=alt.X("day:T", title=None, scale=alt.Scale(type="utc")))
    width = 2 if labelled else 1
    rule = base.mark_rule(color=PALETTE["neutral"], strokeDash=[6, 4], strokeWidth=width).encode(
        tooltip=[alt.Tooltip("label:N", title="Mốc")]
    )
    if not labelled:
        return [rule]
    text = base.mark_text(align="left", dx=4, dy=-4, baseline="top", fontSize=12).encode(
        y=alt.YValue(0), text=alt.Text("label:N"), color=alt.ColorValue(PALETTE["neutral"])
    )
    return [rule, text]


def _last_day(periods: pd.Series, freq: str = "week") -> pd.Timestamp:
    """The last day the chart's buckets cover: the last week's Sunday, the last month's end."""
    last = pd.Timestamp(periods.max())
    return last + (pd.Timedelta(days=6) if freq == "week" else pd.offsets.MonthEnd(0))


def weekly_counts(
    series: pd.DataFrame, column: str, title: str, color: str, marked=()
) -> alt.Chart:
    """A count per week as a line (e.g. dossiers received), weeks from `cohort_series`.

    `series` has `period` (each week's Monday) and `column`; the tooltip names
    the week in full (`Tuần 48/2022 (28/11–04/12)`). Each day of `marked` the weeks cross
    has its rule (reorganisation_rules).
    """
    data = series.assign(
        week=pd.to_datetime(series["period"]),
        week_text=series["period"].map(fmt.week_of),
        value_text=series[column].map(fmt.number),
    )
    x = alt.X(
        "week:T",
        title=None,
        scale=alt.Scale(type="utc"),  # dates are midnight UTC: no shift by the browser's zone
        axis=alt.Axis(format="%d/%m", labelAngle=0, values=_week_ticks(data["week"])),
    )
    y = alt.Y(f"{column}:Q", title=None, axis=alt.Axis(format=",d", tickMinStep=1))
    tooltip = [
        alt.Tooltip("week_text:N", title="Tuần"),
        alt.Tooltip("value_text:N", title=title),
    ]
    chart = (
        alt.Chart(data, title=title)
        .mark_line(color=color, strokeWidth=3.5, point=alt.OverlayMarkDef(size=90, filled=True))
        .encode(x=x, y=y, tooltip=tooltip)
    )
    rules = reorganisation_rules(marked, series["period"].min(), _last_day(series["period"]))
    if rules:
        chart = alt.layer(chart, *rules)
    return style(chart.properties(height=PANEL_HEIGHT + 60))


# Traffic lights (dashboard.kpi.light) as colours: the palette's green, amber and red.
LIGHT_COLORS = {"green": PALETTE["on_time"], "amber": PALETTE["warning"], "red": PALETTE["late"]}
SPARK_HEIGHT = 70


def sparkline(
    trend: pd.DataFrame,
    column: str,
    label: str,
    is_rate: bool,
    last_color: str,
    floor: float | None = None,
    marked=(),
) -> alt.Chart:
    """A tiny weekly trend of one KPI for a tile: grey marks, the last week in `last_color`;
    a thin rule at each day of `marked` the weeks cross (reorganisation_rules, no words).

    `trend` has `period` (each week's Monday) and `column` (`label` in the tooltip); weeks
    without a value
    (no dossier finished, no rating) leave a gap. No axes: the tile carries the figure,
    the tooltip each week's. A rate's scale runs from `floor` (or its lowest value, if
    lower) to 100%, so that 99,8% against 100% does not look like a collapse.
    """
    data = trend[["period", column]].assign(
        week=pd.to_datetime(trend["period"]),
        week_text=trend["period"].map(fmt.week_of),
        value_text=trend[column].map(fmt.percent if is_rate else fmt.number),
        last=[False] * (len(trend) - 1) + [True],
    )
    x = alt.X("week:T", axis=None, scale=alt.Scale(type="utc"))
    if is_rate:
        lowest = trend[column].min()
        low = lowest if floor is None or pd.isna(lowest) else min(floor, lowest)
        scale = alt.Scale(domain=[low, 1.0], nice=False, padding=6) if pd.notna(low) else None
    else:
        scale = alt.Scale(zero=True, nice=False, padding=6)
    y = alt.Y(f"{column}:Q", axis=None, scale=scale or alt.Undefined)
    tooltip = [alt.Tooltip("week_text:N", title="Tuần"), alt.Tooltip("value_text:N", title=label)]
    color = either(alt.ColorValue, "datum.last", last_color, PALETTE["neutral"])
    base = alt.Chart(data).encode(x=x, y=y, tooltip=tooltip)
    if is_rate:
        line = base.mark_line(color=PALETTE["neutral"], strokeWidth=2.5)
        points = base.mark_point(filled=True, opacity=1).encode(
            color=color, size=either(alt.SizeValue, "datum.last", 160, 30)
        )
        layers = [line, points]
    else:
        layers = [base.mark_bar(width={"band": 0.7}).encode(color=color)]
    layers += reorganisation_rules(
        marked, trend["period"].min(), _last_day(trend["period"]), labelled=False
    )
    chart = alt.layer(*layers) if len(layers) > 1 else layers[0]
    return style(chart.properties(height=SPARK_HEIGHT))


# Topic pages (satisfaction, cashless, households, OCOP): rates over time and by place.
REFERENCE_COLORS = (PALETTE["on_time"], PALETTE["warning"])
# Up to eight series (e.g. the platforms): the palette, then teal and crimson.
MANY_SERIES_COLORS = [*SERIES_COLORS, "#0C8599", "#A61E4D"]


def _rate_domain(values: pd.Series, references: dict[str, float]) -> list[float]:
    """A rate axis that shows every value and reference line, in steps of 5 points.

    Rates close together (98–100%) stay apart; a low rate (4%) is not squashed at the bottom.
    """
    shown = [*values.dropna().tolist(), *references.values()] or [0.0, 1.0]
    low = max(0.0, math.floor((min(shown) - 0.01) * 20) / 20)
    high = min(1.0, math.ceil((max(shown) + 0.01) * 20) / 20)
    return [low, max(high, low + 0.05)]


def _references_frame(references: dict[str, float], value: str, label: str) -> pd.DataFrame:
    """One row per reference line: its `value`, its `label` ("Mục tiêu 99,0%"), its colour."""
    return pd.DataFrame(
        {
            value: list(references.values()),
            label: [f"{name} {fmt.percent(rate)}" for name, rate in references.items()],
            "color": list(REFERENCE_COLORS[: len(references)]),
        }
    )


def _rows_tall(chart: alt.TopLevelMixin, rows: int) -> alt.TopLevelMixin:
    """`chart` styled, tall enough for `rows` rows of dots or bars (one per unit, platform…)."""
    return style(chart.properties(height=round(BAR_HEIGHT * 1.8 * max(rows, 1) + CHROME_HEIGHT)))


def _reference_lines(references: dict[str, float], y_field: str = "value") -> alt.LayerChart:
    """Dashed horizontal lines, each labelled at its right end (e.g. "Mục tiêu 99%")."""
    data = _references_frame(references, y_field, "label")
    base = alt.Chart(data).encode(y=alt.Y(f"{y_field}:Q"))
    rules = base.mark_rule(strokeDash=[8, 5], strokeWidth=2.5).encode(
        color=alt.Color("color:N", scale=None)
    )
    # Under the line: a line near 100% keeps its label inside the chart, clear of the data.
    labels = base.mark_text(
        align="right", baseline="top", dy=4, fontSize=MARK_LABEL_SIZE, fontWeight=600
    ).encode(
        x=alt.XValue("width"), text=alt.Text("label:N"), color=alt.Color("color:N", scale=None)
    )
    return rules + labels


def rate_over_time(
    frame: pd.DataFrame,
    rate: str,
    freq: str,
    title: str,
    references: dict[str, float] | None = None,
    series: str | None = None,
    series_order: list[str] | None = None,
    count: str | None = None,
    count_title: str = "Số phiếu",
    series_title: str = "Nhóm",
    marked=(),
    detail: str | None = None,
    detail_title: str = "",
) -> alt.LayerChart:
    """A rate per week or month as a line, with dashed reference lines (targets).

    `frame` has `period` (the Monday or the first of the month) and `rate`;
    `series` (already a Vietnamese label) draws one line per value; `count`
    adds that figure to the tooltip, `detail` a column of text already formatted (titled
    `detail_title`). Buckets absent from `frame` leave a gap. Each day of
    `marked` the buckets cross has its labelled rule (reorganisation_rules).
    """
    references = references or {}
    label = fmt.week_of if freq == "week" else fmt.month
    data = frame.assign(
        when=pd.to_datetime(frame["period"]),
        when_text=frame["period"].map(label),
        rate_text=frame[rate].map(fmt.percent),
    )
    tooltip = [
        alt.Tooltip("when_text:N", title="Tuần" if freq == "week" else "Tháng"),
        alt.Tooltip("rate_text:N", title="Tỷ lệ"),
    ]
    if count:
        data["count_text"] = frame[count].map(fmt.number)
        tooltip.append(alt.Tooltip("count_text:N", title=count_title))
    if detail:
        tooltip.append(alt.Tooltip(f"{detail}:N", title=detail_title))
    if series:
        tooltip.insert(0, alt.Tooltip(f"{series}:N", title=series_title))
    x = alt.X(
        "when:T",
        title=None,
        scale=alt.Scale(type="utc"),  # dates are midnight UTC: no shift by the browser's zone
        axis=alt.Axis(
            format="%d/%m" if freq == "week" else "%m/%Y",
            labelAngle=0,
            labelOverlap=True,
            tickCount="week" if freq == "week" else "month",
        ),
    )
    y = alt.Y(
        f"{rate}:Q",
        title=None,
        axis=alt.Axis(format=".0%"),
        scale=alt.Scale(domain=_rate_domain(frame[rate], references)),
    )
    encoding = {"x": x, "y": y, "tooltip": tooltip}
    mark = {"strokeWidth": 3.5, "point": alt.OverlayMarkDef(size=90, filled=True)}
    if series:
        order = series_order or sorted(data[series].dropna().unique())
        encoding["color"] = alt.Color(
            f"{series}:N",
            sort=order,
            scale=alt.Scale(domain=order),
            legend=alt.Legend(title=None, columns=2),
        )
    else:
        mark["color"] = PALETTE["received"]
    line = alt.Chart(data, title=title).mark_line(**mark).encode(**encoding)
    # One flat layer, the line first (the handout sets its ticks on the layer of `when`).
    layers = [line, *([_reference_lines(references, rate)] if references else [])]
    layers += reorganisation_rules(marked, frame["period"].min(), _last_day(frame["period"], freq))
    chart = alt.layer(*layers) if len(layers) > 1 else line
    # A legend takes its height out of the chart's: give it that back.
    height = PANEL_HEIGHT + 60 + (CHROME_HEIGHT if series else 0)
    return style(chart.properties(height=height))


def rate_dots(
    frame: pd.DataFrame,
    category: str,
    rate: str,
    detail: str,
    references: dict[str, float] | None = None,
    category_title: str = "Đơn vị",
) -> alt.LayerChart:
    """One dot per row of `frame` (a unit, a commune) at its rate, in the frame's order.

    Rates close to each other (98–100%) stay apart on an axis that starts just
    below the lowest value or reference line. Each row's label carries its
    percentage and `detail` (a column of text, e.g. "690 phiếu"); a dot is green
    when it meets the first reference (the target), red-orange when not, blue
    without references.
    """
    references = references or {}
    target = next(iter(references.values()), None)
    label = frame[category] + "   " + frame[rate].map(fmt.percent) + " · " + frame[detail]
    data = frame.assign(
        label=label,
        meets=frame[rate] >= target - 1e-9 if target is not None else True,
    )
    order = list(data["label"])
    good, bad = PALETTE["on_time"], PALETTE["late"]
    # Shared by the dots and the reference lines, or the lines' scale would start at 0.
    scale = alt.Scale(domain=_rate_domain(frame[rate], references))
    dots = (
        alt.Chart(data)
        .mark_circle(size=320, opacity=1)
        .encode(
            y=alt.Y(
                "label:N",
                sort=order,
                title=None,
                axis=alt.Axis(labelOverlap=False, labelLimit=600),
            ),
            x=alt.X(
                f"{rate}:Q", title=None, axis=alt.Axis(format=".0%", orient="top"), scale=scale
            ),
            color=either(alt.ColorValue, "datum.meets", good, bad)
            if references
            else alt.ColorValue(PALETTE["received"]),
            tooltip=[alt.Tooltip("label:N", title=category_title)],
        )
    )
    chart = dots
    if references:
        lines = _references_frame(references, "value", "name")
        chart = (
            alt.Chart(lines)
            .mark_rule(strokeDash=[8, 5], strokeWidth=2.5)
            .encode(
                x=alt.X("value:Q", scale=scale),
                color=alt.Color("color:N", scale=None),
                tooltip=[alt.Tooltip("name:N", title="Mốc so sánh")],
            )
        ) + dots
    return _rows_tall(chart, len(order))


def stacked_bars(
    frame: pd.DataFrame,
    category: str,
    stack: str,
    value: str,
    stack_order: list[str],
    value_title: str,
    category_title: str = "Đơn vị",
    stack_title: str = "Nhóm",
) -> alt.Chart:
    """Horizontal stacked bars: one bar per `category` (in the frame's order), split by `stack`.

    `stack` holds Vietnamese labels listed in `stack_order`; the palette colours them.
    """
    data = frame.assign(value_text=frame[value].map(fmt.number))
    order = list(dict.fromkeys(frame[category]))
    chart = (
        alt.Chart(data)
        .mark_bar(height={"band": 0.7})
        .encode(
            y=alt.Y(f"{category}:N", sort=order, title=None, axis=alt.Axis(labelOverlap=False)),
            x=alt.X(
                f"sum({value}):Q", title=value_title, axis=alt.Axis(format=",d", tickMinStep=1)
            ),
            color=alt.Color(
                f"{stack}:N",
                sort=stack_order,
                scale=alt.Scale(domain=stack_order, range=MANY_SERIES_COLORS[: len(stack_order)]),
                legend=alt.Legend(title=None),
            ),
            tooltip=[
                alt.Tooltip(f"{category}:N", title=category_title),
                alt.Tooltip(f"{stack}:N", title=stack_title),
                alt.Tooltip("value_text:N", title=value_title),
            ],
        )
    )
    return _rows_tall(chart, len(order))


def counts_over_time(
    frame: pd.DataFrame,
    when: str,
    value: str,
    series: str,
    series_order: list[str],
    value_title: str,
    by_day: bool = False,
    series_title: str = "Nhóm",
) -> alt.Chart:
    """Running totals, one line per `series` (Vietnamese labels in `series_order`).

    `when` is the first of each month, or with `by_day` any date (e.g. reports'
    dates); each line holds its value until the next point.
    """
    data = frame.assign(
        when_dt=pd.to_datetime(frame[when]),
        when_text=frame[when].map(fmt.date if by_day else fmt.month),
        value_text=frame[value].map(fmt.number),
    )
    chart = (
        alt.Chart(data)
        .mark_line(strokeWidth=3.5, interpolate="step-after")
        .encode(
            x=alt.X(
                "when_dt:T",
                title=None,
                scale=alt.Scale(type="utc"),
                axis=alt.Axis(format="%m/%Y", labelAngle=0, labelOverlap=True, tickCount="month"),
            ),
            y=alt.Y(f"{value}:Q", title=value_title, axis=alt.Axis(format=",d", tickMinStep=1)),
            color=alt.Color(
                f"{series}:N",
                sort=series_order,
                scale=alt.Scale(domain=series_order, range=MANY_SERIES_COLORS[: len(series_order)]),
                legend=alt.Legend(title=None, columns=2),
            ),
            tooltip=[
                alt.Tooltip(f"{series}:N", title=series_title),
                alt.Tooltip("when_text:N", title="Ngày" if by_day else "Tháng"),
                alt.Tooltip("value_text:N", title=value_title),
            ],
        )
    )
    return style(chart.properties(height=PANEL_HEIGHT + 60 + CHROME_HEIGHT))
