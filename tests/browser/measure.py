"""What the phone tests measure in a page: its weight on the wire and its axe-core violations."""

import gzip
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders

AXE = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
AXE_RULES = ["wcag2a", "wcag2aa", "wcag21aa"]
MAX_PAGE_BYTES = 100 * 1024


@cache
def static_bytes_on_the_wire(path):
    """A static file's size as production sends it: WhiteNoise's compressed storage
    (settings/production.py) serves a gzip copy of every file that compresses (the test server
    sends files as they are)."""
    with open(finders.find(path), "rb") as file:
        content = file.read()
    return min(len(content), len(gzip.compress(content, compresslevel=9)))


class WeightMeter:
    """Counts the bytes of a page and everything it loads. Routing every request turns the
    browser's cache off, so each page is weighed as a first visit."""

    def __init__(self, page):
        self.requests = []
        page.context.route("**/*", lambda route: route.continue_())
        page.on("requestfinished", lambda request: self.requests.append(request))

    def weigh(self, page, url):
        """Load `url` in `page` and return {url: bytes} of what it loaded."""
        self.requests.clear()
        page.goto(url)
        page.wait_for_load_state("networkidle")
        weights = {}
        for request in self.requests:
            path = urlsplit(request.url).path
            if path.startswith(settings.STATIC_URL):
                weights[request.url] = static_bytes_on_the_wire(path[len(settings.STATIC_URL):])
            else:
                weights[request.url] = request.sizes()["responseBodySize"]
        return weights


def axe_violations(page):
    """axe-core's WCAG 2.1 A/AA violations on the page, as "rule: selectors" strings. axe is
    evaluated through the DevTools protocol, which the page's CSP does not govern (a script
    tag would be refused, as it should)."""
    page.evaluate(AXE.read_text())
    violations = page.evaluate(
        "async (tags) => (await axe.run(document, {runOnly: tags})).violations", AXE_RULES)
    return [f"{violation['id']}: {[node['target'] for node in violation['nodes']][:3]}"
            for violation in violations]
