"""nbconvert exporters for the handouts: ``jupyter nbconvert --to relcourse_handout`` (participant)
and ``--to relcourse_facilitator``; PDF variants render that HTML with WeasyPrint.

Thin wrappers: the handout is made by :func:`relcourse.export.render.render_handout`, the code
``relcourse export`` runs without nbconvert, so both give the same bytes.
"""

from __future__ import annotations

from typing import Any

from nbconvert.exporters import HTMLExporter
from traitlets import Int, Unicode, default

from relcourse.export.pdf import PACKAGE, PDF_VARIANT, TEMPLATES, html_to_pdf, package_only
from relcourse.export.render import render_handout

__all__ = ["PACKAGE", "PDF_VARIANT", "TEMPLATES", "html_to_pdf", "package_only", "HandoutExporter",
           "ParticipantHandoutExporter", "FacilitatorGuideExporter", "HandoutPDFExporter",
           "ParticipantHandoutPDFExporter", "FacilitatorGuidePDFExporter"]


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

    def from_notebook_node(self, nb: Any, resources: Any = None, **kw: Any) -> tuple[str, dict[str, Any]]:  # type: ignore[override]
        """nbconvert's resources (the output extension, the notebook's name), then relcourse's own renderer.

        nbconvert's preprocessors and template pipeline are not run: the edition's steps and the same
        templates are, through the one function every relcourse command uses.
        """
        resources = self._init_resources(resources)
        return render_handout(nb, self.edition, resources, paper=self.paper, log_weeks=self.log_weeks)


class ParticipantHandoutExporter(HandoutExporter):
    export_from_notebook = "Relcourse participant handout"


class FacilitatorGuideExporter(HandoutExporter):
    export_from_notebook = "Relcourse facilitator guide"

    @default("edition")
    def _edition_default(self) -> str:
        return "facilitator"


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
