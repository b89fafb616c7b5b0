"""The report: a bench run (or one briefing) as one self-contained HTML page to read.

>>> from summarize.report import load_run, render_report
>>> html = render_report(load_run("results/modi_putin"))

Per document: the article (page chrome set aside, greyed), its references and every method's
briefing side by side; each briefing sentence highlights the source sentences it comes from,
and flagged claims show their kind, the words at fault and the evidence they were checked
against. Above them the leaderboard (sortable, with CIs and the tests against lead) and its plot.
"""

from summarize.report.html import GENERATOR, render_briefing, render_report
from summarize.report.run import RunFolder, load_run
from summarize.report.write import write_page

__all__ = ["GENERATOR", "RunFolder", "load_run", "render_briefing", "render_report", "write_page"]
