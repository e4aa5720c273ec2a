"""Charts that read in light and dark JupyterLab themes, each with its text alternative.

A chart is drawn twice on a transparent background, once with the light theme's ink and once with
the dark theme's; ``static/relcourse.css`` shows the one that fits the theme (``.rc-chart-light`` /
``.rc-chart-dark``, switched by JupyterLab's ``data-jp-theme-light``). The data colours are mid tones
that keep 3:1 against both backgrounds. Beside the images, a sentence says what the chart shows
(``.rc-chart-summary``), and each image carries it as ``alt`` text. The sentence is not typeset
(it quotes the log's choices, where ``$`` is a dollar sign).
"""

from __future__ import annotations

import base64
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from relcourse.escape import NO_MATHS, html_text
from relcourse.store.views import chart_fonts, figure_png

if TYPE_CHECKING:
    from matplotlib.figure import Figure

#: the ink of each theme (text, axes, ticks, grid); JupyterLab's own --jp-ui-font-color1 in each
THEMES: dict[str, Any] = {  # rcParams by theme
    name: {"text.color": ink, "axes.labelcolor": ink, "axes.edgecolor": ink, "xtick.color": ink, "ytick.color": ink,
           "axes.titlecolor": ink, "figure.facecolor": "none", "axes.facecolor": "none", "savefig.transparent": True}
    for name, ink in (("light", "#212121"), ("dark", "#e0e0e0"))
}


def chart_html(draw: Callable[[], Figure], summary: str, label: str = "") -> str:
    """Both theme variants of the chart ``draw`` makes, and ``summary`` as their text alternative."""
    import matplotlib

    images = []
    for theme, style in THEMES.items():
        with matplotlib.rc_context({**chart_fonts(), **style}):
            png = base64.b64encode(figure_png(draw())).decode("ascii")
        images.append(f'<img class="rc-chart-{theme}" src="data:image/png;base64,{png}" alt="{html_text(label or summary)}">')
    return (f'<figure class="rc-chart" style="margin:0">{"".join(images)}'
            f'<figcaption class="rc-chart-summary {NO_MATHS}">{html_text(summary)}</figcaption></figure>')
