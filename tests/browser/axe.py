"""axe-core, the accessibility checker, for the browser tests: npm's axe-core 4.14.1, downloaded once at test
time and checked against the sha512 pinned in axe-lock.json (the same pinned-download code as the site's
Workbox: soins_obliges.offline.vendor), never fetched by the pages themselves.

``violations(page)`` runs axe on the page as it is (WCAG 2.0/2.1 A and AA rules, RGAA 4.1's basis, plus axe's
best practices) and returns ``[(rule id, impact, target, summary)]``."""
from __future__ import annotations

import functools
from pathlib import Path

from soins_obliges.offline import vendor

LOCK = Path(__file__).with_name("axe-lock.json")
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]


@functools.lru_cache(maxsize=1)
def script() -> str:
    (pkg,) = vendor.packages(LOCK)
    return vendor.extract(vendor.tarball(pkg), pkg.files)["axe.min.js"].decode("utf-8")


def violations(page, context: str = "document") -> list[tuple[str, str, str, str]]:
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(content=script())
    result = page.evaluate(
        """async ([context, tags]) => {
             const r = await axe.run(context === "document" ? document : document.querySelector(context),
                                     {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]});
             return r.violations.flatMap(v => v.nodes.map(n => [v.id, v.impact || "", n.target.join(" "),
                                                                 (n.failureSummary || "").split("\\n")[1] || v.help]));
           }""", [context, TAGS])
    return [tuple(v) for v in result]
