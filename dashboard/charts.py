"""Altair chart builders: one palette, large type, Vietnamese numbers and dates.

Charts are read on a wall screen from the back of a meeting room, so fonts
are large and bars carry their figures. Number and date formats come from
Vega's own locale (`config.locale`, built here from Babel's vi_VN data):
Streamlit 1.67 drops vega-embed's `formatLocale`/`timeFormatLocale` options
(it keeps only theme, renderer and padding of `usermeta.embedOptions`), but
passes the spec's `config` through. Tooltips and bar labels carry strings
already formatted by `dashboard.fmt`, so they never depend on the browser.
"""

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
LABEL_SIZE = 16
TITLE_SIZE = 18
MARK_LABEL_SIZE = 15
ROW_HEIGHT = 34  # pixels per unit in a horizontal bar chart


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


def style(chart: alt.TopLevelMixin) -> alt.TopLevelMixin:
    """The common look: locale, large fonts, the palette."""
    return (
        chart.configure(font=FONT, locale=vega_locale())
        .configure_axis(
            labelFontSize=LABEL_SIZE,
            titleFontSize=TITLE_SIZE,
            labelLimit=320,
            titleFontWeight="normal",
        )
        .configure_legend(
            labelFontSize=LABEL_SIZE,
            titleFontSize=LABEL_SIZE,
            orient="top",
            symbolSize=220,
            labelLimit=400,
        )
        .configure_title(fontSize=TITLE_SIZE + 2, anchor="start")
        .configure_range(category=SERIES_COLORS)
        .configure_view(stroke=None)
    )


def grouped_bars(
    frame: pd.DataFrame,
    category: str,
    measures: dict[str, str],
    colors: list[str],
    category_title: str = "",
    value_title: str = "Số hồ sơ",
) -> alt.Chart:
    """Horizontal bars, one group per row of `frame` (e.g. a unit), one bar per measure.

    `measures` maps columns of counts to their Vietnamese legend labels. Rows
    keep the order of `frame`; each bar carries its figure.
    """
    long = frame.melt(
        id_vars=[category], value_vars=list(measures), var_name="measure", value_name="value"
    )
    long["series"] = long["measure"].map(measures)
    long["value_text"] = long["value"].map(fmt.number)
    order = list(frame[category])
    series = list(measures.values())
    base = alt.Chart(long).encode(
        y=alt.Y(f"{category}:N", sort=order, title=category_title),
        yOffset=alt.YOffset("series:N", sort=series),
        x=alt.X("value:Q", title=value_title, axis=alt.Axis(format=",d", tickMinStep=1)),
        tooltip=[
            alt.Tooltip(f"{category}:N", title="Đơn vị"),
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
    height = ROW_HEIGHT * len(series) * max(len(order), 1)
    return style((bars + labels).properties(height=height))


def weekly_trend(series: pd.DataFrame) -> alt.VConcatChart:
    """Dossiers received per week (bars) over the on-time rate per week (line).

    `series` is `cohort_series(..., freq="week")`: `period` (the Monday),
    `received`, `on_time_rate`. Two stacked panels share the week axis,
    rather than one chart with two y axes that a room would misread.
    """
    data = series.assign(
        week=pd.to_datetime(series["period"]),
        week_text=series["period"].map(fmt.week_of),
        received_text=series["received"].map(fmt.number),
        rate_text=series["on_time_rate"].map(fmt.percent),
    )
    x = alt.X(
        "week:T",
        title=None,
        scale=alt.Scale(type="utc"),
        axis=alt.Axis(format="%d/%m", labelAngle=0, labelOverlap=True),
    )
    tooltip = [
        alt.Tooltip("week_text:N", title="Tuần"),
        alt.Tooltip("received_text:N", title="Tiếp nhận"),
        alt.Tooltip("rate_text:N", title="Tỷ lệ đúng hạn"),
    ]
    received = (
        alt.Chart(data, title="Hồ sơ tiếp nhận mỗi tuần")
        .mark_bar(color=PALETTE["received"])
        .encode(
            x=x,
            y=alt.Y("received:Q", title="Số hồ sơ", axis=alt.Axis(format=",d")),
            tooltip=tooltip,
        )
        .properties(height=220)
    )
    on_time = (
        alt.Chart(data, title="Tỷ lệ giải quyết đúng hạn mỗi tuần")
        .mark_line(color=PALETTE["on_time"], point=alt.OverlayMarkDef(size=70), strokeWidth=3)
        .encode(
            x=x,
            y=alt.Y(
                "on_time_rate:Q",
                title="Tỷ lệ",
                axis=alt.Axis(format=".0%"),
                scale=alt.Scale(zero=False, domainMax=1),
            ),
            tooltip=tooltip,
        )
        .properties(height=220)
    )
    return style(alt.vconcat(received, on_time, spacing=28).resolve_scale(x="shared"))
