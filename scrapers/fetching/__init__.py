"""Framework-free core of the news scrapers (no Django imports).

Modules:

* :mod:`.urls` -- ``canonical_url``, ``check_public_address``, ``UnsafeAddress``
* :mod:`.settings` -- ``FetchSettings``: a fetcher's limits and manners, one frozen object
* :mod:`.http` -- ``Fetcher`` (polite, defensive GET) returning ``FetchResult``/``Outcome``
* :mod:`.decoding` -- ``decode_html`` (header/BOM/meta/detection, cp1251 vs KOI8-R)
* :mod:`.feeds` -- ``parse_feed`` (feedparser) returning ``FeedResult``/``FeedEntry``
* :mod:`.articles` -- ``extract_article`` returning ``Article``; ``sanitise_html``
* :mod:`.dedupe` -- ``similarity``, ``find_near_duplicate``, ``NearDuplicateIndex``

Typical use::

    with Fetcher(FetchSettings("https://ubada.example/about/bot")) as fetcher:
        result = fetcher.fetch(feed_url, etag=outlet.etag, last_modified=outlet.last_modified)
        if result.ok:
            feed = parse_feed(result.body, result.final_url, result.content_type)
            for entry in feed.entries:
                page = fetcher.fetch(entry.link)
                if page.ok:
                    html, _encoding = decode_html(page.body, page.content_type)
                    article = extract_article(html, page.final_url, outlet_selectors)
"""
