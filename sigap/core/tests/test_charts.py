from sigap.core.charts import line_chart


def test_points_are_placed_on_the_fixed_scale():
    chart = line_chart([("a", 0), ("b", 50), ("c", 100)], low=0, high=100, width=120, height=60)
    assert [(p.x, p.y) for p in chart.points] == [(8, 52), (60, 30), (112, 8)]
    assert chart.polyline == "8.0,52.0 60.0,30.0 112.0,8.0"


def test_values_outside_the_scale_are_clamped_and_bands_shaded():
    chart = line_chart(
        [("a", -5), ("b", 130)], low=0, high=100, width=120, height=60, bands=[(0, 50, "low")]
    )
    assert [p.y for p in chart.points] == [52, 8]
    assert chart.bands == [(30, 22, "low")]


def test_a_single_value_draws_no_line():
    assert line_chart([("a", 10)], low=0, high=100) is None
