"""Keep learners' words out of saved notebooks.

Widgets show private text only while the kernel runs. Two things could still carry it into
an .ipynb: saved widget state (``metadata.widgets``, written by nbclient by default and by
JupyterLab when "save widget state" is on) and outputs. Two guards, each enough on its own:

- The widgets show a learner's stored words only in a kernel started by a Jupyter server that
  runs this extension (it marks the kernels it starts with :data:`WORDS_SHOWN_ENV`, set to its
  own process id, and a kernel believes the mark only if that is its parent). Kernels started
  by ``jupyter nbconvert --execute``, nbclient or any other front end never receive the words,
  even when run from a marked kernel or a shell that copied the mark, so nothing they save
  can hold them.
- :func:`scrub_notebook` removes widget state and the outputs of relcourse cells; the server
  extension runs it on every save. A learner's own cells (without relcourse metadata) are left
  as they are.
"""

from __future__ import annotations

import os
from typing import Any, Literal

from relcourse.notebook.cells import NAMESPACE

EXTENSION = "relcourse.jupyter.privacy"
#: set (to the server's process id) only in the environment of kernels started by a server that scrubs every save
WORDS_SHOWN_ENV = "RELCOURSE_SAVES_SCRUBBED"


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


def kernel_mark() -> str:
    """The mark this server gives the kernels it starts: its own process id."""
    return str(os.getpid())


MarkState = Literal["shown", "absent", "foreign"]


def take_mark(environ: dict[str, str] | os._Environ[str] = os.environ, parent: int | None = None) -> MarkState:
    """``shown`` in a kernel whose saves are scrubbed: the mark names this process's parent, the
    server that started it. Any other process that inherited the mark (``!jupyter nbconvert
    --execute …`` from a kernel that never imported relcourse, a shell that exported it, a kernel
    started through a wrapper program) has another parent and is not believed: ``foreign``, so the
    widgets can say why no words are shown. The mark is removed here so children do not see it."""
    mark = environ.pop(WORDS_SHOWN_ENV, None)
    if mark is None:
        return "absent"
    return "shown" if mark == str(os.getppid() if parent is None else parent) else "foreign"


def take_words_shown_flag(environ: dict[str, str] | os._Environ[str] = os.environ, parent: int | None = None) -> bool:
    """True in a kernel whose saves are scrubbed (see :func:`take_mark`)."""
    return take_mark(environ, parent) == "shown"


def extension_enabled() -> bool:
    """Whether a Jupyter server started here would load the extension, as jupyter_server decides it.

    A ``jupyter_server_config.json`` (or ``.py``) in any config folder, ``$JUPYTER_CONFIG_DIR``
    included, sets ``ServerApp.jpserver_extensions`` and wins over the ``jupyter_server_config.d``
    files that packages install; reading the ``.d`` files alone said "enabled" when a user had
    disabled it. So the server's own steps are run: load its config files, then find extensions.
    """
    import logging

    from jupyter_server.serverapp import ServerApp

    log = logging.getLogger("relcourse.doctor.jupyter")
    log.propagate = False  # a config file's warnings are the server's to print when it starts
    if not log.handlers:
        log.addHandler(logging.NullHandler())
    app = ServerApp(log=log)
    try:
        app.load_config_file()
        app.find_server_extensions()
    except SystemExit:  # a config file the server would refuse too: it would not start, nothing is scrubbed
        return False
    return bool(app.jpserver_extensions.get(EXTENSION, False))


def _jupyter_server_extension_points() -> list[dict[str, str]]:
    return [{"module": EXTENSION}]


def _load_jupyter_server_extension(serverapp: Any) -> None:
    serverapp.contents_manager.register_pre_save_hook(pre_save_hook)
    sessions = serverapp.session_manager
    kernel_env = sessions.get_kernel_env

    def get_kernel_env(path: str | None, name: Any = None) -> dict[str, str]:
        # only kernels of this server's sessions: not its terminals, not what they start
        return {**kernel_env(path, name), WORDS_SHOWN_ENV: kernel_mark()}

    sessions.get_kernel_env = get_kernel_env
    serverapp.log.info("relcourse: learners' words are kept out of saved notebooks")
