"""The widgets in another site's page (issue 12, Sharing): Chromium, on a page served from
another origin, shows a settlement's widget in an iframe and refuses to frame the settlement's
own page (CSP frame-ancestors 'self' and X-Frame-Options DENY)."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import WAIT_MS
from tests.factories import PromisePageFactory, SettlementPageFactory
from website.site_tree import ensure_site_tree

pytestmark = [pytest.mark.browser,
              pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def newspaper():
    """Another site on loopback (a local origin, which Chromium lets frame a local server):
    serves `newspaper.story` at its root; yields the server."""

    class Story(BaseHTTPRequestHandler):
        def do_GET(self):
            body = self.server.story.encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Story)
    server.story = ""
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server
    server.shutdown()
    server.server_close()


def test_another_site_can_frame_the_widget_and_nothing_else(browser, live_server, newspaper):
    ensure_site_tree()
    ak_jar = SettlementPageFactory(title="Ak-Jar")
    PromisePageFactory(title="Electricity for Ak-Jar", settlements=[ak_jar])
    newspaper.story = (
        f'<h1>Story</h1><iframe id="widget" src="{live_server.url}/embed/settlement/'
        f'{ak_jar.pk}/"></iframe><iframe id="page" src="{live_server.url}{ak_jar.url}"></iframe>')
    context = browser.new_context()
    context.set_default_timeout(WAIT_MS)
    page = context.new_page()

    with page.expect_response(lambda response: response.url.endswith(ak_jar.url)) as framed:
        page.goto(f"http://127.0.0.1:{newspaper.server_port}/")  # waits for the frames too

    widget = page.frame_locator("#widget")
    expect(widget.get_by_role("link", name="Electricity for Ak-Jar")).to_be_visible()
    assert framed.value.status == 200  # the server answered: the browser refused to show it
    refused_frame = page.locator("#page").element_handle().content_frame()
    assert refused_frame.url.startswith("chrome-error://"), refused_frame.url
    assert "Ak-Jar" not in refused_frame.content()
    context.close()
