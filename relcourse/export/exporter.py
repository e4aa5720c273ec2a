"""nbconvert exporters for the handouts: ``jupyter nbconvert --to relcourse_handout`` (participant)
and ``--to relcourse_facilitator``; PDF variants render that HTML with WeasyPrint."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from urllib.request import url2pathname

from jinja2 import Environment, select_autoescape
from nbconvert.exporters import HTMLExporter, TemplateExporter
from nbconvert.preprocessors import Preprocessor
from traitlets import Int, Unicode, default

from relcourse.export.editions import EDITIONS
from relcourse.i18n import _, ngettext, use_language

TEMPLATES = Path(__file__).parent / "templates"
PACKAGE = Path(__file__).resolve().parent.parent
#: accessible print: WeasyPrint's PDF/UA-1 variant (structure tags, document language and title)
PDF_VARIANT = "pdf/ua-1"


class HandoutExporter(HTMLExporter):
    """Static, self-contained HTML handout (no code, no scripts, nothing fetched)."""

    export_from_notebook = "Relcourse handout"
    edition = Unicode("participant", help="participant or facilitator").tag(config=True)
    paper = Unicode("", help="a4 or letter (default: the course settings)").tag(config=True)
    log_weeks = Int(0, help="journal pages per log: this many numbered weeks (0: one page to photocopy)").tag(config=True)

    @default("template_name")
    def _template_name_default(self) -> str:
        return "relcourse_handout"

    @default("extra_template_basedirs")
    def _extra_template_basedirs_default(self) -> list[str]:
        return [str(TEMPLATES)]

    def _create_environment(self) -> Environment:
        """Autoescape every ``.html`` template: content reaches the page as text unless a
        template says ``|safe`` (only for HTML this exporter rendered itself)."""
        environment: Environment = super()._create_environment()
        environment.autoescape = select_autoescape(enabled_extensions=("html", "html.j2"), default_for_string=False)
        environment.add_extension("jinja2.ext.i18n")  # {{ _("…") }}: the kit's words in the page's language
        environment.install_gettext_callables(gettext=_, ngettext=ngettext, newstyle=True)  # type: ignore[attr-defined]
        return environment

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        for preprocessor in self.relcourse_preprocessors():
            self.register_preprocessor(preprocessor, enabled=True)

    def from_notebook_node(self, nb: Any, resources: Any = None, **kw: Any) -> tuple[str, dict[str, Any]]:  # type: ignore[override]
        """Render with our template, skipping HTMLExporter's lab-template post-processing.

        That step re-parses the whole page with BeautifulSoup to tag images and code cells,
        none of which a handout has; it was half the export time.
        """
        resources = self._init_resources(resources)
        with use_language(nb.metadata.get("relcourse", {}).get("lang") or "en"):  # preprocessors' and templates' words
            html, resources = TemplateExporter.from_notebook_node(self, nb, resources, **kw)
        return html, resources

    def relcourse_preprocessors(self) -> list[Preprocessor]:
        """The edition's ordered steps (its row in ``EDITIONS``), each given the options it declares."""
        edition = EDITIONS[self.edition]
        options = {"with_answers": edition.answers, "blank_logs": edition.blank_logs, "log_weeks": self.log_weeks,
                   "edition": edition.name, "edition_title": edition.title, "paper": self.paper}
        return [step(parent=self, **{k: v for k, v in options.items() if step.class_traits().get(k) is not None})
                for step in edition.preprocessors]


class ParticipantHandoutExporter(HandoutExporter):
    export_from_notebook = "Relcourse participant handout"


class FacilitatorGuideExporter(HandoutExporter):
    export_from_notebook = "Relcourse facilitator guide"

    @default("edition")
    def _edition_default(self) -> str:
        return "facilitator"


def package_only(url: str) -> bool:
    """What a handout or result card may load while printing: embedded ``data:`` images and
    the package's own files. Never the network, never another file on the computer."""
    parts = urlsplit(url)
    if parts.scheme == "data":
        return True
    if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
        return False
    return Path(url2pathname(parts.path)).resolve().is_relative_to(PACKAGE)


def html_to_pdf(html: str, target: Path | None = None) -> bytes:
    """Print HTML to PDF with WeasyPrint (in-process, no browser, no LaTeX), loading only
    what :func:`package_only` allows."""
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    class PackageFetcher(URLFetcher):  # type: ignore[misc]
        def fetch(self, url: str, headers: Any = None) -> Any:
            if not package_only(url):
                raise ValueError(f"{url[:80]}: handouts load nothing from outside relcourse")
            return super().fetch(url, headers)

    # PDF/UA-1: tagged (headings, lists, tables readable by screen readers), with the page's
    # <title> as the document title shown by viewers and its lang as the document language
    pdf: bytes = HTML(string=html, base_url=str(TEMPLATES), url_fetcher=PackageFetcher()).write_pdf(pdf_variant=PDF_VARIANT)
    if target is not None:
        target.write_bytes(pdf)
    return pdf


class HandoutPDFExporter(HandoutExporter):
    """The same handout printed to PDF by WeasyPrint."""

    export_from_notebook = "Relcourse handout (PDF)"
    output_mimetype = "application/pdf"

    @default("file_extension")
    def _file_extension_default(self) -> str:
        return ".pdf"

    @default("template_extension")
    def _template_extension_default(self) -> str:
        return ".html.j2"  # the PDF is printed from the HTML template

    def from_notebook_node(self, nb: Any, resources: Any = None, **kw: Any) -> tuple[bytes, Any]:  # type: ignore[override]
        html, resources = super().from_notebook_node(nb, resources, **kw)
        resources["output_extension"] = ".pdf"
        return html_to_pdf(html), resources


class ParticipantHandoutPDFExporter(HandoutPDFExporter):
    export_from_notebook = "Relcourse participant handout (PDF)"


class FacilitatorGuidePDFExporter(HandoutPDFExporter):
    export_from_notebook = "Relcourse facilitator guide (PDF)"

    @default("edition")
    def _edition_default(self) -> str:
        return "facilitator"
