"""Charts: accessible SVG images with their numbers in tables, counting only public records."""

import re
from types import SimpleNamespace

import pytest
from django.utils import timezone
from wagtail.models import PageViewRestriction

from tests.factories import (
    CityPageFactory,
    ElectionFactory,
    PersonPageFactory,
    PromisePageFactory,
    SettlementPageFactory,
)


def svg_of(response):
    """The chart's title, description and visible text."""
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml; charset=utf-8"
    assert "script-src" not in response["Content-Security-Policy"]
    body = response.content.decode()
    assert "<script" not in body and "<?xml" not in body
    assert body.startswith("<svg") and body.endswith("</svg>")
    return SimpleNamespace(title=re.search(r"<title>(.*?)</title>", body).group(1),
                           desc=re.search(r"<desc>(.*?)</desc>", body).group(1),
                           text=re.sub(r"<[^>]+>", " ", body))


def table_rows(html, caption_start):
    """The rows of the table whose caption starts with `caption_start`, as lists of cells."""
    tables = re.findall(r"<table.*?</table>", html, re.S)
    table = next(t for t in tables if re.search(rf"<caption[^>]*>\s*{re.escape(caption_start)}", t))
    return [[re.sub(r"<[^>]+>", "", cell).strip()
             for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)]
            for row in re.findall(r"<tr>(.*?)</tr>", table.split("<tbody>")[1], re.S)]


@pytest.fixture
def world(home):
    bishkek = CityPageFactory(title="Bishkek")
    ak_jar = SettlementPageFactory(title="Ak-Jar", parent=bishkek)
    hidden = SettlementPageFactory(title="Hidden", parent=bishkek)
    person = PersonPageFactory(title="Almazbek Atambaev")
    election = ElectionFactory(title="Presidential election 2011", date="2011-10")
    PromisePageFactory(settlements=[ak_jar], people=[person], made="2011-09",
                       election=election, history=[("2011-10", "in_progress"), ("2012", "kept")])
    PromisePageFactory(settlements=[ak_jar], people=[person], made="2011-09", deadline="2012",
                       history=[("2011-11", "stalled")])
    PromisePageFactory(settlements=[ak_jar], made="2011-08", history=[("2013-02", "broken")])
    PromisePageFactory(settlements=[ak_jar], made="2010")
    draft = PromisePageFactory(settlements=[ak_jar], people=[person], made="2011-09",
                               history=[("2012", "kept")])
    draft.unpublish()
    private = PromisePageFactory(settlements=[hidden], made="2011-09",
                                 history=[("2012", "kept")])
    for page in (hidden, private):
        PageViewRestriction.objects.create(page=page, restriction_type="password",
                                           password="swordfish")
    return {"bishkek": bishkek, "ak_jar": ak_jar, "person": person, "hidden": hidden}


def test_a_settlements_status_chart_counts_its_public_promises(client, world):
    html = client.get(world["ak_jar"].url).content.decode()
    chart_url = f"/charts/status/{world['ak_jar'].pk}.svg"
    assert f'src="{chart_url}"' in html
    assert dict(table_rows(html, "Promises by status")) == {
        "Not yet rated": "1", "In progress": "0", "Stalled": "1", "Partially kept": "0",
        "Kept": "1", "Broken": "1", "Overdue": "1"}
    svg = svg_of(client.get(chart_url))
    assert svg.title == "Promises of Ak-Jar by status"
    assert "Kept: 1" in svg.desc


@pytest.mark.parametrize("record, kept", [("bishkek", "1"), ("person", "1")])
def test_city_and_person_pages_show_the_chart_beside_their_scorecard(client, world, record,
                                                                     kept):
    """The chart shows the numbers of the page's scorecard table."""
    page = world[record]
    html = client.get(page.url).content.decode()
    assert f'src="/charts/status/{page.pk}.svg"' in html
    scorecard = table_rows(html, "Promises by status")
    svg = svg_of(client.get(f"/charts/status/{page.pk}.svg"))
    assert svg.desc == "; ".join(f"{label}: {n}" for label, n in scorecard)
    assert ["Kept", kept] in scorecard


def test_private_records_have_no_chart(client, world):
    assert client.get(f"/charts/status/{world['hidden'].pk}.svg").status_code == 404
    assert client.get("/charts/status/99999999999.svg").status_code == 404
    assert client.get("/charts/nonsense.svg").status_code == 404


def test_promises_per_month_marks_the_elections(client, world):
    html = client.get("/charts/").content.decode()
    assert len(html.encode()) < 100_000
    rows = table_rows(html, "The numbers of “Promises made per month")
    assert ["2011-09", "2", ""] in rows  # the draft and the private promise are not counted
    assert ["2011-08", "1", ""] in rows
    assert ["2011-10", "0", "Presidential election 2011"] in rows
    assert ["dated only to the year", "1", ""] in rows
    svg = svg_of(client.get("/charts/promises-per-month.svg"))
    assert "2011-10" in svg.text
    assert "Presidential election 2011" in svg.desc


def test_status_share_follows_each_promises_history(client, world):
    html = client.get("/charts/").content.decode()
    rows = {row[0]: row[1:] for row in table_rows(html, "The numbers of “Kept, broken")}
    # end of year: recorded, kept, broken, overdue
    assert rows["2010"] == ["1", "0", "0", "0"]
    assert rows["2011"] == ["4", "0", "0", "0"]
    assert rows["2012"] == ["4", "1", "0", "0"]  # the 2012 deadline passes on 31 December
    assert rows["2013"] == ["4", "1", "1", "1"]
    assert rows[str(timezone.localdate().year)] == ["4", "1", "1", "1"]
    svg_of(client.get("/charts/status-share.svg"))


def test_chart_labels_are_translated(client, world):
    svg = svg_of(client.get(f"/ru/charts/status/{world['ak_jar'].pk}.svg"))
    assert "Kept" not in svg.text


def test_home_links_to_the_charts(client, world):
    assert 'href="/charts/"' in client.get("/").content.decode()
