"""Keep learners' words out of saved notebooks.

Widgets show private text only while the kernel runs. Two things could still carry it into
an .ipynb: saved widget state (``metadata.widgets``, written by nbclient by default and by
JupyterLab when "save widget state" is on) and outputs. :func:`scrub_notebook` removes both
from relcourse notebooks; the Jupyter server extension below runs it on every save. A learner's
own cells (without relcourse metadata) are left as they are.
"""

from __future__ import annotations

from typing import Any

from relcourse.notebook.cells import NAMESPACE


def is_relcourse_notebook(notebook: dict[str, Any]) -> bool:
    return NAMESPACE in notebook.get("metadata", {})


def scrub_notebook(notebook: dict[str, Any]) -> dict[str, Any]:
    """Drop saved widget state and the outputs of relcourse cells (in place); returns the notebook.

    Without their state the widget views could not be redrawn anyway (JupyterLab would show
    "model not found"), so the saved module reopens as clean as it was built: Run All brings
    the widgets back, filled from the learner's store.
    """
    notebook.get("metadata", {}).pop("widgets", None)
    for cell in notebook.get("cells", []):
        if cell.get("cell_type") == "code" and NAMESPACE in cell.get("metadata", {}):
            cell["outputs"] = []
            cell["execution_count"] = None
    return notebook


def pre_save_hook(model: dict[str, Any], **kwargs: Any) -> None:
    """jupyter_server pre-save hook: scrub relcourse notebooks before they are written."""
    if model.get("type") == "notebook" and isinstance(model.get("content"), dict) and is_relcourse_notebook(model["content"]):
        scrub_notebook(model["content"])


def _jupyter_server_extension_points() -> list[dict[str, str]]:
    return [{"module": "relcourse.jupyter.privacy"}]


def _load_jupyter_server_extension(serverapp: Any) -> None:
    serverapp.contents_manager.register_pre_save_hook(pre_save_hook)
    serverapp.log.info("relcourse: learners' words are kept out of saved notebooks")
