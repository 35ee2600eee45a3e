"""Editors find the records kept beside the pages under one "Records" menu in the admin."""

import re


def test_the_records_menu_leads_to_sources_events_countries_districts_and_subjects(
    client, home, admin_user
):
    client.force_login(admin_user)
    sidebar = client.get("/admin/").content.decode()
    assert '"label": "Records"' in sidebar
    records_menu = sidebar.split('"label": "Records"', 1)[1].split("]]}", 1)[0]
    labels = re.findall(r'"label": "([^"]+)"', records_menu)
    assert labels == ["Sources", "Events", "Countries", "Districts", "Subjects", "Subject labels"]
    for url in re.findall(r'"url": "([^"]+)"', records_menu):
        assert client.get(url).status_code == 200
