"""nbconvert exporters for the handouts: ``jupyter nbconvert --to relcourse_handout`` (participant)
and ``--to relcourse_facilitator``; PDF variants render that HTML with WeasyPrint."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from nbconvert.exporters import HTMLExporter, TemplateExporter
from nbconvert.preprocessors import Preprocessor
from traitlets import Int, Unicode, default

from relcourse.export.preprocessors import (
    AddFacilitatorPages,
    BuildHandoutViews,
    EditionInfo,
    RemoveAnswers,
    ValidateRelcourseCells,
)

TEMPLATES = Path(__file__).parent / "templates"


class HandoutExporter(HTMLExporter):
    """Static, self-contained HTML handout (no code, no scripts, nothing fetched)."""

    export_from_notebook = "Relcourse handout"
    edition = Unicode("participant", help="participant or facilitator").tag(config=True)
    paper = Unicode("", help="a4 or letter (default: the course settings)").tag(config=True)
    log_weeks = Int(0, help="blank journal pages per log: this many weeks, to copy (0: the plan's whole length)").tag(config=True)

    @default("template_name")
    def _template_name_default(self) -> str:
        return "relcourse_handout"

    @default("extra_template_basedirs")
    def _extra_template_basedirs_default(self) -> list[str]:
        return [str(TEMPLATES)]

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
        html, resources = TemplateExporter.from_notebook_node(self, nb, resources, **kw)
        return html, resources

    def relcourse_preprocessors(self) -> list[Preprocessor]:
        """In order: validate → remove answers (participant) → views → facilitator pages → edition info."""
        facilitator = self.edition == "facilitator"
        steps: list[Preprocessor] = [ValidateRelcourseCells(parent=self)]
        if not facilitator:
            steps.append(RemoveAnswers(parent=self))  # before any view is built: answers never reach the template
        steps.append(BuildHandoutViews(parent=self, with_answers=facilitator, log_weeks=self.log_weeks))
        if facilitator:
            steps.append(AddFacilitatorPages(parent=self))
        steps.append(EditionInfo(parent=self, edition=self.edition, paper=self.paper))
        return steps


class ParticipantHandoutExporter(HandoutExporter):
    export_from_notebook = "Relcourse participant handout"


class FacilitatorGuideExporter(HandoutExporter):
    export_from_notebook = "Relcourse facilitator guide"

    @default("edition")
    def _edition_default(self) -> str:
        return "facilitator"


def html_to_pdf(html: str, target: Path | None = None) -> bytes:
    """Print HTML to PDF with WeasyPrint (in-process, no browser, no LaTeX)."""
    from weasyprint import HTML

    pdf: bytes = HTML(string=html, base_url=str(TEMPLATES)).write_pdf()
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
